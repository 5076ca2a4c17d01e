/**
 * What a log line may carry: a copy of any value with secrets and personal data a log does not
 * need taken out, at any depth. pino's path-based `redact` only knows fixed paths; a password
 * nested in `err.meta.body.currentPassword` or an IBAN in an array of objects escapes it.
 *
 * The walk is iterative (an explicit stack, no recursion) and bounded in depth and in values
 * visited, so a huge or cyclic object costs at most `maxNodes` steps and never blows the stack.
 */

export const REDACTED = '[redacted]';

export interface RedactionLimits {
  /** Objects nested deeper than this are replaced by a marker. */
  maxDepth: number;
  /** Values visited in one walk; past it, the rest is left out with a marker. */
  maxNodes: number;
  /** Characters kept of one string (stack traces included). */
  maxStringLength: number;
}

export const DEFAULT_REDACTION_LIMITS: RedactionLimits = {
  maxDepth: 12,
  maxNodes: 2000,
  maxStringLength: 16_384,
};

/** Exact field names (lower-cased, without `-`/`_`) whose values never reach a line. */
const DENIED_KEYS = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'cookies',
  'setcookie',
  'iban',
  'bic',
  // Bodies of outgoing e-mails: they carry links with tokens and personal data.
  'html',
  'text',
  // The card provider's shop keys (CARD_SHOPS), should a shop's settings ever reach a line.
  'testkey',
  'productionkey',
  'shopkey',
  'cardshops',
]);

/** Substrings of field names whose values never reach a line. */
const DENIED_KEY_PARTS = [
  'password',
  'passwd',
  'secret',
  'token',
  'base64',
  'apikey',
  // SEPA: debtorIban, iban_ciphertext, ibanMasked, creditorIbanMasked… (sepa/ in billing).
  'iban',
];

/** Normalised form (`Current-Password` → `currentpassword`), so one list covers every spelling. */
function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}

export function isDeniedKey(key: string): boolean {
  const normalised = normaliseKey(key);
  if (DENIED_KEYS.has(normalised)) return true;
  for (const part of DENIED_KEY_PARTS) if (normalised.includes(part)) return true;
  return false;
}

/**
 * Fields of driver errors that hold the values of a statement: PostgreSQL's `detail`
 * ("Key (email)=(camille@…) already exists"), `where`, TypeORM's `parameters` and `query`.
 * `code`, `constraint`, `table` and `column` stay: they say what failed without the data.
 */
const DENIED_ERROR_KEYS = new Set([
  'detail',
  'parameters',
  'query',
  'where',
  'hint',
  'internalquery',
]);

// Value patterns, for secrets that arrive inside free text (messages, URLs, stacks).
const QUERY_STRING = /((?:\b[a-z][a-z0-9+.-]*:\/\/|(?<![\w.])\/)[^\s?#"'<>]*)\?[^\s#"'<>]+/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
// Country code, check digits, then 8 to 30 alphanumerics, grouped by 4 or not (FR76 3000 …).
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const BASE64_BLOB = /[A-Za-z0-9+/]{100,}={0,2}|[A-Za-z0-9_-]{100,}/g;
/**
 * Path segments that are credentials themselves: the secret token of a child's calendar feed
 * (`/calendar-feeds/<token>.ics`), which request logs and problem `instance`s would carry.
 */
const SECRET_PATH = /(\/calendar-feeds\/)[^/\s?#"'<>]+/gi;

/** A string with URL query strings, credentials, IBANs and base64 blobs taken out. */
export function scrubString(
  value: string,
  maxLength = DEFAULT_REDACTION_LIMITS.maxStringLength,
): string {
  let text = value.length > maxLength ? `${value.slice(0, maxLength)}…[truncated]` : value;
  // Cheap guards first: most log strings are short messages with none of these.
  if (text.includes('?')) text = text.replace(QUERY_STRING, `$1?${REDACTED}`);
  if (/\/calendar-feeds\//i.test(text)) text = text.replace(SECRET_PATH, `$1${REDACTED}`);
  if (/bearer|basic/i.test(text)) text = text.replace(BEARER, `$1 ${REDACTED}`);
  if (text.includes('eyJ')) text = text.replace(JWT, REDACTED);
  if (text.length >= 12) text = text.replace(IBAN, '[iban]');
  if (text.length >= 100) text = text.replace(BASE64_BLOB, '[base64]');
  return text;
}

type Container = Record<string, unknown> | unknown[];

interface Ancestor {
  readonly source: object;
  readonly parent: Ancestor | undefined;
}

interface Task {
  readonly source: unknown;
  readonly target: Container;
  readonly key: string | number;
  readonly depth: number;
  readonly ancestors: Ancestor | undefined;
  /** Inside an error: its driver fields are dropped too. */
  readonly inError: boolean;
}

function isAncestor(source: object, ancestors: Ancestor | undefined): boolean {
  for (let node = ancestors; node; node = node.parent) if (node.source === source) return true;
  return false;
}

/**
 * An error as plain fields: its type, message and stack, its own fields and its cause, without
 * the statement values a driver error carries (they stay out at any depth below it).
 */
function errorFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    type: error.constructor?.name ?? error.name,
    message: error.message,
    stack: error.stack,
  };
  for (const key of Object.keys(error)) {
    if (!(key in fields)) fields[key] = (error as unknown as Record<string, unknown>)[key];
  }
  // `cause` is an own property but not enumerable.
  if ('cause' in error && error.cause !== undefined) fields.cause = error.cause;
  return fields;
}

function hasToJson(value: object): value is { toJSON: () => unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/**
 * A copy of `value` fit for a log line: denied fields replaced by `[redacted]`, driver error
 * values dropped, strings scrubbed; cycles, depth and size bounded by `limits`.
 */
export function redact(
  value: unknown,
  limits: RedactionLimits = DEFAULT_REDACTION_LIMITS,
): unknown {
  const root: Record<string, unknown> = {};
  const stack: Task[] = [
    { source: value, target: root, key: 'value', depth: 0, ancestors: undefined, inError: false },
  ];
  let budget = limits.maxNodes;

  const assign = (task: Task, result: unknown): void => {
    if (Array.isArray(task.target)) task.target[task.key as number] = result;
    else task.target[task.key as string] = result;
  };

  while (stack.length > 0) {
    const task = stack.pop() as Task;
    budget -= 1;
    let source = task.source;
    switch (typeof source) {
      case 'string':
        assign(task, scrubString(source, limits.maxStringLength));
        continue;
      case 'number':
      case 'boolean':
      case 'undefined':
        assign(task, source);
        continue;
      case 'bigint':
        assign(task, source.toString());
        continue;
      case 'function':
      case 'symbol':
        continue;
    }
    if (source === null) {
      assign(task, null);
      continue;
    }
    let object = source as object;
    if (object instanceof Date) {
      assign(task, Number.isNaN(object.getTime()) ? null : object.toISOString());
      continue;
    }
    // Raw bytes are file contents or keys: their size is all a log needs.
    if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) {
      assign(task, `[binary ${object.byteLength} bytes]`);
      continue;
    }
    if (isAncestor(object, task.ancestors)) {
      assign(task, '[circular]');
      continue;
    }
    if (task.depth >= limits.maxDepth) {
      assign(task, '[depth limit]');
      continue;
    }
    const inError = task.inError || object instanceof Error;
    if (object instanceof Error) {
      object = errorFields(object);
    } else if (object instanceof Map) {
      object = Object.fromEntries<unknown>(object as Map<PropertyKey, unknown>);
    } else if (object instanceof Set) {
      object = [...object];
    } else if (!Array.isArray(object) && hasToJson(object)) {
      // URL, Decimal…: their JSON form is what would be written; scrub that instead.
      try {
        source = object.toJSON();
      } catch {
        source = '[unserialisable]';
      }
      if (typeof source !== 'object' || source === null) {
        stack.push({ ...task, source });
        budget += 1;
        continue;
      }
      object = source;
    }
    const ancestors: Ancestor = { source: task.source as object, parent: task.ancestors };
    const depth = task.depth + 1;

    if (Array.isArray(object)) {
      const copy: unknown[] = [];
      assign(task, copy);
      const kept = Math.max(0, Math.min(object.length, budget - stack.length));
      for (let index = kept - 1; index >= 0; index -= 1) {
        stack.push({ source: object[index], target: copy, key: index, depth, ancestors, inError });
      }
      if (kept < object.length) copy[kept] = `[${object.length - kept} more items]`;
      continue;
    }

    const copy: Record<string, unknown> = {};
    assign(task, copy);
    const fields = object as Record<string, unknown>;
    let left = 0;
    for (const key in fields) {
      if (!Object.prototype.hasOwnProperty.call(fields, key)) continue;
      if (inError && DENIED_ERROR_KEYS.has(normaliseKey(key))) continue;
      if (isDeniedKey(key)) {
        copy[key] = REDACTED;
      } else if (budget - stack.length > 0) {
        copy[key] = undefined; // keeps the source's key order in the output
        stack.push({ source: fields[key], target: copy, key, depth, ancestors, inError });
      } else {
        left += 1;
      }
    }
    if (left > 0) copy['[truncated]'] = `${left} more fields`;
  }
  return root.value;
}

/** pino's `formatters.log`: every logged object goes through `redact`. */
export function redactLogObject(object: Record<string, unknown>): Record<string, unknown> {
  const result = redact(object);
  return typeof result === 'object' && result !== null && !Array.isArray(result)
    ? (result as Record<string, unknown>)
    : { value: result };
}

/** pino's `err` serializer, for an error logged under `err` without `formatters.log`. */
export function serializeError(error: unknown): unknown {
  return redact(error);
}

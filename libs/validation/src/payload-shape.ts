/**
 * Limits every payload obeys before any field rule runs, at the gateway and again in each
 * service: a body nested a thousand levels deep overflows the stack of recursive validators,
 * and a NUL character in any text is refused by PostgreSQL (500) if it gets that far.
 */

/** Deepest legitimate payload (a procedure's form with conditions) is under 10 levels. */
export const MAX_PAYLOAD_DEPTH = 24;
/** Values (objects, arrays, scalars) in one payload. */
export const MAX_PAYLOAD_NODES = 50_000;
/** Validation reports at most this many field errors, so a refusal always fits in a reply. */
export const MAX_FIELD_ERRORS = 50;

/** C0 control characters other than tab, line feed and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

export interface PayloadShapeProblem {
  /** Dotted path of the offending value (`''` for the payload itself). */
  field: string;
  message: string;
}

/**
 * The first problem of shape in a parsed payload (JSON body, query string, path parameters,
 * NATS message), or undefined. Iterative, so no payload can overflow the stack here.
 */
export function payloadShapeProblem(value: unknown): PayloadShapeProblem | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value, path: '', depth: 0 },
  ];
  let nodes = 0;
  while (stack.length > 0) {
    const current = stack.pop() as { value: unknown; path: string; depth: number };
    nodes += 1;
    if (nodes > MAX_PAYLOAD_NODES) {
      return {
        field: '',
        message: `La requête contient trop de valeurs (au plus ${MAX_PAYLOAD_NODES}).`,
      };
    }
    const item = current.value;
    if (typeof item === 'string') {
      if (hasControlCharacters(item)) {
        return {
          field: current.path,
          message: 'Le texte contient des caractères de contrôle non autorisés.',
        };
      }
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    if (current.depth >= MAX_PAYLOAD_DEPTH) {
      return {
        field: current.path,
        message: `La requête est imbriquée trop profondément (au plus ${MAX_PAYLOAD_DEPTH} niveaux).`,
      };
    }
    if (ArrayBuffer.isView(item)) continue; // raw uploads are checked by their own rules
    const entries = Array.isArray(item)
      ? item.map((child, index) => [String(index), child] as const)
      : Object.entries(item);
    for (const [key, child] of entries) {
      if (hasControlCharacters(key)) {
        return {
          field: current.path,
          message: 'Un nom de champ contient des caractères de contrôle non autorisés.',
        };
      }
      const path = current.path ? `${current.path}.${key}` : key;
      stack.push({ value: child, path, depth: current.depth + 1 });
    }
  }
  return undefined;
}

import { AsyncLocalStorage } from 'node:async_hooks';

/** The HTTP header of the IETF draft "The Idempotency-Key HTTP Header Field". */
export const IDEMPOTENCY_KEY_HTTP_HEADER = 'idempotency-key';

const storage = new AsyncLocalStorage<{ idempotencyKey: string }>();

export function runWithIdempotencyKey<T>(idempotencyKey: string, work: () => T): T {
  return storage.run({ idempotencyKey }, work);
}

/** The Idempotency-Key of the HTTP request being served, forwarded with its commands. */
export function currentIdempotencyKey(): string | undefined {
  return storage.getStore()?.idempotencyKey;
}

/**
 * The key of an `Idempotency-Key` header: a structured-field string (`"…"`, as the draft
 * writes it) or a bare token, 1 to 255 printable ASCII characters; `null` when malformed.
 */
export function parseIdempotencyKey(header: string): string | null {
  const quoted = /^"(.*)"$/.exec(header);
  const key = quoted ? quoted[1] : header;
  return /^[\x21-\x7E][\x20-\x7E]{0,254}$/.test(key) && !/["\\]/.test(key) ? key : null;
}

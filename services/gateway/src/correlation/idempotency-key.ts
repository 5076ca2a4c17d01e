import { AsyncLocalStorage } from 'node:async_hooks';

/** The HTTP header of the IETF draft "The Idempotency-Key HTTP Header Field". */
export const IDEMPOTENCY_KEY_HTTP_HEADER = 'idempotency-key';

/** What the gateway forwards with every request of one HTTP request, besides the caller. */
interface ForwardedContext {
  idempotencyKey?: string;
  clientAddress: string;
}

const storage = new AsyncLocalStorage<ForwardedContext>();

export function runWithForwardedContext<T>(context: ForwardedContext, work: () => T): T {
  return storage.run(context, work);
}

/** The Idempotency-Key of the HTTP request being served, forwarded with its commands. */
export function currentIdempotencyKey(): string | undefined {
  return storage.getStore()?.idempotencyKey;
}

/** The HTTP client's address, forwarded for the back-offs counted per account and address. */
export function currentClientAddress(): string | undefined {
  return storage.getStore()?.clientAddress;
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

import { AsyncLocalStorage } from 'node:async_hooks';

/** The Idempotency-Key of the request a handler is working on, if its caller sent one. */
export interface IdempotencyClaim {
  /** `<subject> <caller account id | anonymous>`: a key is the caller's, for one command. */
  scope: string;
  key: string;
  /** SHA-256 of the payload: the same key with another payload is refused. */
  requestHash: string;
  /** Set once the key row is written in the first transaction the handler commits. */
  claimed: boolean;
}

const storage = new AsyncLocalStorage<IdempotencyClaim>();

export function runWithIdempotencyClaim<T>(claim: IdempotencyClaim, work: () => T): T {
  return storage.run(claim, work);
}

export function currentIdempotencyClaim(): IdempotencyClaim | undefined {
  return storage.getStore();
}

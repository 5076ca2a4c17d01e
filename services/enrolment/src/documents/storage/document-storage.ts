/** Part of an object's bytes: `length` bytes from offset `start`. */
export interface ByteRange {
  start: number;
  length: number;
}

/**
 * Where the bytes of supporting documents are kept, by key. Metadata (household, type,
 * size, checksum) stays in the `documents` table whatever the storage; a key is written once
 * and never rewritten with other bytes.
 *
 * An abstract class rather than an interface so that it is also the injection token.
 */
export abstract class DocumentStorage {
  abstract readonly kind: 'postgres' | 'filesystem' | 's3';

  abstract put(key: string, bytes: Buffer): Promise<void>;

  /** The bytes, or a range of them (downloads go in parts); undefined when the key is unknown. */
  abstract get(key: string, range?: ByteRange): Promise<Buffer | undefined>;

  /** Removes the object; an unknown key is not an error (deletion may be retried). */
  abstract delete(key: string): Promise<void>;

  /** Releases connections (on shutdown); nothing to do for most storages. */
  async close(): Promise<void> {}
}

/** Keys are ours (`households/<id>/<id>`), but a filesystem or S3 key must never climb out. */
export const STORAGE_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9_-]*)*$/;

export function assertStorageKey(key: string): void {
  if (!STORAGE_KEY_PATTERN.test(key) || key.length > 512) {
    throw new Error(`Invalid document storage key: ${JSON.stringify(key)}`);
  }
}

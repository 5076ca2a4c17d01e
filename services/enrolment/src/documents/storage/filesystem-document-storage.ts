import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { assertStorageKey, DocumentStorage, type ByteRange } from './document-storage';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/**
 * Bytes as files under DOCUMENT_STORAGE_DIR (a mounted volume shared by the replicas). Each file
 * is written under a temporary name then renamed, so a reader never sees half a document.
 */
export class FilesystemDocumentStorage extends DocumentStorage {
  readonly kind = 'filesystem';
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, bytes, { mode: 0o600 });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Buffer | undefined> {
    const path = this.pathOf(key);
    try {
      if (!range) return await readFile(path);
      const file = await open(path, 'r');
      try {
        const buffer = Buffer.alloc(range.length);
        const { bytesRead } = await file.read(buffer, 0, range.length, range.start);
        return buffer.subarray(0, bytesRead);
      } finally {
        await file.close();
      }
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    return join(this.root, ...key.split('/'));
  }
}

import type { DataSource } from 'typeorm';
import { assertStorageKey, DocumentStorage, type ByteRange } from './document-storage';

/**
 * The default: bytes in the service's own database (`document_blobs`), so a database backup
 * holds everything. The column is stored uncompressed (EXTERNAL: PDFs and images are already
 * compressed), which lets PostgreSQL read one part without detoasting the whole value.
 */
export class PostgresDocumentStorage extends DocumentStorage {
  readonly kind = 'postgres';

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    assertStorageKey(key);
    await this.dataSource.query(
      `INSERT INTO document_blobs (storage_key, data) VALUES ($1, $2)
       ON CONFLICT (storage_key) DO UPDATE SET data = EXCLUDED.data`,
      [key, bytes],
    );
  }

  async get(key: string, range?: ByteRange): Promise<Buffer | undefined> {
    assertStorageKey(key);
    const rows: Array<{ data: Buffer }> = range
      ? await this.dataSource.query(
          // substring() on bytea counts from 1
          'SELECT substring(data FROM $2 FOR $3) AS data FROM document_blobs WHERE storage_key = $1',
          [key, range.start + 1, range.length],
        )
      : await this.dataSource.query('SELECT data FROM document_blobs WHERE storage_key = $1', [
          key,
        ]);
    return rows[0]?.data;
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.dataSource.query('DELETE FROM document_blobs WHERE storage_key = $1', [key]);
  }
}

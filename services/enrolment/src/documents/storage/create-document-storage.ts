import type { DataSource } from 'typeorm';
import type { EnrolmentConfig } from '../../config';
import type { DocumentStorage } from './document-storage';
import { FilesystemDocumentStorage } from './filesystem-document-storage';
import { PostgresDocumentStorage } from './postgres-document-storage';
import { S3DocumentStorage } from './s3-document-storage';

type StorageConfig = Pick<
  EnrolmentConfig,
  | 'DOCUMENT_STORAGE'
  | 'DOCUMENT_STORAGE_DIR'
  | 'S3_ENDPOINT'
  | 'S3_REGION'
  | 'S3_BUCKET'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_FORCE_PATH_STYLE'
>;

function required(value: string | undefined): string {
  if (!value) throw new Error('Document storage configuration incomplete (see config.ts)');
  return value;
}

/** The storage DOCUMENT_STORAGE names (the config schema has checked what each one needs). */
export function createDocumentStorage(
  config: StorageConfig,
  dataSource: DataSource,
): DocumentStorage {
  switch (config.DOCUMENT_STORAGE) {
    case 'postgres':
      return new PostgresDocumentStorage(dataSource);
    case 'filesystem':
      return new FilesystemDocumentStorage(required(config.DOCUMENT_STORAGE_DIR));
    case 's3':
      return new S3DocumentStorage({
        bucket: required(config.S3_BUCKET),
        region: config.S3_REGION,
        endpoint: config.S3_ENDPOINT,
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
        accessKeyId: config.S3_ACCESS_KEY_ID,
        secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      });
  }
}

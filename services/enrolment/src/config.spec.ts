import { ConfigError, loadConfig } from '@portail/config';
import { enrolmentEnvSchema } from './config';

const valid = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/portail_enrolment' };
const load = (env: Record<string, string>) =>
  loadConfig('enrolment', enrolmentEnvSchema, { ...valid, ...env });

describe('enrolment configuration', () => {
  it('keeps documents in PostgreSQL with 10 Mo per document and 50 Mo per household', () => {
    expect(load({})).toMatchObject({
      HTTP_PORT: 3103,
      DOCUMENT_STORAGE: 'postgres',
      DOCUMENT_MAX_BYTES: 10 * 1024 * 1024,
      DOCUMENT_QUOTA_BYTES: 50 * 1024 * 1024,
      DOCUMENT_UPLOAD_TTL_MINUTES: 60,
    });
  });

  it('reads the S3 settings', () => {
    expect(
      load({
        DOCUMENT_STORAGE: 's3',
        S3_ENDPOINT: 'https://s3.fr-par.scw.cloud',
        S3_REGION: 'fr-par',
        S3_BUCKET: 'portail-pieces',
        S3_ACCESS_KEY_ID: 'key',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_FORCE_PATH_STYLE: 'true',
      }),
    ).toMatchObject({
      DOCUMENT_STORAGE: 's3',
      S3_ENDPOINT: 'https://s3.fr-par.scw.cloud',
      S3_BUCKET: 'portail-pieces',
      S3_FORCE_PATH_STYLE: true,
    });
  });

  it('stops with one line naming what is wrong', () => {
    expect(() => load({ DOCUMENT_STORAGE: 'ftp' })).toThrow(
      new ConfigError(
        'Invalid configuration for enrolment: DOCUMENT_STORAGE must be postgres, filesystem or s3 (got "ftp")',
      ),
    );
    expect(() => load({ DOCUMENT_STORAGE: 'filesystem' })).toThrow(
      new ConfigError(
        'Invalid configuration for enrolment: DOCUMENT_STORAGE_DIR is required when DOCUMENT_STORAGE=filesystem (it is not set)',
      ),
    );
    expect(() => load({ DOCUMENT_STORAGE: 's3' })).toThrow(
      /S3_BUCKET is required when DOCUMENT_STORAGE=s3 \(it is not set\)$/,
    );
    expect(() => load({ S3_ACCESS_KEY_ID: 'key' })).toThrow(/S3_SECRET_ACCESS_KEY is required/);
    expect(() => load({ S3_ENDPOINT: 'ftp://minio' })).toThrow(/S3_ENDPOINT must be a URL/);
    expect(() => load({ DOCUMENT_MAX_BYTES: 'dix' })).toThrow(
      /DOCUMENT_MAX_BYTES must be a number of bytes/,
    );
    expect(() => load({ DOCUMENT_MAX_BYTES: '2000000', DOCUMENT_QUOTA_BYTES: '1000000' })).toThrow(
      /DOCUMENT_MAX_BYTES must not exceed DOCUMENT_QUOTA_BYTES/,
    );
  });
});

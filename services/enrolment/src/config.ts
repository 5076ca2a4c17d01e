import { z } from 'zod';
import { backendEnvSchema, envBoolean, envInteger, envPort, envUrl } from '@portail/config';
import { DEFAULT_HTTP_PORTS } from '@portail/contracts';

const MIB = 1024 * 1024;

export const DOCUMENT_STORAGE_KINDS = ['postgres', 'filesystem', 's3'] as const;
export type DocumentStorageKind = (typeof DOCUMENT_STORAGE_KINDS)[number];

/** An empty variable counts as unset (compose files often write `S3_ENDPOINT=`). */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

export const enrolmentEnvSchema = backendEnvSchema
  .extend({
    HTTP_PORT: envPort(DEFAULT_HTTP_PORTS.enrolment),
    /** Largest supporting document. */
    DOCUMENT_MAX_BYTES: envInteger(10 * MIB, 1024, 1024 * MIB, 'a number of bytes'),
    /** Bytes of supporting documents a household may keep ("espace de stockage"). */
    DOCUMENT_QUOTA_BYTES: envInteger(50 * MIB, 1024, 1024 * 1024 * MIB, 'a number of bytes'),
    /** An upload not completed within this time is abandoned and its parts deleted. */
    DOCUMENT_UPLOAD_TTL_MINUTES: envInteger(60, 1, 7 * 24 * 60, 'a number of minutes'),
    /** Where document bytes live: the service database (default), a directory, or S3. */
    DOCUMENT_STORAGE: z
      .enum(DOCUMENT_STORAGE_KINDS, { message: 'must be postgres, filesystem or s3' })
      .optional()
      .default('postgres'),
    DOCUMENT_STORAGE_DIR: optionalText,
    /** S3-compatible endpoint (MinIO, Scaleway, OVH…); AWS when unset. */
    S3_ENDPOINT: z
      .string()
      .optional()
      .transform((value) => (value?.trim() ? value.trim() : undefined))
      .pipe(envUrl(['http', 'https']).optional()),
    S3_REGION: optionalText.transform((value) => value ?? 'us-east-1'),
    S3_BUCKET: optionalText.pipe(
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name' })
        .optional(),
    ),
    /** Both or neither: without them the SDK's default chain applies (IAM role, profile…). */
    S3_ACCESS_KEY_ID: optionalText,
    S3_SECRET_ACCESS_KEY: optionalText,
    S3_FORCE_PATH_STYLE: envBoolean(false),
    // Retention of personal data (the purge job, services/enrolment/src/retention/).
    RETENTION_JOB_ENABLED: envBoolean(true),
    RETENTION_INTERVAL_MS: envInteger(3_600_000, 1_000, 86_400_000, 'a number of milliseconds'),
    /** Drafts nobody touched for this long are deleted. */
    DRAFT_APPLICATIONS_RETENTION_DAYS: envInteger(180, 30, 3650, 'a number of days'),
    /** Rejected and withdrawn applications, this long after their last change. */
    ENDED_APPLICATIONS_RETENTION_DAYS: envInteger(395, 60, 3650, 'a number of days'),
    /** Every other application, this long after the end of its season (31 August). */
    PAST_SEASON_APPLICATIONS_RETENTION_DAYS: envInteger(730, 60, 3650, 'a number of days'),
    /** Documents whose validity ended this long ago, once no application keeps them. */
    EXPIRED_DOCUMENTS_RETENTION_DAYS: envInteger(365, 1, 3650, 'a number of days'),
    /** The staff's reads of documents, kept this long. */
    DOCUMENT_ACCESS_LOG_RETENTION_DAYS: envInteger(365, 30, 3650, 'a number of days'),
  })
  .superRefine((env, ctx) => {
    const require = (name: string, when: string) =>
      ctx.addIssue({ code: 'custom', path: [name], message: `is required when ${when}` });
    if (env.DOCUMENT_STORAGE === 'filesystem' && !env.DOCUMENT_STORAGE_DIR) {
      require('DOCUMENT_STORAGE_DIR', 'DOCUMENT_STORAGE=filesystem');
    }
    if (env.DOCUMENT_STORAGE === 's3' && !env.S3_BUCKET) {
      require('S3_BUCKET', 'DOCUMENT_STORAGE=s3');
    }
    if (!!env.S3_ACCESS_KEY_ID !== !!env.S3_SECRET_ACCESS_KEY) {
      require(env.S3_ACCESS_KEY_ID
        ? 'S3_SECRET_ACCESS_KEY'
        : 'S3_ACCESS_KEY_ID', 'the other S3 key is set');
    }
    if (env.DOCUMENT_MAX_BYTES > env.DOCUMENT_QUOTA_BYTES) {
      ctx.addIssue({
        code: 'custom',
        path: ['DOCUMENT_MAX_BYTES'],
        message: `must not exceed DOCUMENT_QUOTA_BYTES (${env.DOCUMENT_QUOTA_BYTES})`,
      });
    }
  });

export type EnrolmentConfig = z.infer<typeof enrolmentEnvSchema>;

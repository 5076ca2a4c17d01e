import { z } from 'zod';

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const envBoolean = (defaultValue: boolean) =>
  booleanText.optional().transform((value) => value ?? defaultValue);

export const envInteger = (defaultValue: number, min: number, max: number, what: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return defaultValue;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        ctx.addIssue({ code: 'custom', message: `must be ${what} (${min}-${max})` });
        return z.NEVER;
      }
      return parsed;
    });

export const envPort = (defaultValue: number) =>
  envInteger(defaultValue, 0, 65535, 'a port number');

export const envUrl = (protocols: string[], defaultValue?: string) => {
  const url = z.string({ error: 'is required' }).refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `must be a URL (${protocols.map((p) => `${p}://`).join(' or ')}…)` },
  );
  return defaultValue === undefined ? url : url.optional().transform((v) => v ?? defaultValue);
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The `name=<base64url Ed25519 key>` entries of a comma-separated list (32-byte keys). */
const namedKeyEntries = (what: string) =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().regex(/^[a-z][a-z0-9-]*=[A-Za-z0-9_-]{43}$/, {
          message: `must list name=<base64url Ed25519 ${what}>, separated by commas`,
        }),
      ),
    );

/** `name=<base64url Ed25519 key>,…` (32-byte keys), as a record by name. */
const namedKeyList = (what: string) =>
  namedKeyEntries(what).transform((entries) =>
    Object.fromEntries(entries.map((entry) => entry.split('=') as [string, string])),
  );

/** The same, where a name given again adds a key (a caller key rotating): every key by name. */
const namedKeysList = (what: string) =>
  namedKeyEntries(what).transform((entries) => {
    const keys: Record<string, string[]> = {};
    for (const [name, key] of entries.map((entry) => entry.split('=') as [string, string]))
      keys[name] = [...(keys[name] ?? []), key];
    return keys;
  });

/**
 * Keys of verifiable callers (README "Verifiable callers"): the service's own Ed25519 seed and
 * the public keys of the gateway and of every service, as `name=<base64url>,…`.
 */
export const callerKeysEnvSchema = z.object({
  CALLER_SIGNING_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, { message: 'must be a base64url Ed25519 seed (43 characters)' })
    .optional(),
  /** `billing=<old>,billing=<new>` while billing's key rotates (README "Rotating a caller key"). */
  CALLER_PUBLIC_KEYS: namedKeysList('public key'),
  /**
   * Development only (`npm start` sets it): every service's seed as `name=<seed>,…`, from which
   * each process takes its own signing key and everyone's public keys. Refused in production.
   */
  CALLER_DEV_KEYS: namedKeyList('seed'),
  /** Files holding those two values instead (a mounted secret; `npm run caller:keys` writes them). */
  CALLER_SIGNING_KEY_FILE: z.string().min(1).optional(),
  CALLER_PUBLIC_KEYS_FILE: z.string().min(1).optional(),
  /** How old (or early) a caller proof may be; a proof seen within it is refused as a replay. */
  CALLER_PROOF_MAX_AGE_S: envInteger(30, 1, 600, 'a duration in seconds'),
});

/** The service's own NATS credentials and TLS (README "NATS credentials"). */
export const natsAuthEnvSchema = z.object({
  NATS_USER: z.string().min(1).optional(),
  NATS_PASSWORD: z.string().min(1).optional(),
  /** An NKey seed (SU…), for a server configured with the user's public NKey. */
  NATS_NKEY_SEED: z
    .string()
    .regex(/^SU[A-Z2-7]{56}$/, { message: 'must be a user NKey seed (SU…)' })
    .optional(),
  /** Path of a .creds file (decentralised JWT accounts). */
  NATS_CREDS: z.string().min(1).optional(),
  NATS_TLS_CA: z.string().min(1).optional(),
  NATS_TLS_CERT: z.string().min(1).optional(),
  NATS_TLS_KEY: z.string().min(1).optional(),
  /**
   * Accept a NATS without credentials under NODE_ENV=production, said explicitly (benchmarks
   * on a local server). Never in a deployment.
   */
  NATS_ALLOW_ANONYMOUS: envBoolean(false),
});

/** What every service reads, gateway included. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).optional().default('development'),
  NATS_URL: z
    .string()
    .optional()
    .transform((v) => v ?? 'nats://127.0.0.1:4222')
    .pipe(
      z
        .string()
        .refine(
          (value) => value.split(',').every((s) => /^(nats|tls|wss?):\/\/[^\s]+$/.test(s.trim())),
          {
            message: 'must be one or more nats:// URLs separated by commas',
          },
        ),
    ),
  /**
   * Prefix of every command and query subject (e.g. `staging.`): lets several deployments, or
   * parallel test runs, share one NATS without answering each other's requests.
   */
  NATS_SUBJECT_PREFIX: z
    .string()
    .regex(/^([a-z0-9_-]+\.)*$/, {
      message: 'must be empty or segments ending with a dot, such as staging.',
    })
    .optional()
    .default(''),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
    .optional()
    .default('info'),
  SHUTDOWN_TIMEOUT_MS: envInteger(10000, 100, 300000, 'a duration in milliseconds'),
  ...callerKeysEnvSchema.shape,
  ...natsAuthEnvSchema.shape,
});

const streamName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, {
  message: 'must be a JetStream stream name (letters, digits, _ and -)',
});

/** The durable events backbone (outbox → JetStream → inbox); see README "Domain events". */
export const eventsEnvSchema = z.object({
  EVENTS_STREAM: streamName.optional().default('PORTAIL_EVENTS'),
  EVENTS_SUBJECT_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/, {
      message: 'must be a NATS subject prefix such as events',
    })
    .optional()
    .default('events'),
  EVENTS_STREAM_REPLICAS: envInteger(1, 1, 5, 'a replica count'),
  EVENTS_STREAM_MAX_AGE_DAYS: envInteger(30, 1, 3650, 'a number of days'),
  EVENTS_STREAM_MAX_BYTES: envInteger(
    1024 * 1024 * 1024,
    1024 * 1024,
    Number.MAX_SAFE_INTEGER,
    'a size in bytes',
  ),
  EVENTS_DUPLICATE_WINDOW_S: envInteger(600, 1, 86400, 'a duration in seconds'),
  EVENTS_RELAY_ENABLED: envBoolean(true),
  EVENTS_CONSUMER_ENABLED: envBoolean(true),
  OUTBOX_POLL_INTERVAL_MS: envInteger(1000, 10, 600000, 'a duration in milliseconds'),
  OUTBOX_BATCH_SIZE: envInteger(200, 1, 10000, 'a batch size'),
  OUTBOX_RETENTION_DAYS: envInteger(7, 0, 3650, 'a number of days'),
  /** Dead letters (whole events: personal data) this long after they failed. */
  DEAD_LETTERS_RETENTION_DAYS: envInteger(90, 1, 3650, 'a number of days'),
  EVENTS_MAX_ATTEMPTS: envInteger(5, 1, 1000, 'a number of attempts'),
  EVENTS_RETRY_BASE_MS: envInteger(1000, 1, 3600000, 'a duration in milliseconds'),
  EVENTS_ACK_WAIT_MS: envInteger(30000, 500, 3600000, 'a duration in milliseconds'),
  EVENTS_CONSUMER_CONCURRENCY: envInteger(16, 1, 1000, 'a number of handlers'),
});

/** What every back-end service (one with a database) reads. */
export const backendEnvSchema = baseEnvSchema.extend({
  DATABASE_URL: envUrl(['postgres', 'postgresql']),
  DATABASE_POOL_SIZE: envInteger(10, 1, 200, 'a pool size'),
  RUN_MIGRATIONS: envBoolean(true),
  /** Requests a replica works on at once (admission control; past it and the queue, 503 SERVICE_BUSY). */
  MAX_IN_FLIGHT_REQUESTS: envInteger(32, 1, 10000, 'a number of requests'),
  /** Requests that may wait for one of those slots (each still within its caller's deadline). */
  MAX_QUEUED_REQUESTS: envInteger(256, 0, 100000, 'a number of requests'),
  ...eventsEnvSchema.shape,
});

export type BaseEnv = z.infer<typeof baseEnvSchema>;
export type BackendEnv = z.infer<typeof backendEnvSchema>;
export type EventsEnv = z.infer<typeof eventsEnvSchema>;

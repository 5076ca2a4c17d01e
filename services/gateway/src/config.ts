import { z } from 'zod';
import { baseEnvSchema, envInteger, envPort, eventsEnvSchema } from '@portail/config';
import { DEFAULT_HTTP_PORTS } from '@portail/contracts';

const origins = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.string().refine((origin) => origin === '*' || /^https?:\/\/[^/\s]+$/.test(origin), {
        message: 'must list origins such as https://portail.example.fr, separated by commas',
      }),
    ),
  );

export const gatewayEnvSchema = baseEnvSchema.extend({
  HTTP_PORT: envPort(DEFAULT_HTTP_PORTS.gateway),
  /** Where identity's `sessions-revoked` events are read (the same stream as the services'). */
  EVENTS_STREAM: eventsEnvSchema.shape.EVENTS_STREAM,
  EVENTS_SUBJECT_PREFIX: eventsEnvSchema.shape.EVENTS_SUBJECT_PREFIX,
  /**
   * How long a revocation is remembered: at least identity's ACCESS_TOKEN_TTL_S, after which
   * the tokens it refuses have expired anyway.
   */
  REVOCATION_WINDOW_S: envInteger(3600, 60, 7 * 86400, 'a duration in seconds'),
  /**
   * Least time between two fetches of identity's JWKS (a token of an unknown key id triggers
   * one); after failed fetches the wait doubles, up to 5 minutes.
   */
  JWKS_MIN_REFRESH_INTERVAL_S: envInteger(30, 1, 3600, 'a duration in seconds'),
  /** Bound on one NATS request to a service; past it the caller gets 504. */
  SERVICE_TIMEOUT_MS: envInteger(5000, 50, 120000, 'a duration in milliseconds'),
  CORS_ORIGINS: origins,
  RATE_LIMIT_PER_MINUTE: envInteger(300, 1, 1000000, 'a number of requests'),
  /**
   * Serve Swagger UI (`/docs`) and the OpenAPI document (`/openapi.json`, `/openapi.yaml`).
   * Unset: on outside production, off under NODE_ENV=production (see apiDocsEnabled).
   */
  API_DOCS_ENABLED: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .optional()
    .transform((value) =>
      value === undefined ? undefined : value === 'true' || value === '1' || value === 'yes',
    ),
  /**
   * Largest body of a supporting document upload (`POST /me/documents`, raw bytes); the
   * enrolment service applies its own DOCUMENT_MAX_BYTES. Other routes keep the 1 MiB limit.
   */
  DOCUMENT_UPLOAD_MAX_BYTES: envInteger(
    10 * 1024 * 1024,
    1024,
    1024 * 1024 * 1024,
    'a number of bytes',
  ),
  /**
   * Document uploads one replica reads at once; past it, 503 SERVICE_BUSY at once, before the
   * body is read.
   */
  MAX_CONCURRENT_UPLOADS: envInteger(8, 1, 10000, 'a number of uploads'),
  /**
   * Time a client has to send a whole request, headers and body (408 and the connection closed
   * past it), so that a client trickling a body cannot hold a connection.
   */
  HTTP_REQUEST_TIMEOUT_MS: envInteger(120000, 100, 3600000, 'a duration in milliseconds'),
  /** Time a connection may stay without any byte either way before it is closed. */
  HTTP_IDLE_TIMEOUT_MS: envInteger(150000, 100, 3600000, 'a duration in milliseconds'),
  /**
   * Requests per minute and client IP on each credentials route (login, sign-up, password
   * reset, verification e-mails). Default 10, or 1000 under NODE_ENV=test, where every test
   * signs up and logs in from 127.0.0.1 (unset means that default).
   */
  AUTH_RATE_LIMIT_PER_MINUTE: envInteger(0, 1, 1000000, 'a number of requests'),
  /**
   * Which proxies may set X-Forwarded-For (the client address used for rate limits): empty
   * trusts none, a number trusts that many hops, otherwise addresses or CIDR ranges.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value) => {
      const text = (value ?? '').trim();
      if (!text) return false as const;
      if (/^\d+$/.test(text)) return Number(text);
      return text.split(',').map((part) => part.trim());
    })
    .pipe(
      z.union([
        z.literal(false),
        z.number().int().min(1).max(10),
        z.array(
          z.string().regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, {
            message: 'must list IP addresses or CIDR ranges',
          }),
        ),
      ]),
    ),
});

export type GatewayConfig = z.infer<typeof gatewayEnvSchema>;

/** Whether /docs and /openapi.json are served: API_DOCS_ENABLED, else on outside production. */
export function apiDocsEnabled(config: GatewayConfig): boolean {
  return config.API_DOCS_ENABLED ?? config.NODE_ENV !== 'production';
}

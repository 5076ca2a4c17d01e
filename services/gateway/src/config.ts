import { z } from 'zod';
import { baseEnvSchema, envInteger, envPort } from '@portail/config';
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
  /** Bound on one NATS request to a service; past it the caller gets 504. */
  SERVICE_TIMEOUT_MS: envInteger(5000, 50, 120000, 'a duration in milliseconds'),
  CORS_ORIGINS: origins,
  RATE_LIMIT_PER_MINUTE: envInteger(300, 1, 1000000, 'a number of requests'),
});

export type GatewayConfig = z.infer<typeof gatewayEnvSchema>;

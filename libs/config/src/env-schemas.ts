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
  const url = z.string().refine(
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
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
    .optional()
    .default('info'),
  SHUTDOWN_TIMEOUT_MS: envInteger(10000, 100, 300000, 'a duration in milliseconds'),
});

/** What every back-end service (one with a database) reads. */
export const backendEnvSchema = baseEnvSchema.extend({
  DATABASE_URL: envUrl(['postgres', 'postgresql']),
  DATABASE_POOL_SIZE: envInteger(10, 1, 200, 'a pool size'),
  RUN_MIGRATIONS: envBoolean(true),
});

export type BaseEnv = z.infer<typeof baseEnvSchema>;
export type BackendEnv = z.infer<typeof backendEnvSchema>;

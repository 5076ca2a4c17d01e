import type { z } from 'zod';
import { backendEnvSchema, envInteger, envPort } from '@portail/config';
import { DEFAULT_HTTP_PORTS } from '@portail/contracts';

export const contentEnvSchema = backendEnvSchema.extend({
  HTTP_PORT: envPort(DEFAULT_HTTP_PORTS.content),
  /**
   * Largest uploaded image or attachment. Files travel base64 in one NATS message, whose
   * default limit is 1 MiB: hence at most 700 000 bytes (about 933 000 in base64).
   */
  CONTENT_MAX_FILE_BYTES: envInteger(524_288, 1_024, 700_000, 'a number of bytes'),
});

export type ContentConfig = z.infer<typeof contentEnvSchema>;

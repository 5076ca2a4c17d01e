import type { z } from 'zod';
import { backendEnvSchema, envInteger, envPort } from '@portail/config';
import { CONTENT_FILE_BYTES_LIMIT, DEFAULT_HTTP_PORTS } from '@portail/contracts';

export const contentEnvSchema = backendEnvSchema.extend({
  HTTP_PORT: envPort(DEFAULT_HTTP_PORTS.content),
  /**
   * Largest uploaded image or attachment. Files travel base64 in one NATS message, whose
   * default limit is 1 MiB: hence at most CONTENT_FILE_BYTES_LIMIT (700 000 bytes).
   */
  CONTENT_MAX_FILE_BYTES: envInteger(524_288, 1_024, CONTENT_FILE_BYTES_LIMIT, 'a number of bytes'),
});

export type ContentConfig = z.infer<typeof contentEnvSchema>;

import { backendEnvSchema, envPort } from '@portail/config';
import { DEFAULT_HTTP_PORTS } from '@portail/contracts';

export const identityEnvSchema = backendEnvSchema.extend({
  HTTP_PORT: envPort(DEFAULT_HTTP_PORTS.identity),
});

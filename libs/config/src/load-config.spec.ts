import { z } from 'zod';
import { ConfigError } from './config-error';
import { backendEnvSchema, envPort } from './env-schemas';
import { loadConfig } from './load-config';

const schema = backendEnvSchema.extend({ HTTP_PORT: envPort(3101) });
const valid = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/portail_identity' };

describe('loadConfig', () => {
  it('applies the defaults of an environment that only names its database', () => {
    const config = loadConfig('identity', schema, valid);
    expect(config).toMatchObject({
      HTTP_PORT: 3101,
      NATS_URL: 'nats://127.0.0.1:4222',
      RUN_MIGRATIONS: true,
      DATABASE_POOL_SIZE: 10,
      EVENTS_STREAM: 'PORTAIL_EVENTS',
      EVENTS_MAX_ATTEMPTS: 5,
    });
  });

  it('names a missing variable in one line', () => {
    expect(() => loadConfig('identity', schema, {})).toThrow(
      new ConfigError(
        'Invalid configuration for identity: DATABASE_URL is required (it is not set)',
      ),
    );
  });

  it('names a malformed variable with the value it got', () => {
    expect(() => loadConfig('identity', schema, { ...valid, HTTP_PORT: '70000' })).toThrow(
      /HTTP_PORT must be a port number \(0-65535\) \(got "70000"\)/,
    );
    expect(() => loadConfig('identity', schema, { ...valid, RUN_MIGRATIONS: 'maybe' })).toThrow(
      /RUN_MIGRATIONS must be true or false \(got "maybe"\)/,
    );
    expect(() => loadConfig('identity', schema, { ...valid, DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL must be a URL \(postgres:\/\/ or postgresql:\/\/…\)/,
    );
  });

  it('reports the bad item of a list variable under the variable name', () => {
    const lists = z.object({
      ORIGINS: z
        .string()
        .transform((v) => v.split(','))
        .pipe(z.array(z.string().startsWith('https://', { message: 'must start with https://' }))),
    });
    expect(() => loadConfig('gateway', lists, { ORIGINS: 'https://a.fr,bad' })).toThrow(
      'Invalid configuration for gateway: ORIGINS (item 1) must start with https:// (got "https://a.fr,bad")',
    );
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { CallerKeyRing } from '@portail/service-kit';
import { spawnService } from '@portail/testing';

/**
 * In production a service refuses to start without caller keys or without NATS credentials:
 * one line on stderr and exit 1, before it connects to anything (the compiled services, as
 * Kubernetes runs them; `npm run build` first).
 */
describe('security: production refuses to start without caller keys or NATS credentials', () => {
  const keys = new CallerKeyRing(['gateway', 'identity']);
  const production = {
    NODE_ENV: 'production',
    NATS_URL: 'nats://127.0.0.1:1',
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    JWT_PRIVATE_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    HTTP_PORT: '0',
  };

  it.each(['identity', 'gateway'])('%s refuses to start without caller keys', async (service) => {
    const child = spawnService(service, { ...production, NATS_USER: service, NATS_PASSWORD: 'x' });
    expect(await child.exited).toBe(1);
    expect(child.stderr()).toMatch(
      /CALLER_SIGNING_KEY and CALLER_PUBLIC_KEYS are required in production/,
    );
  });

  it.each(['identity', 'gateway'])(
    '%s refuses to start without NATS credentials',
    async (service) => {
      const child = spawnService(service, { ...production, ...keys.envOf(service) });
      expect(await child.exited).toBe(1);
      expect(child.stderr()).toMatch(/NATS credentials are required in production/);
    },
  );
});

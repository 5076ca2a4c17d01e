import { ALL_SERVICES } from '@portail/contracts';
import { CallerKeyRing, type CallerSigner } from '@portail/service-kit';

/** One ephemeral key per service for the whole bench run, as the test harness does. */
const keys = new CallerKeyRing(ALL_SERVICES);

/**
 * What a service started by a benchmark under NODE_ENV=production needs besides its own
 * settings: its caller keys (the gateway signs, services verify, as in production) and the
 * explicit acceptance of the local NATS without credentials.
 */
export function benchServiceSecurityEnv(service: string): NodeJS.ProcessEnv {
  return { ...keys.envOf(service), NATS_ALLOW_ANONYMOUS: 'true' };
}

/** Signs a benchmark's own NATS request as `service` would (a subject only that service may call). */
export function benchSignerOf(service: string): CallerSigner {
  return keys.signerOf(service);
}

/** The service a compiled entry point runs (`dist/services/<name>/src/main.js`), if any. */
export function serviceOfScript(script: string): string | undefined {
  return /(?:^|\/)dist\/services\/([a-z0-9-]+)\/src\/main\.js$/.exec(script)?.[1];
}

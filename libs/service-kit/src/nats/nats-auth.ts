import { readFileSync } from 'node:fs';
import { credsAuthenticator, nkeyAuthenticator, type ConnectionOptions } from 'nats';
import { ConfigError } from '@portail/config';
import { inboxPrefixOf } from './nats-permissions';

/** The NATS credential settings every service (gateway included) reads. */
export interface NatsAuthConfig {
  NODE_ENV: 'development' | 'production' | 'test';
  NATS_USER?: string;
  NATS_PASSWORD?: string;
  NATS_NKEY_SEED?: string;
  NATS_CREDS?: string;
  NATS_TLS_CA?: string;
  NATS_TLS_CERT?: string;
  NATS_TLS_KEY?: string;
  NATS_ALLOW_ANONYMOUS?: boolean;
}

/** What a service adds to its NATS connections (`connect({ servers, ...natsAuth })`). */
export type NatsAuthOptions = Pick<
  ConnectionOptions,
  'user' | 'pass' | 'authenticator' | 'tls' | 'inboxPrefix'
>;

/**
 * How the service authenticates to NATS: user/password, an NKey seed or a .creds file, plus
 * TLS when a CA (or a client certificate) is given. Without any credential the connection is
 * anonymous: production refuses to start, development logs one warning line.
 */
export function natsAuthOptions(
  service: string,
  config: NatsAuthConfig,
  logger?: { warn(message: string): void },
): NatsAuthOptions {
  // Replies come back on the service's own inbox subjects, which only its NATS user may read.
  const options: NatsAuthOptions = { inboxPrefix: inboxPrefixOf(service) };
  const chosen = [
    config.NATS_USER || config.NATS_PASSWORD ? 'NATS_USER/NATS_PASSWORD' : undefined,
    config.NATS_NKEY_SEED ? 'NATS_NKEY_SEED' : undefined,
    config.NATS_CREDS ? 'NATS_CREDS' : undefined,
  ].filter(Boolean);
  if (chosen.length > 1) {
    throw new ConfigError(
      `Invalid configuration for ${service}: give one NATS credential, not ${chosen.join(' and ')}`,
    );
  }
  if (config.NATS_USER || config.NATS_PASSWORD) {
    if (!config.NATS_USER || !config.NATS_PASSWORD) {
      throw new ConfigError(
        `Invalid configuration for ${service}: NATS_USER and NATS_PASSWORD go together`,
      );
    }
    options.user = config.NATS_USER;
    options.pass = config.NATS_PASSWORD;
  } else if (config.NATS_NKEY_SEED) {
    options.authenticator = nkeyAuthenticator(new TextEncoder().encode(config.NATS_NKEY_SEED));
  } else if (config.NATS_CREDS) {
    options.authenticator = credsAuthenticator(readFileSync(config.NATS_CREDS));
  } else if (config.NODE_ENV === 'production' && !config.NATS_ALLOW_ANONYMOUS) {
    throw new ConfigError(
      `Invalid configuration for ${service}: NATS credentials are required in production (NATS_USER and NATS_PASSWORD, NATS_NKEY_SEED or NATS_CREDS)`,
    );
  } else {
    logger?.warn(
      'NATS without credentials (development only): set NATS_USER/NATS_PASSWORD, NATS_NKEY_SEED or NATS_CREDS',
    );
  }
  if (config.NATS_TLS_CA || config.NATS_TLS_CERT || config.NATS_TLS_KEY) {
    options.tls = {
      ...(config.NATS_TLS_CA ? { caFile: config.NATS_TLS_CA } : {}),
      ...(config.NATS_TLS_CERT ? { certFile: config.NATS_TLS_CERT } : {}),
      ...(config.NATS_TLS_KEY ? { keyFile: config.NATS_TLS_KEY } : {}),
    };
  }
  return options;
}

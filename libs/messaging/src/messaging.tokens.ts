import type { ConnectionOptions } from 'nats';
import type { EventsEnv } from '@portail/config';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const JETSTREAM_CONNECTION = Symbol('JETSTREAM_CONNECTION');

export interface MessagingOptions {
  /** The service that produces and consumes: names its relay, its durable consumers and its events. */
  service: string;
  natsUrl: string;
  /** The service's NATS credentials and TLS (service-kit's natsAuthOptions). */
  natsAuth?: Pick<ConnectionOptions, 'user' | 'pass' | 'authenticator' | 'tls' | 'inboxPrefix'>;
  databaseUrl: string;
  events: EventsEnv;
  /** Bound on waiting for running handlers at shutdown. */
  shutdownTimeoutMs: number;
}

/** The channel on which a committed outbox insert wakes the relay (PostgreSQL NOTIFY). */
export const OUTBOX_CHANNEL = 'portail_outbox';

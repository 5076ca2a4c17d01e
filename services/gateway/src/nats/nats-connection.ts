import { connect, type ConnectionOptions, type NatsConnection } from 'nats';
import { hostname } from 'node:os';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

export function connectGatewayNats(
  servers: string,
  auth: Pick<ConnectionOptions, 'user' | 'pass' | 'authenticator' | 'tls' | 'inboxPrefix'> = {},
): Promise<NatsConnection> {
  return connect({
    servers: servers.split(','),
    name: `gateway@${hostname()}`,
    maxReconnectAttempts: -1,
    waitOnFirstConnect: false,
    ...auth,
  });
}

import type { BackendServiceName } from './services';

/**
 * NATS subjects of commands and queries: `<service>.<resource>.<action>`.
 * A reader finds the handler of a subject by searching for the constant.
 */
export const Subjects = {
  health: (service: BackendServiceName) => `${service}.health` as const,
  identity: {
    organisationsList: 'identity.organisations.list',
    organisationsGet: 'identity.organisations.get',
    /** Public keys of access tokens, as a JWKS: `{ keys: JWK[] }`. */
    keysJwks: 'identity.keys.jwks',
  },
} as const;

/** NATS header that carries the correlation id of the HTTP request that caused a message. */
export const CORRELATION_HEADER = 'x-request-id';

/**
 * NATS header carrying the client's `Idempotency-Key` of a command: a retry with the same key
 * gets the first outcome and never acts twice (see the services' idempotency interceptor).
 */
export const IDEMPOTENCY_KEY_HEADER = 'x-idempotency-key';

/**
 * NATS header: the instant (epoch milliseconds) after which the caller no longer waits for the
 * reply. A replica that takes the request later does not start it.
 */
export const DEADLINE_HEADER = 'x-deadline-at';

/**
 * NATS header: the address of the HTTP client the gateway serves (as Fastify resolves it with
 * TRUST_PROXY), for the back-offs that count failures per account and address. Never stored as is.
 */
export const CLIENT_ADDRESS_HEADER = 'x-portail-client-address';

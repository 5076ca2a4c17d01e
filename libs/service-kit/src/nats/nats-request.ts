import {
  ErrorCode as NatsErrorCode,
  headers as natsHeaders,
  JSONCodec,
  type NatsConnection,
  type NatsError,
} from 'nats';
import { randomUUID } from 'node:crypto';
import {
  CALLER_HEADER,
  CALLER_PROOF_HEADER,
  CLIENT_ADDRESS_HEADER,
  CommonErrorCode,
  CORRELATION_HEADER,
  DEADLINE_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  isErrorEnvelope,
  type Caller,
  type ErrorEnvelope,
} from '@portail/contracts';
import { currentCorrelationId } from '@portail/logging';
import type { CallerSigner } from './caller-proof';

/** A command or query that did not succeed, already expressed as the envelope to pass on. */
export class RemoteCallError extends Error {
  constructor(
    readonly envelope: ErrorEnvelope,
    /** The raw error when the service answered outside the contract (for the caller's logs). */
    readonly unexpected?: unknown,
  ) {
    super(envelope.message);
    this.name = 'RemoteCallError';
  }
}

export interface NatsRequestOptions {
  subjectPrefix: string;
  timeoutMs: number;
  caller?: Caller;
  /** The client's Idempotency-Key of a command (gateway only). */
  idempotencyKey?: string;
  /** The HTTP client's address (gateway only). */
  clientAddress?: string;
  /**
   * False while the caller's NATS link is down (ServiceRuntime.natsState): the request fails
   * at once as SERVICE_UNAVAILABLE instead of waiting in nats.js's reconnect buffer.
   */
  linkUp?: boolean;
  /** Signs the request (x-portail-caller-proof) as the gateway or the calling service. */
  signer?: CallerSigner;
}

/** Nest's NATS wire format: request `{ pattern, data, id }`, reply `{ id, response | err, isDisposed }`. */
interface ReplyPacket {
  response?: unknown;
  err?: unknown;
}

const codec = JSONCodec<unknown>();

function unavailable(service: string): RemoteCallError {
  return new RemoteCallError({
    code: CommonErrorCode.SERVICE_UNAVAILABLE,
    message:
      'Le service est momentanément indisponible. Veuillez réessayer dans quelques instants.',
    details: { service },
  });
}

/**
 * One request to a service, as the gateway and services send them: correlation id and caller
 * in headers, subject prefixed. No responder (the service is down) fails at once as
 * SERVICE_UNAVAILABLE rather than after the timeout (SERVICE_TIMEOUT); the service's own error
 * envelope comes back as it was sent.
 */
export async function natsRequest<T>(
  connection: NatsConnection,
  subject: string,
  data: unknown,
  options: NatsRequestOptions,
): Promise<T> {
  const service = subject.split('.')[0];
  if (options.linkUp === false) throw unavailable(service);
  const headers = natsHeaders();
  const correlationId = currentCorrelationId();
  if (correlationId) headers.set(CORRELATION_HEADER, correlationId);
  if (options.caller) headers.set(CALLER_HEADER, JSON.stringify(options.caller));
  if (options.idempotencyKey) headers.set(IDEMPOTENCY_KEY_HEADER, options.idempotencyKey);
  if (options.clientAddress) headers.set(CLIENT_ADDRESS_HEADER, options.clientAddress);
  // Past this instant nobody waits for the reply: a replica that takes it late does not start it.
  headers.set(DEADLINE_HEADER, String(Date.now() + options.timeoutMs));
  const wireSubject = `${options.subjectPrefix}${subject}`;
  const body = codec.encode({ pattern: subject, data, id: randomUUID() });
  if (options.signer) {
    headers.set(CALLER_PROOF_HEADER, options.signer.sign(wireSubject, body, options.caller));
  }
  let reply;
  try {
    reply = await connection.request(wireSubject, body, { timeout: options.timeoutMs, headers });
  } catch (error) {
    switch ((error as NatsError).code as NatsErrorCode) {
      case NatsErrorCode.Timeout:
        throw new RemoteCallError({
          code: CommonErrorCode.SERVICE_TIMEOUT,
          message: "Le service n'a pas répondu à temps. Veuillez réessayer dans quelques instants.",
          details: { service, timeoutMs: options.timeoutMs },
        });
      case NatsErrorCode.MaxPayloadExceeded:
        throw new RemoteCallError({
          code: CommonErrorCode.PAYLOAD_TOO_LARGE,
          message:
            'La requête est trop volumineuse pour être transmise. Veuillez la réduire (moins d’éléments, un fichier plus petit).',
          details: { service },
        });
      case NatsErrorCode.NoResponders:
      case NatsErrorCode.ConnectionClosed:
      case NatsErrorCode.ConnectionDraining:
      case NatsErrorCode.Disconnect:
        throw unavailable(service);
      default:
        throw error;
    }
  }
  const packet = codec.decode(reply.data) as ReplyPacket;
  if (packet.err !== undefined && packet.err !== null) {
    if (isErrorEnvelope(packet.err)) throw new RemoteCallError(packet.err);
    throw new RemoteCallError(
      {
        code: CommonErrorCode.INTERNAL,
        message: 'Une erreur interne est survenue. Veuillez réessayer plus tard.',
      },
      packet.err,
    );
  }
  return packet.response as T;
}

import { Inject, Injectable, Logger } from '@nestjs/common';
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
  CommonErrorCode,
  CORRELATION_HEADER,
  isErrorEnvelope,
  type Caller,
} from '@portail/contracts';
import { currentCorrelationId } from '@portail/logging';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import type { GatewayConfig } from '../config';
import { NATS_CONNECTION } from './nats-connection';
import { ServiceCallException } from './service-call.exception';

/** Nest's NATS wire format: request `{ pattern, data, id }`, reply `{ id, response | err, isDisposed }`. */
interface ReplyPacket {
  response?: unknown;
  err?: unknown;
}

const codec = JSONCodec<unknown>();

export interface RequestOptions {
  caller?: Caller;
  timeoutMs?: number;
}

/**
 * Request/reply to a back-end service. Uses the NATS client directly rather than Nest's
 * ClientProxy so that "no responders" (the service is down) answers at once as 503 instead
 * of waiting for the timeout, and so that the correlation id travels in the headers.
 */
@Injectable()
export class ServiceClient {
  private readonly logger = new Logger(ServiceClient.name);

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Sends a command or query; `caller` (from @CurrentCaller) is forwarded for the service to check. */
  async request<T>(subject: string, data: unknown = {}, options: RequestOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.config.SERVICE_TIMEOUT_MS;
    const service = subject.split('.')[0];
    const headers = natsHeaders();
    const correlationId = currentCorrelationId();
    if (correlationId) headers.set(CORRELATION_HEADER, correlationId);
    if (options.caller) headers.set(CALLER_HEADER, JSON.stringify(options.caller));
    let reply;
    try {
      reply = await this.nats.request(
        `${this.config.NATS_SUBJECT_PREFIX}${subject}`,
        codec.encode({ pattern: subject, data, id: randomUUID() }),
        {
          timeout: timeoutMs,
          headers,
        },
      );
    } catch (error) {
      throw this.translate(error as NatsError, service, timeoutMs);
    }
    const packet = codec.decode(reply.data) as ReplyPacket;
    if (packet.err !== undefined && packet.err !== null) {
      if (isErrorEnvelope(packet.err)) throw new ServiceCallException(packet.err);
      this.logger.error(
        { subject, err: packet.err },
        'Service replied with an error outside the contract',
      );
      throw new ServiceCallException({
        code: CommonErrorCode.INTERNAL,
        message: 'Une erreur interne est survenue. Veuillez réessayer plus tard.',
      });
    }
    return packet.response as T;
  }

  private translate(error: NatsError, service: string, timeoutMs: number): Error {
    switch (error.code as NatsErrorCode) {
      case NatsErrorCode.NoResponders:
        return ServiceCallException.unavailable(service);
      case NatsErrorCode.Timeout:
        return ServiceCallException.timeout(service, timeoutMs);
      case NatsErrorCode.ConnectionClosed:
      case NatsErrorCode.ConnectionDraining:
      case NatsErrorCode.Disconnect:
        return ServiceCallException.unavailable(service);
      default:
        return error;
    }
  }
}

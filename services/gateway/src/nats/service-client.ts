import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import type { Caller, ReplyOf, RequestOf, RequestSubject } from '@portail/contracts';
import {
  CALLER_SIGNER,
  natsRequest,
  RemoteCallError,
  SERVICE_RUNTIME,
  type CallerSigner,
  type ServiceRuntime,
} from '@portail/service-kit';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import type { GatewayConfig } from '../config';
import { currentClientAddress, currentIdempotencyKey } from '../correlation/idempotency-key';
import { NATS_CONNECTION } from './nats-connection';
import { ServiceCallException } from './service-call.exception';

export interface RequestOptions {
  caller?: Caller;
  timeoutMs?: number;
}

/**
 * Request/reply to a back-end service. Uses the NATS client directly rather than Nest's
 * ClientProxy so that "no responders" (the service is down) answers at once as 503 instead
 * of waiting for the timeout, and so that the correlation id and caller travel in headers.
 */
@Injectable()
export class ServiceClient {
  private readonly logger = new Logger(ServiceClient.name);

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Optional() @Inject(CALLER_SIGNER) private readonly signer?: CallerSigner,
  ) {}

  /**
   * Sends a command or query declared in `RequestReplies`; `caller` (from @CurrentCaller) is
   * forwarded, signed with the gateway's key, for the service to verify and check.
   */
  async request<S extends RequestSubject>(
    subject: S,
    data: RequestOf<S>,
    options: RequestOptions = {},
  ): Promise<ReplyOf<S>> {
    try {
      return await natsRequest<ReplyOf<S>>(this.nats, subject, data, {
        subjectPrefix: this.config.NATS_SUBJECT_PREFIX,
        timeoutMs: options.timeoutMs ?? this.config.SERVICE_TIMEOUT_MS,
        caller: options.caller,
        idempotencyKey: currentIdempotencyKey(),
        clientAddress: currentClientAddress(),
        linkUp: this.runtime.natsState() === 'connected',
        signer: this.signer,
      });
    } catch (error) {
      if (!(error instanceof RemoteCallError)) throw error;
      if (error.unexpected !== undefined) {
        this.logger.error(
          { subject, err: error.unexpected },
          'Service replied with an error outside the contract',
        );
      }
      throw new ServiceCallException(error.envelope);
    }
  }
}

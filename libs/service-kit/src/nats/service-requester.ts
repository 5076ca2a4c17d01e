import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Caller, ReplyOf, RequestOf, RequestSubject } from '@portail/contracts';
import { DomainException } from '../errors/domain.exception';
import { SERVICE_CONFIG } from '../bootstrap/service-config';
import { SERVICE_RUNTIME, type ServiceRuntime } from '../health/service-runtime';
import { CALLER_SIGNER, type CallerSigner } from './caller-proof';
import { natsRequest, RemoteCallError } from './nats-request';

interface RequesterConfig {
  NATS_SUBJECT_PREFIX: string;
}

interface RequesterOptions {
  caller?: Caller;
  timeoutMs?: number;
}

/** Default bound on a service-to-service call. */
const DEFAULT_TIMEOUT_MS = 5000;

/**
 * Queries and commands from one back-end service to another, over the replica's own NATS
 * connection. A failure of the other service surfaces as a DomainException with its code, so
 * the gateway maps it like any other (e.g. SERVICE_UNAVAILABLE → 503).
 */
@Injectable()
export class ServiceRequester {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(SERVICE_CONFIG) private readonly config: RequesterConfig,
    /** Signs each request as this service (and the end user's caller when one is passed). */
    @Optional() @Inject(CALLER_SIGNER) private readonly signer?: CallerSigner,
  ) {}

  /** A command or query declared in `RequestReplies`. */
  async request<S extends RequestSubject>(
    subject: S,
    data: RequestOf<S>,
    options: RequesterOptions = {},
  ): Promise<ReplyOf<S>> {
    const connection = this.runtime.natsConnection();
    if (!connection) throw new Error('The NATS connection is not ready yet');
    try {
      return await natsRequest<ReplyOf<S>>(connection, subject, data, {
        subjectPrefix: this.config.NATS_SUBJECT_PREFIX,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        caller: options.caller,
        linkUp: this.runtime.natsState() === 'connected',
        signer: this.signer,
      });
    } catch (error) {
      if (error instanceof RemoteCallError) {
        const { code, message, details } = error.envelope;
        throw new DomainException(code, message, details);
      }
      throw error;
    }
  }
}

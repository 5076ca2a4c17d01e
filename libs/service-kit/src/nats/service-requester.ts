import { Inject, Injectable } from '@nestjs/common';
import type { Caller, ReplyOf, RequestOf, RequestSubject } from '@portail/contracts';
import { DomainException } from '../errors/domain.exception';
import { SERVICE_CONFIG } from '../bootstrap/service-config';
import { SERVICE_RUNTIME, type ServiceRuntime } from '../health/service-runtime';
import { natsRequest, natsUnavailable, RemoteCallError } from './nats-request';

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
  ) {}

  /** A command or query declared in `RequestReplies`. */
  request<S extends RequestSubject>(
    subject: S,
    data: RequestOf<S>,
    options: RequesterOptions = {},
  ): Promise<ReplyOf<S>> {
    return this.send<ReplyOf<S>>(subject, data, options);
  }

  private async send<T>(subject: string, data: unknown, options: RequesterOptions): Promise<T> {
    const connection = this.runtime.natsConnection();
    if (!connection) throw new Error('The NATS connection is not ready yet');
    if (this.runtime.natsState() !== 'connected') {
      const { code, message, details } = natsUnavailable(subject);
      throw new DomainException(code, message, details);
    }
    try {
      return await natsRequest<T>(connection, subject, data, {
        subjectPrefix: this.config.NATS_SUBJECT_PREFIX,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        caller: options.caller,
      });
    } catch (error) {
      if (error instanceof RemoteCallError) {
        throw new DomainException(
          error.envelope.code,
          error.envelope.message,
          error.envelope.details,
        );
      }
      throw error;
    }
  }
}

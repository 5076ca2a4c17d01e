import { RpcException } from '@nestjs/microservices';
import type { ErrorCode, ErrorEnvelope } from '@portail/contracts';

/**
 * The one exception a use case throws for an expected failure. Its envelope travels over
 * NATS unchanged; the gateway turns it into problem+json with the status mapped to its code.
 */
export class DomainException extends RpcException {
  readonly envelope: ErrorEnvelope;

  constructor(code: ErrorCode, message: string, details?: ErrorEnvelope['details']) {
    const envelope: ErrorEnvelope = details ? { code, message, details } : { code, message };
    super(envelope);
    this.envelope = envelope;
  }
}

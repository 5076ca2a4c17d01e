import type { ErrorEnvelope } from '@portail/contracts';

/** A failed call to a back-end service, already expressed as the envelope the client will see. */
export class ServiceCallException extends Error {
  constructor(readonly envelope: ErrorEnvelope) {
    super(envelope.message);
    this.name = 'ServiceCallException';
  }
}

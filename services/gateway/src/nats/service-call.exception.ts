import { CommonErrorCode, type ErrorEnvelope } from '@portail/contracts';

/** A failed call to a back-end service, already expressed as the envelope the client will see. */
export class ServiceCallException extends Error {
  constructor(readonly envelope: ErrorEnvelope) {
    super(envelope.message);
    this.name = 'ServiceCallException';
  }

  static unavailable(service: string): ServiceCallException {
    return new ServiceCallException({
      code: CommonErrorCode.SERVICE_UNAVAILABLE,
      message:
        'Le service est momentanément indisponible. Veuillez réessayer dans quelques instants.',
      details: { service },
    });
  }

  static timeout(service: string, timeoutMs: number): ServiceCallException {
    return new ServiceCallException({
      code: CommonErrorCode.SERVICE_TIMEOUT,
      message: "Le service n'a pas répondu à temps. Veuillez réessayer dans quelques instants.",
      details: { service, timeoutMs },
    });
  }
}

import type { ValidationPipe } from '@nestjs/common';
import { MessageValidationPipe } from '@portail/service-kit';
import { ServiceCallException } from '../nats/service-call.exception';

/** Validates at the edge with the services' own pipe; a refusal is a VALIDATION_FAILED problem. */
export function gatewayValidationPipe(): ValidationPipe {
  return new MessageValidationPipe((envelope) => new ServiceCallException(envelope));
}

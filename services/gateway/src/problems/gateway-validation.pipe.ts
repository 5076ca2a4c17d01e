import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { CommonErrorCode, type FieldError } from '@portail/contracts';
import { ServiceCallException } from '../nats/service-call.exception';

function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/** Validates DTOs at the edge; a refusal is a VALIDATION_FAILED problem with one entry per field. */
export function gatewayValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) =>
      new ServiceCallException({
        code: CommonErrorCode.VALIDATION_FAILED,
        message: 'La requête contient des données invalides.',
        details: { fields: fieldErrors(errors) },
      }),
  });
}

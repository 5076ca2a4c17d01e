import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { CommonErrorCode, type FieldError } from '@portail/contracts';
import { DomainException } from './domain.exception';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Services validate what they receive again, whoever sent it: class-validator DTOs, unknown
 * fields refused, and a VALIDATION_FAILED envelope with one entry per field.
 */
export function rpcValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) =>
      new DomainException(
        CommonErrorCode.VALIDATION_FAILED,
        'La requête contient des données invalides.',
        {
          fields: flatten(errors),
        },
      ),
  });
}

export { flatten as flattenValidationErrors };

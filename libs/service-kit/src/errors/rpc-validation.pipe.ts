import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { CommonErrorCode, type ErrorEnvelope, type FieldError } from '@portail/contracts';
import { MAX_FIELD_ERRORS, payloadShapeProblem } from '@portail/validation';
import { DomainException } from './domain.exception';

const INVALID = 'La requête contient des données invalides.';

/** Rules saying that a value is missing: when one fails, it is the one worth reading. */
const PRESENCE_RULES = new Set(['isDefined', 'isNotEmpty']);

/**
 * One entry per field: a missing commune fails both "obligatoire" and "doit être un objet", but
 * the family needs to read one message for one mistake. The presence rule wins, else the first.
 */
function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const failed = Object.entries(error.constraints ?? {});
    const chosen = failed.find(([rule]) => PRESENCE_RULES.has(rule)) ?? failed[0];
    const own = chosen ? [{ field, message: chosen[1] }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** At most MAX_FIELD_ERRORS entries, so that a refusal always fits in one NATS reply. */
export function fieldErrorsOf(errors: ValidationError[]): {
  fields: FieldError[];
  truncated?: true;
} {
  const fields = flatten(errors);
  return fields.length > MAX_FIELD_ERRORS
    ? { fields: fields.slice(0, MAX_FIELD_ERRORS), truncated: true }
    : { fields };
}

/**
 * The one validation pipe of the gateway and of every service: the payload's shape first (depth,
 * size, control characters: payloadShapeProblem), then the message's declared class
 * (class-validator, unknown fields refused). A refusal is VALIDATION_FAILED with one entry per
 * field, raised as the caller's own exception type.
 */
export class MessageValidationPipe extends ValidationPipe {
  constructor(private readonly refuse: (envelope: ErrorEnvelope) => Error) {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      exceptionFactory: (errors) =>
        refuse({
          code: CommonErrorCode.VALIDATION_FAILED,
          message: INVALID,
          details: fieldErrorsOf(errors),
        }),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problem = payloadShapeProblem(value);
      if (problem) {
        throw this.refuse({
          code: CommonErrorCode.VALIDATION_FAILED,
          message: INVALID,
          details: { fields: [problem] },
        });
      }
    }
    return super.transform(value, metadata);
  }
}

/** Services validate what they receive again, whoever sent it. */
export function rpcValidationPipe(): ValidationPipe {
  return new MessageValidationPipe(
    (envelope) => new DomainException(envelope.code, envelope.message, envelope.details),
  );
}

export { flatten as flattenValidationErrors };

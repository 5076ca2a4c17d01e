import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsUUID, ValidateBy, ValidateNested } from 'class-validator';
import { isCalendarDate, isSeason } from '@portail/contracts';

// What the enrolment DTOs share: path parameters, messages and the rules class-validator lacks.

export const SEASON_MESSAGE = 'La saison doit être de la forme 2026-2027.';
export const SERVICE_MESSAGE = "L'identifiant du service municipal doit être un UUID.";
export const PROCEDURE_MESSAGE = "L'identifiant de la démarche doit être un UUID.";
export const APPLICATION_MESSAGE = "L'identifiant de la demande doit être un UUID.";

/** Set on optional properties that may be omitted but not null. */
export const PRESENT = (_object: object, value: unknown) => value !== undefined;

type Decorator = (target: object, key: string) => void;
type DtoClass = new () => object;

function apply(...decorators: Decorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorator) => decorator(target, String(key)));
}

/** A school year, `2026-2027`. */
export function IsSeason(): PropertyDecorator {
  return ValidateBy(
    { name: 'isSeason', validator: { validate: (value) => isSeason(value) } },
    { message: SEASON_MESSAGE },
  );
}

/** A real calendar day, YYYY-MM-DD. */
export function IsCalendarDay(message: string): PropertyDecorator {
  return ValidateBy(
    { name: 'isCalendarDay', validator: { validate: (value) => isCalendarDate(value) } },
    { message },
  );
}

/*
 * ValidateNested reports, with its own message, a value that is neither an object nor a list
 * (null, a text, a number); the checks below report only the rest (missing, or an object where
 * a list is expected and the reverse), so a wrong value gets exactly one message.
 */

/** A JSON object validated as the given DTO. */
export function NestedObject(type: () => DtoClass, message: string): PropertyDecorator {
  return apply(
    ValidateBy(
      {
        name: 'isJsonObject',
        validator: { validate: (value) => value !== undefined && !Array.isArray(value) },
      },
      { message },
    ),
    ValidateNested({ message }),
    Type(type),
  );
}

/** A list of JSON objects, each validated as the given DTO. */
export function NestedArray(
  type: () => DtoClass,
  message: string,
  maxSize: number,
  maxMessage: string,
): PropertyDecorator {
  return apply(
    ValidateBy(
      {
        name: 'isJsonArray',
        validator: {
          validate: (value) =>
            value !== undefined &&
            (Array.isArray(value) || typeof value !== 'object' || value === null),
        },
      },
      { message },
    ),
    ValidateBy(
      {
        name: 'arrayMaxSize',
        validator: { validate: (value) => !Array.isArray(value) || value.length <= maxSize },
      },
      { message: maxMessage },
    ),
    ValidateNested({ each: true, message }),
    Type(type),
  );
}

export class ProcedureIdParam {
  @ApiProperty({ format: 'uuid', description: 'The procedure ("démarche")' })
  @IsUUID('all', { message: PROCEDURE_MESSAGE })
  id!: string;
}

export class ApplicationIdParam {
  @ApiProperty({ format: 'uuid', description: 'The application ("demande")' })
  @IsUUID('all', { message: APPLICATION_MESSAGE })
  id!: string;
}

import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, type TransformFnParams } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { isCalendarDate, isPlausibleBirthDate, MAX_CHILD_AGE_YEARS } from './calendar-dates';

/** Phone numbers as families write them: 04 70 30 55 04, 0470305504, +33 4 70 30 55 04. */
export const PHONE_PATTERN = /^\+?\d[\d .-]{5,19}$/;
/** The longest text PHONE_PATTERN accepts: it bounds the length, so no separate rule. */
export const PHONE_MAX_LENGTH = 21;
export const POSTAL_CODE_PATTERN = /^\d{5}$/;
export const NAME_MAX_LENGTH = 100;
export const TEXT_MAX_LENGTH = 200;
export const LONG_TEXT_MAX_LENGTH = 2000;

/** What a field shows in OpenAPI beyond its rule (which documents its own bounds). */
export interface FieldDoc {
  description?: string;
  example?: unknown;
}

const trim = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' ? value.trim() : value;

/*
 * Each rule below validates and documents at once (like UuidField): the bound the pipe applies
 * is the bound OpenAPI shows, declared once. A class may still add its own @ApiProperty above
 * the rule: the two are merged.
 */

/** A trimmed, non-empty text of bounded length. */
export function RequiredText(label: string, max: number, doc: FieldDoc = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, minLength: 1, maxLength: max, ...doc }),
    Transform(trim),
    IsString({ message: `${label} doit être un texte.` }),
    IsNotEmpty({ message: `${label} est obligatoire.` }),
    MaxLength(max, { message: `${label} ne doit pas dépasser ${max} caractères.` }),
  );
}

/** May be absent or null; when given, a trimmed text of bounded length. */
export function OptionalText(label: string, max: number, doc: FieldDoc = {}): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, maxLength: max, ...doc }),
    Transform(trim),
    IsOptional(),
    IsString({ message: `${label} doit être un texte.` }),
    MaxLength(max, { message: `${label} ne doit pas dépasser ${max} caractères.` }),
  );
}

function phoneRule(label: string): PropertyDecorator {
  return applyDecorators(
    Transform(trim),
    IsString({ message: `${label} doit être un texte.` }),
    Matches(PHONE_PATTERN, { message: `${label} n'est pas un numéro de téléphone valide.` }),
  );
}

const PHONE_DOC = { pattern: PHONE_PATTERN.source, maxLength: PHONE_MAX_LENGTH };

export function RequiredPhone(label: string, doc: FieldDoc = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, ...PHONE_DOC, example: '04 70 30 55 04', ...doc }),
    phoneRule(label),
  );
}

/** May be absent or null; when given, a phone number. */
export function OptionalPhone(label: string, doc: FieldDoc = {}): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, ...PHONE_DOC, ...doc }),
    IsOptional(),
    phoneRule(label),
  );
}

/** A real calendar date, YYYY-MM-DD, within a sensible range of years. */
export function IsCalendarDate(label: string): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) =>
          isCalendarDate(value) && value >= '1900-01-01' && value <= '2199-12-31',
      },
    },
    { message: `${label} doit être une date valide au format AAAA-MM-JJ.` },
  );
}

/** Not in the future, and less than 26 years ago (Europe/Paris). */
export function IsPlausibleBirthDate(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlausibleBirthDate',
      validator: { validate: (value) => isPlausibleBirthDate(value) },
    },
    {
      message:
        'La date de naissance doit être une date valide (AAAA-MM-JJ), ni dans le futur ni il y a plus de 26 ans.',
    },
  );
}

/** A child's birth date (required), validated and documented. */
export function BirthDate(doc: FieldDoc = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: String,
      format: 'date',
      example: '2016-05-14',
      description: `Not in the future, less than ${MAX_CHILD_AGE_YEARS} years ago (Europe/Paris).`,
      ...doc,
    }),
    IsPlausibleBirthDate(),
  );
}

import { Transform, type TransformFnParams } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { isCalendarDate, isPlausibleBirthDate } from './calendar-dates';

/** Phone numbers as families write them: 04 70 30 55 04, 0470305504, +33 4 70 30 55 04. */
export const PHONE_PATTERN = /^\+?\d[\d .-]{5,19}$/;
export const POSTAL_CODE_PATTERN = /^\d{5}$/;
export const NAME_MAX_LENGTH = 100;
export const TEXT_MAX_LENGTH = 200;
export const LONG_TEXT_MAX_LENGTH = 2000;

const trim = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' ? value.trim() : value;

type Decorator = (target: object, key: string | symbol) => void;

function apply(...decorators: Decorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorator) => decorator(target, key));
}

/** A trimmed, non-empty text of bounded length. */
export function RequiredText(label: string, max: number): PropertyDecorator {
  return apply(
    Transform(trim),
    IsString({ message: `${label} doit être un texte.` }),
    IsNotEmpty({ message: `${label} est obligatoire.` }),
    MaxLength(max, { message: `${label} ne doit pas dépasser ${max} caractères.` }),
  );
}

/** May be absent or null; when given, a trimmed text of bounded length. */
export function OptionalText(label: string, max: number): PropertyDecorator {
  return apply(
    Transform(trim),
    IsOptional(),
    IsString({ message: `${label} doit être un texte.` }),
    MaxLength(max, { message: `${label} ne doit pas dépasser ${max} caractères.` }),
  );
}

export function RequiredPhone(label: string): PropertyDecorator {
  return apply(
    Transform(trim),
    IsString({ message: `${label} doit être un texte.` }),
    Matches(PHONE_PATTERN, { message: `${label} n'est pas un numéro de téléphone valide.` }),
  );
}

export function OptionalPhone(label: string): PropertyDecorator {
  return apply(IsOptional(), RequiredPhone(label));
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

import { Transform, type TransformFnParams } from 'class-transformer';
import { IsBoolean, IsOptional, Matches, MaxLength, ValidateIf } from 'class-validator';
import { OptionalText } from './household-validation';

/**
 * Rules of the directory (organisations, municipal services, schools) and of the staff who
 * manage it, generic enough for any message that needs them.
 */

/**
 * French phone numbers as directories print them: 04 70 30 55 04, 0470305504, +33 4 70 30 55 04.
 * Stricter than the families' lenient `PHONE_PATTERN` (which accepts any 6 to 20 digits): a
 * published number of a public service must be a dialable French one.
 */
export const FRENCH_PHONE_PATTERN = /^(?:\+33 ?|0)[1-9](?:[ .-]?\d{2}){4}$/;

/** Stable short names used in URLs and references: `vichy`, `school-catering`. */
export const CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

type Decorator = (target: object, key: string | symbol) => void;

function apply(...decorators: Decorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorator) => decorator(target, key));
}

const trim = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' ? value.trim() : value;

/**
 * For fields an update may leave out but not clear: absent is skipped, `null` is validated
 * (and refused) rather than silently written to a NOT NULL column.
 */
export const IfPresent = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

/** May be absent or null; when given, a French phone number (`FRENCH_PHONE_PATTERN`). */
export function OptionalFrenchPhone(label: string): PropertyDecorator {
  return apply(
    OptionalText(label, 30),
    Matches(FRENCH_PHONE_PATTERN, {
      message: `${label} doit être un numéro de téléphone français (ex. 04 70 30 55 04).`,
    }),
  );
}

/** A trimmed code of lower-case letters, digits and single hyphens (`CODE_PATTERN`). */
export function RequiredCode(label: string, max: number): PropertyDecorator {
  return apply(
    Transform(trim),
    MaxLength(max, { message: `${label} ne doit pas dépasser ${max} caractères.` }),
    Matches(CODE_PATTERN, {
      message: `${label} ne contient que des minuscules, des chiffres et des tirets.`,
    }),
  );
}

/**
 * An optional boolean that may come from a query string (`true` or `false`, anything else is
 * refused) or from JSON (a boolean), so the gateway and the service validate the same class.
 */
export function QueryBoolean(name: string): PropertyDecorator {
  return apply(
    Transform(({ value }: TransformFnParams): unknown =>
      value === 'true' ? true : value === 'false' ? false : value,
    ),
    IsOptional(),
    IsBoolean({ message: `${name} doit valoir true ou false.` }),
  );
}

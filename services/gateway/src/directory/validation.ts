import { Transform, type TransformFnParams } from 'class-transformer';
import {
  IsBoolean,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';

/** French phone numbers as people write them: 04 70 30 55 04, 0470305504, +33 4 70 30 55 04. */
export const FRENCH_PHONE = /^(?:\+33 ?|0)[1-9](?:[ .-]?\d{2}){4}$/;
export const CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const trim = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** Absent is skipped; `null` is validated (and refused) for fields that cannot be cleared. */
export const IfPresent = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

export function RequiredText(label: string, max: number): PropertyDecorator {
  return (target, key) => {
    Transform(trim)(target, key);
    IsString({ message: `${label} doit être un texte.` })(target, key);
    IsNotEmpty({ message: `${label} est obligatoire.` })(target, key);
    MaxLength(max, { message: `${label} ne doit pas dépasser ${max} caractères.` })(target, key);
  };
}

export function OptionalText(label: string, max: number): PropertyDecorator {
  return (target, key) => {
    Transform(trim)(target, key);
    IsOptional()(target, key);
    IsString({ message: `${label} doit être un texte.` })(target, key);
    MaxLength(max, { message: `${label} ne doit pas dépasser ${max} caractères.` })(target, key);
  };
}

export function OptionalPhone(label: string): PropertyDecorator {
  return (target, key) => {
    OptionalText(label, 30)(target, key);
    Matches(FRENCH_PHONE, {
      message: `${label} doit être un numéro de téléphone français (ex. 04 70 30 55 04).`,
    })(target, key);
  };
}

/** A boolean in a query string: `true` or `false`, anything else is refused. */
export function QueryBoolean(name: string): PropertyDecorator {
  return (target, key) => {
    Transform(({ value }: TransformFnParams): unknown =>
      value === 'true' ? true : value === 'false' ? false : value,
    )(target, key);
    IsOptional()(target, key);
    IsBoolean({ message: `${name} doit valoir true ou false.` })(target, key);
  };
}

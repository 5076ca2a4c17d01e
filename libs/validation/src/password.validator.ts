import { ValidateBy, type ValidationOptions } from 'class-validator';
import { passwordWeakness } from './password-rules';

/**
 * The password rules of `passwordWeakness`, on a DTO property; with `emailProperty`, the
 * password may not be that e-mail address either.
 */
export function IsAcceptablePassword(
  emailProperty?: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAcceptablePassword',
      validator: {
        validate: (value: unknown, args) => {
          if (typeof value !== 'string') return false;
          const email = emailProperty
            ? (args?.object as Record<string, unknown>)[emailProperty]
            : undefined;
          return (
            passwordWeakness(value, typeof email === 'string' ? email : undefined) === undefined
          );
        },
        defaultMessage: (args) => {
          const value: unknown = args?.value;
          if (typeof value !== 'string')
            return 'Le mot de passe doit être une chaîne de caractères.';
          const email = emailProperty
            ? (args?.object as Record<string, unknown>)[emailProperty]
            : undefined;
          return passwordWeakness(value, typeof email === 'string' ? email : undefined) ?? '';
        },
      },
    },
    options,
  );
}

import { ValidateIf } from 'class-validator';

export { OptionalPhone, OptionalText, RequiredText } from '@portail/validation';

/** Absent is skipped; `null` is validated (and refused) for fields that cannot be cleared. */
export const IfPresent = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

import { Transform, type TransformFnParams } from 'class-transformer';
import {
  IsEmail,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import type { ContactDetails, DirectoryAddress } from '@portail/contracts';

/** French phone numbers as people write them: 04 70 30 55 04, 0470305504, +33 4 70 30 55 04. */
export const FRENCH_PHONE = /^(?:\+33 ?|0)[1-9](?:[ .-]?\d{2}){4}$/;
export const CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const trim = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' ? value.trim() : value;

/**
 * For fields an update may leave out but not clear: absent is skipped, `null` is validated
 * (and refused) rather than silently written to a NOT NULL column.
 */
export const IfPresent = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

/** Text of a directory entry: a trimmed, non-empty string of bounded length. */
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

export class DirectoryAddressDto implements DirectoryAddress {
  @OptionalText("L'adresse", 200)
  addressLine1?: string | null;

  @OptionalText("Le complément d'adresse", 200)
  addressLine2?: string | null;

  @OptionalText('Le code postal', 5)
  @Matches(/^\d{5}$/, { message: 'Le code postal doit comporter 5 chiffres.' })
  postalCode?: string | null;

  @OptionalText('La commune', 100)
  city?: string | null;
}

export class ContactDetailsDto extends DirectoryAddressDto implements ContactDetails {
  @OptionalPhone('Le téléphone')
  phone?: string | null;

  @OptionalPhone('La messagerie vocale')
  voicemail?: string | null;

  @OptionalText("L'adresse e-mail", 254)
  @IsEmail({}, { message: "L'adresse e-mail est invalide." })
  email?: string | null;

  @OptionalText('Le site internet', 300)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'Le site internet doit être une adresse http(s) valide.' },
  )
  website?: string | null;

  @OptionalText("Les horaires d'ouverture", 500)
  openingHours?: string | null;

  @OptionalText('Les interlocuteurs', 300)
  contactNames?: string | null;
}

const CONTACT_KEYS = [
  'addressLine1',
  'addressLine2',
  'postalCode',
  'city',
  'phone',
  'voicemail',
  'email',
  'website',
  'openingHours',
  'contactNames',
] as const;

/** Keeps only the known, non-empty fields, so that stored contact details compare equal. */
export function cleanContact(input: ContactDetails | undefined | null): ContactDetails {
  const result: ContactDetails = {};
  if (!input) return result;
  for (const key of CONTACT_KEYS) {
    const value = input[key];
    if (typeof value === 'string' && value !== '') result[key] = value;
  }
  return result;
}

export function cleanAddress(input: DirectoryAddress | undefined | null): DirectoryAddress {
  const { addressLine1, addressLine2, postalCode, city } = cleanContact(input);
  return JSON.parse(
    JSON.stringify({ addressLine1, addressLine2, postalCode, city }),
  ) as DirectoryAddress;
}

import type { ContactDetails, DirectoryAddress } from '@portail/contracts';

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

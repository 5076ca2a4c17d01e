import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of a PayZen / Systempay form or notification: the values of the `vads_*` fields
 * sorted by name, joined with `+`, then `+` and the shop key; HMAC-SHA-256 of that text with
 * the same key, in Base64. The form billing sends and the notification the provider posts are
 * signed alike (the notification with every field it carries, whatever billing sent).
 */

/** The text the signature covers (the key at its end: never log it). */
export function signedContent(fields: Readonly<Record<string, string>>, key: string): string {
  const values = Object.keys(fields)
    .filter((name) => name.startsWith('vads_'))
    .sort()
    .map((name) => fields[name]);
  return [...values, key].join('+');
}

export function cardSignature(fields: Readonly<Record<string, string>>, key: string): string {
  return createHmac('sha256', key).update(signedContent(fields, key), 'utf8').digest('base64');
}

/** Whether `signature` is the fields' with this key, compared in constant time. */
export function signatureMatches(
  fields: Readonly<Record<string, string>>,
  signature: string,
  key: string,
): boolean {
  const expected = Buffer.from(cardSignature(fields, key), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Calendar days (YYYY-MM-DD) written for French readers. A day has no time zone: both read the
 * digits as they are, never through a Date in the server's zone.
 */

/** `2021-03-12` → `12/03/2021` (certificates, invoices, form messages). */
export function frenchNumericDate(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`Invalid date "${day}" (expected YYYY-MM-DD)`);
  return `${match[3]}/${match[2]}/${match[1]}`;
}

const WORDS = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** `2026-09-01` → `1 septembre 2026` (sentences of e-mails). */
export function frenchWordDate(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day))
    throw new Error(`Invalid date "${day}" (expected YYYY-MM-DD)`);
  return WORDS.format(new Date(`${day}T00:00:00Z`));
}

import { DateTime } from 'luxon';

/**
 * Calendar days (YYYY-MM-DD) written for French readers. A day has no time zone: they read the
 * digits as they are (luxon in Europe/Paris, never through a Date in the server's zone).
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parisDay(day: string): DateTime {
  const parsed = DAY.test(day)
    ? DateTime.fromISO(day, { zone: 'Europe/Paris', locale: 'fr' })
    : undefined;
  if (!parsed?.isValid) throw new Error(`Invalid date "${day}" (expected YYYY-MM-DD)`);
  return parsed;
}

/** French writes the first day of a month as an ordinal: "1er septembre". */
function dayOfMonth(date: DateTime): string {
  return date.day === 1 ? '1er' : String(date.day);
}

/** `2021-03-12` → `12/03/2021` (certificates, invoices, form messages). */
export function frenchNumericDate(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`Invalid date "${day}" (expected YYYY-MM-DD)`);
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** `2026-09-01` → `1er septembre 2026`, `2027-03-28` → `28 mars 2027` (sentences of e-mails). */
export function frenchWordDate(day: string): string {
  const date = parisDay(day);
  return `${dayOfMonth(date)} ${date.toFormat('LLLL yyyy')}`;
}

/** `2026-09-02` → `mercredi 2 septembre 2026` (lists of dates). */
export function frenchWeekdayDate(day: string): string {
  const date = parisDay(day);
  return `${date.toFormat('cccc')} ${dayOfMonth(date)} ${date.toFormat('LLLL yyyy')}`;
}

/** `2026-09-02` → `septembre 2026` (headings of dates grouped by month). */
export function frenchMonth(day: string): string {
  return parisDay(day).toFormat('LLLL yyyy');
}

/** An instant as read in Paris: `2026-07-01T08:30:00Z` → `1er juillet 2026 à 10 h 30`. */
export function frenchDateTime(iso: string): string {
  const date = DateTime.fromISO(iso, { zone: 'Europe/Paris', locale: 'fr' });
  if (!date.isValid) throw new Error(`Invalid instant "${iso}"`);
  return `${dayOfMonth(date)} ${date.toFormat("LLLL yyyy 'à' H 'h' mm")}`;
}

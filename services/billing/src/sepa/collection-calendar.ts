import { DateTime } from 'luxon';

/**
 * When a SEPA debit may be collected: a TARGET2 business day (not a Saturday or Sunday, nor
 * 1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December), and at least the
 * pre-notification delay (SEPA_PRENOTIFICATION_DAYS calendar days, the rulebook's 14 unless
 * agreed otherwise) after today in Paris: the family is told before the file leaves, and the
 * bank receives it well before its D-1 cut-off.
 */

/** Easter Sunday of a year (anonymous Gregorian algorithm), as YYYY-MM-DD. */
function easterSunday(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.fromObject({ year, month, day }, { zone: 'Europe/Paris' });
}

/** Whether TARGET2 settles on that day (YYYY-MM-DD). */
export function isTargetBusinessDay(day: string): boolean {
  const date = DateTime.fromISO(day, { zone: 'Europe/Paris' });
  if (date.weekday >= 6) return false;
  const monthDay = date.toFormat('MM-dd');
  if (['01-01', '05-01', '12-25', '12-26'].includes(monthDay)) return false;
  const easter = easterSunday(date.year);
  const closed = [easter.minus({ days: 2 }), easter.plus({ days: 1 })].map((d) => d.toISODate());
  return !closed.includes(date.toISODate());
}

/** The first day a debit file made on `today` may be collected (YYYY-MM-DD, Paris). */
export function earliestCollectionDate(today: string, prenotificationDays: number): string {
  let date = DateTime.fromISO(today, { zone: 'Europe/Paris' }).plus({ days: prenotificationDays });
  while (!isTargetBusinessDay(date.toISODate()!)) date = date.plus({ days: 1 });
  return date.toISODate()!;
}

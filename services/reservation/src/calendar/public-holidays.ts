import Holidays from 'date-holidays';
import { assertParisDay, type ParisDay } from './paris-day';

/**
 * Metropolitan France (no `state`): Alsace-Moselle's Good Friday and St Stephen's Day do not
 * apply to Vichy, Cusset or Bellerive-sur-Allier.
 */
const france = new Holidays('FR', { languages: ['fr'], timezone: 'Europe/Paris' });

const cache = new Map<number, ReadonlyMap<ParisDay, string>>();

/** Years the library computes reliably; outside, a caller's bug is likelier than a real need. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/**
 * The public holidays (jours fériés, Code du travail L3133-1) of a year, by day, with their
 * French name. Observances the library also knows (Pentecost Sunday, Mother's Day) are left out:
 * they fall on Sundays and are not public holidays.
 */
export function publicHolidaysOf(year: number): ReadonlyMap<ParisDay, string> {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Année invalide : ${year} (attendu : ${MIN_YEAR} à ${MAX_YEAR})`);
  }
  const cached = cache.get(year);
  if (cached) return cached;
  const holidays = new Map<ParisDay, string>();
  for (const holiday of france.getHolidays(year, 'fr')) {
    // `date` is the local (Paris) start written `YYYY-MM-DD hh:mm:ss`: no zone conversion needed.
    if (holiday.type !== 'public') continue;
    const day = holiday.date.slice(0, 10);
    // Two holidays can share a day (Ascension on 1 May in 2008): keep both names.
    const known = holidays.get(day);
    holidays.set(day, known ? `${known} et ${holiday.name}` : holiday.name);
  }
  cache.set(year, holidays);
  return holidays;
}

/** The French name of the public holiday on that day, if it is one. */
export function publicHolidayOn(day: ParisDay): string | undefined {
  assertParisDay(day);
  return publicHolidaysOf(Number(day.slice(0, 4))).get(day);
}

export function isPublicHoliday(day: ParisDay): boolean {
  return publicHolidayOn(day) !== undefined;
}

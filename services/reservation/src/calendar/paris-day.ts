import { DateTime } from 'luxon';

/** Business dates are calendar days in Paris, whatever the server's time zone. */
export const PARIS_ZONE = 'Europe/Paris';

/** A Europe/Paris calendar day written `YYYY-MM-DD`. */
export type ParisDay = string;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Thrown when a value is not a real calendar day (`2026-02-30`, `14/05/2026`…). */
export class InvalidDayError extends Error {
  constructor(value: string) {
    super(`Date invalide : « ${value} » (attendu : une date réelle au format AAAA-MM-JJ)`);
    this.name = 'InvalidDayError';
  }
}

/**
 * Valid days already parsed, and days already stepped from. A month view or a year-long pattern
 * asks about the same few hundred days thousands of times (weekday, working day, notice
 * deadline), and luxon's parsing then dominated the service's CPU. Luxon's DateTime is
 * immutable, so sharing one is safe. Bounded, because days come from requests.
 */
const REMEMBERED_DAYS = 20_000;
const parsedDays = new Map<ParisDay, DateTime>();
const steppedDays = new Map<string, ParisDay>();

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= REMEMBERED_DAYS) map.clear();
  map.set(key, value);
  return value;
}

/** Days are computed at noon UTC so that no offset can move them across midnight. */
function toDateTime(day: ParisDay): DateTime {
  const known = parsedDays.get(day);
  if (known) return known;
  if (!DAY_PATTERN.test(day)) throw new InvalidDayError(day);
  const parsed = DateTime.fromISO(`${day}T12:00:00`, { zone: 'utc' });
  if (!parsed.isValid || parsed.toISODate() !== day) throw new InvalidDayError(day);
  return remember(parsedDays, day, parsed);
}

function toDay(dateTime: DateTime): ParisDay {
  const day = dateTime.toISODate();
  if (day === null) throw new Error(`Date hors calendrier : ${dateTime.invalidExplanation ?? ''}`);
  return day;
}

export function isParisDay(value: string): boolean {
  try {
    toDateTime(value);
    return true;
  } catch {
    return false;
  }
}

/** Returns the day unchanged, or throws {@link InvalidDayError}. */
export function assertParisDay(value: string): ParisDay {
  toDateTime(value);
  return value;
}

/**
 * The Paris day an instant falls on. An ISO string must carry its offset (`Z`, `+00:00`…):
 * a bare local time would be read in the server's zone, which is what this module avoids.
 */
export function parisDayOf(instant: Date | string): ParisDay {
  const parsed =
    typeof instant === 'string'
      ? DateTime.fromISO(instant, { setZone: true })
      : DateTime.fromJSDate(instant);
  if (!parsed.isValid || (typeof instant === 'string' && !/(Z|[+-]\d{2}:?\d{2})$/.test(instant))) {
    throw new Error(`Instant invalide : « ${String(instant)} » (attendu : ISO 8601 avec fuseau)`);
  }
  return toDay(parsed.setZone(PARIS_ZONE));
}

export function addDays(day: ParisDay, days: number): ParisDay {
  const key = `${day}${days < 0 ? '' : '+'}${days}`;
  return steppedDays.get(key) ?? remember(steppedDays, key, toDay(toDateTime(day).plus({ days })));
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: ParisDay): number {
  return toDateTime(day).weekday;
}

export function isWeekend(day: ParisDay): boolean {
  return weekdayOf(day) >= 6;
}

/** `YYYY-MM-DD` strings sort as the days they name. */
export function compareDays(a: ParisDay, b: ParisDay): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isWithin(day: ParisDay, firstDay: ParisDay, lastDay: ParisDay): boolean {
  return day >= firstDay && day <= lastDay;
}

/** The school year (`2025-2026`) a day belongs to: 1 September to 31 August. */
export function schoolYearOf(day: ParisDay): string {
  const date = toDateTime(day);
  const startYear = date.month >= 9 ? date.year : date.year - 1;
  return `${startYear}-${startYear + 1}`;
}

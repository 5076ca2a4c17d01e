/** A child of a household is younger than this (young adults may still use some services). */
export const MAX_CHILD_AGE_YEARS = 26;

export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Today's date (YYYY-MM-DD) in Europe/Paris, where the rules of the portal apply. */
export function todayInParis(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** A real calendar date written YYYY-MM-DD (refuses 2024-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A birth date of a child: a real date, not in the future, less than 26 years ago. */
export function isPlausibleBirthDate(value: unknown, today: string = todayInParis()): boolean {
  if (!isCalendarDate(value) || value > today) return false;
  const limit = `${Number(today.slice(0, 4)) - MAX_CHILD_AGE_YEARS}${today.slice(4)}`;
  return value > limit;
}

import type { WorkingDays } from './working-days';

/**
 * Test calendars for 2026, written out literally so the specs never depend on the calendar
 * module: Monday to Friday are working days except the days listed. Spring holidays (zone A,
 * Clermont-Ferrand academy): Saturday 4 to Sunday 19 April 2026, school again on Monday 20 April.
 */

/** Public holidays of 2026 that fall on a weekday. */
export const PUBLIC_HOLIDAYS_2026 = [
  '2026-01-01', // jour de l'an (jeudi)
  '2026-04-06', // lundi de Pâques
  '2026-05-01', // fête du travail (vendredi)
  '2026-05-08', // victoire 1945 (vendredi)
  '2026-05-14', // Ascension (jeudi)
  '2026-05-25', // lundi de Pentecôte
  '2026-07-14', // fête nationale (mardi)
  '2026-11-11', // armistice (mercredi)
  '2026-12-25', // Noël (vendredi)
] as const;

/** The town hall closes on the Friday after Ascension ("pont de l'Ascension"). */
export const ASCENSION_BRIDGE_2026 = '2026-05-15';

/** Weekdays of the spring holidays, when school catering does not serve (6 April is also a holiday). */
export const SPRING_HOLIDAY_WEEKDAYS_2026 = [
  '2026-04-06',
  '2026-04-07',
  '2026-04-08',
  '2026-04-09',
  '2026-04-10',
  '2026-04-13',
  '2026-04-14',
  '2026-04-15',
  '2026-04-16',
  '2026-04-17',
] as const;

export function weekdaysExcept(closed: readonly string[]): WorkingDays {
  const closedDays = new Set(closed);
  return {
    isWorkingDay(day: string): boolean {
      // Noon UTC: the weekday of a calendar date, whatever the machine's zone.
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
      return weekday !== 0 && weekday !== 6 && !closedDays.has(day);
    },
  };
}

/** A leisure centre: open on weekdays, school holidays included; closed on public holidays and the bridge. */
export const leisureCentreDays = weekdaysExcept([...PUBLIC_HOLIDAYS_2026, ASCENSION_BRIDGE_2026]);

/** School catering: as the leisure centre, and closed during the spring holidays. */
export const schoolCateringDays = weekdaysExcept([
  ...PUBLIC_HOLIDAYS_2026,
  ASCENSION_BRIDGE_2026,
  ...SPRING_HOLIDAY_WEEKDAYS_2026,
]);

/** Every day is a working day: isolates the calendar arithmetic from closures. */
export const everyDay: WorkingDays = { isWorkingDay: () => true };

/** A misconfigured unit with no working day at all. */
export const noDay: WorkingDays = { isWorkingDay: () => false };

import { SCHOOL_DAY_UNIT_KINDS, type UnitKind } from '@portail/contracts';
import {
  DEFAULT_SCHOOL_LOCATION,
  closureOn,
  frenchSlotDay,
  type Closure,
  type SchoolCalendar,
} from '../calendar-and-notice';

/** Why a unit does not open on a day, or undefined when it opens. */
export interface DayClosed {
  state: 'closed' | 'holiday';
  reason: string;
}

/**
 * Whether a unit opens on a day at a site: an opening weekday, not a public holiday, not a
 * closure of the activity or the site, and — for school-day units (meals, morning and evening
 * care) — not during the school holidays.
 */
export function closedOn(
  calendar: Pick<SchoolCalendar, 'publicHolidayOn' | 'isSchoolHoliday'>,
  unit: { kind: UnitKind; weekdays: number[] },
  day: string,
  closures: readonly Closure[],
  weekday: number,
): DayClosed | undefined {
  if (!unit.weekdays.includes(weekday)) {
    return { state: 'closed', reason: `L'unité n'ouvre pas le ${frenchSlotDay(day)}.` };
  }
  const publicHoliday = calendar.publicHolidayOn(day);
  if (publicHoliday) return { state: 'holiday', reason: `Jour férié : ${publicHoliday}.` };
  const closure = closureOn(day, closures);
  if (closure) return { state: 'closed', reason: `Fermeture : ${closure.label}.` };
  if (
    SCHOOL_DAY_UNIT_KINDS.includes(unit.kind) &&
    calendar.isSchoolHoliday(DEFAULT_SCHOOL_LOCATION, day)
  ) {
    return { state: 'holiday', reason: 'Vacances scolaires.' };
  }
  return undefined;
}

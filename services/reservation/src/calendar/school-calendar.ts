import bundledSchoolHolidays from '../../data/school-holidays.json';
import type { Closure } from './closure';
import { assertParisDay, isWithin, schoolYearOf, type ParisDay } from './paris-day';
import { isPublicHoliday, publicHolidayOn } from './public-holidays';
import {
  parseSchoolHolidaysData,
  type SchoolHolidayPeriod,
  type SchoolHolidaysData,
} from './school-holidays';
import {
  addWorkingDays,
  isWorkingDay,
  nextWorkingDay,
  nextWorkingDays,
  previousWorkingDay,
} from './working-days';

/** Vichy, Cusset and Bellerive-sur-Allier belong to the académie de Clermont-Ferrand (zone A). */
export const DEFAULT_SCHOOL_LOCATION = 'Clermont-Ferrand';

/** Thrown when asked about a location or a school year the data does not cover. */
export class SchoolCalendarCoverageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchoolCalendarCoverageError';
  }
}

/**
 * The calendar the booking rules read: public holidays, a location's school holidays and
 * working days. Built from normalised data so that tests can pass their own.
 */
export class SchoolCalendar {
  private readonly data: SchoolHolidaysData;

  constructor(data: SchoolHolidaysData) {
    this.data = parseSchoolHolidaysData(data);
  }

  /** The calendar committed in `services/reservation/data/school-holidays.json`. */
  static fromBundledData(): SchoolCalendar {
    return new SchoolCalendar(bundledSchoolHolidays as SchoolHolidaysData);
  }

  locations(): string[] {
    return Object.keys(this.data.locations);
  }

  /** School years (`2025-2026`) known for a location. */
  schoolYearsOf(location: string): string[] {
    return Object.keys(this.locationData(location).schoolYears);
  }

  /** The pupils' holidays of a location in a school year, sorted by first day. */
  schoolHolidaysOf(location: string, schoolYear: string): readonly SchoolHolidayPeriod[] {
    const periods = this.locationData(location).schoolYears[schoolYear];
    if (!periods) {
      throw new SchoolCalendarCoverageError(
        `Calendrier scolaire ${schoolYear} non importé pour ${location}`,
      );
    }
    return periods;
  }

  /**
   * The holiday period the day falls in, if any. Throws when the day's school year was not
   * imported: answering "not a holiday" would let bookings through on unknown days.
   */
  schoolHolidayOn(location: string, day: ParisDay): SchoolHolidayPeriod | undefined {
    assertParisDay(day);
    return this.schoolHolidaysOf(location, schoolYearOf(day)).find((period) =>
      isWithin(day, period.firstDay, period.lastDay),
    );
  }

  isSchoolHoliday(location: string, day: ParisDay): boolean {
    return this.schoolHolidayOn(location, day) !== undefined;
  }

  isPublicHoliday(day: ParisDay): boolean {
    return isPublicHoliday(day);
  }

  publicHolidayOn(day: ParisDay): string | undefined {
    return publicHolidayOn(day);
  }

  isWorkingDay(day: ParisDay, closures?: readonly Closure[]): boolean {
    return isWorkingDay(day, closures);
  }

  /**
   * A day classes are held at that location: a working day outside the school holidays.
   * (Wednesdays count: whether a school teaches on them is the service's rule, not the calendar's.)
   */
  isSchoolDay(location: string, day: ParisDay, closures?: readonly Closure[]): boolean {
    return isWorkingDay(day, closures) && !this.isSchoolHoliday(location, day);
  }

  nextWorkingDay(day: ParisDay, closures?: readonly Closure[]): ParisDay {
    return nextWorkingDay(day, closures);
  }

  previousWorkingDay(day: ParisDay, closures?: readonly Closure[]): ParisDay {
    return previousWorkingDay(day, closures);
  }

  nextWorkingDays(day: ParisDay, count: number, closures?: readonly Closure[]): ParisDay[] {
    return nextWorkingDays(day, count, closures);
  }

  addWorkingDays(day: ParisDay, count: number, closures?: readonly Closure[]): ParisDay {
    return addWorkingDays(day, count, closures);
  }

  private locationData(location: string): SchoolHolidaysData['locations'][string] {
    const found = Object.hasOwn(this.data.locations, location)
      ? this.data.locations[location]
      : undefined;
    if (!found) {
      throw new SchoolCalendarCoverageError(
        `Lieu inconnu du calendrier scolaire : « ${location} » (connus : ${this.locations().join(', ')})`,
      );
    }
    return found;
  }
}

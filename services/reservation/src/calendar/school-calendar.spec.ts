import type { Closure } from './closure';
import { SchoolCalendar, SchoolCalendarCoverageError } from './school-calendar';
import type { SchoolHolidaysData } from './school-holidays';

/* Days are checked against the vendored CSV and a printed 2026 calendar. */
describe('the school calendar', () => {
  const calendar = SchoolCalendar.fromBundledData();

  it('the 2026 Ascension bridge (Friday 15 May) is a pupils’ holiday in Clermont-Ferrand', () => {
    expect(calendar.isSchoolHoliday('Clermont-Ferrand', '2026-05-15')).toBe(true);
    expect(calendar.schoolHolidayOn('Clermont-Ferrand', '2026-05-15')?.name).toBe(
      "Pont de l'Ascension",
    );
  });

  it('classes resume on Monday 18 May 2026 after the bridge', () => {
    expect(calendar.isSchoolHoliday('Clermont-Ferrand', '2026-05-17')).toBe(true);
    expect(calendar.isSchoolHoliday('Clermont-Ferrand', '2026-05-18')).toBe(false);
    expect(calendar.isSchoolDay('Clermont-Ferrand', '2026-05-18')).toBe(true);
  });

  it('Sunday 1 November 2026 is the last Toussaint day; Monday 2 November is a school day', () => {
    expect(calendar.isSchoolHoliday('Clermont-Ferrand', '2026-11-01')).toBe(true);
    expect(calendar.isSchoolDay('Clermont-Ferrand', '2026-11-02')).toBe(true);
  });

  it('Friday 17 October 2025 is a school day: only teachers start the Toussaint break then', () => {
    expect(calendar.isSchoolDay('Clermont-Ferrand', '2025-10-17')).toBe(true);
    expect(calendar.isSchoolHoliday('Clermont-Ferrand', '2025-10-18')).toBe(true);
  });

  it('31 August 2027 is still in the summer that starts Saturday 3 July 2027', () => {
    expect(calendar.isSchoolHoliday('Clermont-Ferrand', '2027-07-02')).toBe(false);
    expect(calendar.isSchoolHoliday('Clermont-Ferrand', '2027-07-03')).toBe(true);
    expect(calendar.isSchoolHoliday('Clermont-Ferrand', '2027-08-31')).toBe(true);
  });

  it('a school year that was not imported is an error, not a school day', () => {
    expect(() => calendar.isSchoolHoliday('Clermont-Ferrand', '2027-09-15')).toThrow(
      SchoolCalendarCoverageError,
    );
    expect(() => calendar.isSchoolHoliday('Clermont-Ferrand', '2027-09-15')).toThrow(
      'Calendrier scolaire 2027-2028 non importé pour Clermont-Ferrand',
    );
  });

  it('an unknown location is an error naming the known ones', () => {
    expect(() => calendar.isSchoolHoliday('Vichy', '2026-05-15')).toThrow(
      'Lieu inconnu du calendrier scolaire : « Vichy » (connus : Clermont-Ferrand, Lyon)',
    );
    expect(() => calendar.isSchoolHoliday('toString', '2026-05-15')).toThrow('Lieu inconnu');
  });

  it('a test can build a calendar from its own data', () => {
    const data: SchoolHolidaysData = {
      source: 'test',
      locations: {
        Testville: {
          zone: 'Zone B',
          schoolYears: {
            '2026-2027': [{ name: 'Grève', firstDay: '2026-09-10', lastDay: '2026-09-11' }],
          },
        },
      },
    };
    const own = new SchoolCalendar(data);
    expect(own.locations()).toEqual(['Testville']);
    expect(own.isSchoolHoliday('Testville', '2026-09-11')).toBe(true);
    expect(own.isSchoolHoliday('Testville', '2026-09-12')).toBe(false);
  });

  it('data with a period ending before it starts is refused', () => {
    const broken: SchoolHolidaysData = {
      source: 'test',
      locations: {
        Testville: {
          zone: 'Zone B',
          schoolYears: {
            '2026-2027': [{ name: 'x', firstDay: '2026-09-12', lastDay: '2026-09-10' }],
          },
        },
      },
    };
    expect(() => new SchoolCalendar(broken)).toThrow('Calendrier scolaire invalide');
  });
});

describe('working days', () => {
  const calendar = SchoolCalendar.fromBundledData();
  const strike: Closure = { firstDay: '2026-05-15', lastDay: '2026-05-15', label: 'Grève' };

  it('Ascension (Thursday 14 May 2026) is not a working day, the bridge Friday is', () => {
    expect(calendar.isWorkingDay('2026-05-14')).toBe(false);
    expect(calendar.isWorkingDay('2026-05-15')).toBe(true);
  });

  it('Saturday and Sunday are not working days', () => {
    expect(calendar.isWorkingDay('2026-05-16')).toBe(false);
    expect(calendar.isWorkingDay('2026-05-17')).toBe(false);
  });

  it('a day in a closure is not a working day', () => {
    expect(calendar.isWorkingDay('2026-05-15', [strike])).toBe(false);
  });

  it('the working day after Wednesday 13 May 2026 is Friday 15 May, or Monday 18 with a strike', () => {
    expect(calendar.nextWorkingDay('2026-05-13')).toBe('2026-05-15');
    expect(calendar.nextWorkingDay('2026-05-13', [strike])).toBe('2026-05-18');
  });

  it('the working day before Tuesday 26 May 2026 is Friday 22 May (Whit Monday between)', () => {
    expect(calendar.previousWorkingDay('2026-05-26')).toBe('2026-05-22');
  });

  it('two working days before Monday 18 May 2026 is Wednesday 13 May', () => {
    expect(calendar.addWorkingDays('2026-05-18', -2)).toBe('2026-05-13');
    expect(calendar.addWorkingDays('2026-05-18', 0)).toBe('2026-05-18');
    expect(calendar.addWorkingDays('2026-05-13', 2)).toBe('2026-05-18');
  });

  it('the three working days after Thursday 24 December 2026 skip Christmas and the weekend', () => {
    expect(calendar.nextWorkingDays('2026-12-24', 3)).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
    ]);
  });

  it('closures covering years end the search with an error', () => {
    const forever: Closure = { firstDay: '2026-01-01', lastDay: '2030-12-31', label: 'Travaux' };
    expect(() => calendar.nextWorkingDay('2026-05-13', [forever])).toThrow('Aucun jour ouvré');
  });
});

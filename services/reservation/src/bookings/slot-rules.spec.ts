import { SchoolCalendar, weekdayOf } from '../calendar-and-notice';
import { closedOn } from './slot-rules';

describe('closedOn: the days a unit does not open', () => {
  const calendar = SchoolCalendar.fromBundledData();
  const meal = { kind: 'meal' as const, weekdays: [1, 2, 4, 5] };
  const holidayWeek = { kind: 'holiday-week' as const, weekdays: [1, 2, 3, 4, 5] };
  const closedFor = (unit: typeof meal | typeof holidayWeek, day: string, closures = []) =>
    closedOn(calendar, unit, day, closures, weekdayOf(day));

  it('opens a meal on a school Thursday', () => {
    expect(closedFor(meal, '2026-10-08')).toBeUndefined();
  });

  it('closes on a weekday the unit does not open', () => {
    expect(closedFor(meal, '2026-10-07')).toEqual({
      state: 'closed',
      reason: expect.stringContaining("L'unité n'ouvre pas le mercredi 7 octobre 2026") as string,
    });
  });

  it('closes on a public holiday, whatever the unit', () => {
    expect(closedFor(holidayWeek, '2026-11-11')?.state).toBe('holiday');
  });

  it('closes school-day units during the school holidays, not holiday weeks', () => {
    expect(closedFor(meal, '2026-10-20')).toEqual({
      state: 'holiday',
      reason: 'Vacances scolaires.',
    });
    expect(closedFor(holidayWeek, '2026-10-20')).toBeUndefined();
  });

  it('closes on a closure of the activity or the site, with its label', () => {
    expect(
      closedOn(
        calendar,
        meal,
        '2026-10-08',
        [{ firstDay: '2026-10-08', lastDay: '2026-10-09', label: 'Grève' }],
        weekdayOf('2026-10-08'),
      ),
    ).toEqual({ state: 'closed', reason: 'Fermeture : Grève.' });
  });
});

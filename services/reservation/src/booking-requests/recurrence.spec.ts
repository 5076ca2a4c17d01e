import { daysBetween, expandPattern, isoWeekdayOf, mondayOf } from './recurrence';

describe('weekly patterns', () => {
  it('names the ISO weekday of days across years and DST changes', () => {
    expect(isoWeekdayOf('2026-10-25')).toBe(7); // Sunday, clocks go back
    expect(isoWeekdayOf('2027-03-28')).toBe(7); // Easter Sunday, clocks go forward
    expect(isoWeekdayOf('2027-03-29')).toBe(1);
    expect(isoWeekdayOf('2024-02-29')).toBe(4);
    expect(isoWeekdayOf('1969-12-31')).toBe(3);
    expect(mondayOf('2027-01-03')).toBe('2026-12-28');
    expect(daysBetween('2026-09-01', '2027-08-31')).toBe(364);
  });

  it('lands every week on the chosen weekdays of each unit, in day order', () => {
    const days = expandPattern(
      {
        units: [
          { unitId: 'repas', weekdays: [1, 4] },
          { unitId: 'soir', weekdays: [4] },
        ],
        everyWeeks: 1,
        anchorDay: '2026-10-05',
      },
      '2026-10-05',
      '2026-10-15',
    );
    expect(days).toEqual([
      { unitId: 'repas', day: '2026-10-05' },
      { unitId: 'repas', day: '2026-10-08' },
      { unitId: 'soir', day: '2026-10-08' },
      { unitId: 'repas', day: '2026-10-12' },
      { unitId: 'repas', day: '2026-10-15' },
      { unitId: 'soir', day: '2026-10-15' },
    ]);
  });

  it('keeps every other week counted from the week of the anchor, whatever the first day', () => {
    const pattern = {
      units: [{ unitId: 'mercredi', weekdays: [3] }],
      everyWeeks: 2 as const,
      // A Friday: its week (from Monday 5 October) is week 0.
      anchorDay: '2026-10-09',
    };
    expect(expandPattern(pattern, '2026-10-01', '2026-11-30').map((d) => d.day)).toEqual([
      '2026-10-07',
      '2026-10-21',
      '2026-11-04',
      '2026-11-18',
    ]);
    expect(expandPattern(pattern, '2026-10-15', '2026-10-31').map((d) => d.day)).toEqual([
      '2026-10-21',
    ]);
  });

  it('lands nowhere when the range is empty', () => {
    expect(
      expandPattern(
        { units: [{ unitId: 'repas', weekdays: [1] }], everyWeeks: 1, anchorDay: '2026-10-05' },
        '2026-10-10',
        '2026-10-01',
      ),
    ).toEqual([]);
  });
});

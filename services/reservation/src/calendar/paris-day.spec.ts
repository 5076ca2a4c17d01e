import { addDays, isParisDay, parisDayOf, schoolYearOf, weekdayOf } from './paris-day';

describe('Paris days', () => {
  it('an instant at 23:00 UTC in winter is the next Paris day', () => {
    expect(parisDayOf('2025-12-19T23:00:00+00:00')).toBe('2025-12-20');
  });

  it('an instant at 22:00 UTC in summer is the next Paris day', () => {
    expect(parisDayOf('2026-07-03T22:00:00Z')).toBe('2026-07-04');
  });

  it('an instant at 22:00 UTC in winter is still the same Paris day', () => {
    expect(parisDayOf(new Date('2026-01-15T22:00:00Z'))).toBe('2026-01-15');
  });

  it('an instant without its offset is refused rather than read in the server’s zone', () => {
    expect(() => parisDayOf('2026-01-15T22:00:00')).toThrow('Instant invalide');
  });

  it('adding a day across the October clock change moves by one calendar day', () => {
    expect(addDays('2026-10-24', 1)).toBe('2026-10-25');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('Thursday 14 May 2026 is weekday 4 and Sunday 1 November 2026 is weekday 7', () => {
    expect(weekdayOf('2026-05-14')).toBe(4);
    expect(weekdayOf('2026-11-01')).toBe(7);
  });

  it('31 August belongs to the ending school year, 1 September to the next', () => {
    expect(schoolYearOf('2026-08-31')).toBe('2025-2026');
    expect(schoolYearOf('2026-09-01')).toBe('2026-2027');
  });

  it('only real days written YYYY-MM-DD are days', () => {
    expect(isParisDay('2028-02-29')).toBe(true);
    expect(isParisDay('2027-02-29')).toBe(false);
    expect(isParisDay('2026-5-14')).toBe(false);
  });
});

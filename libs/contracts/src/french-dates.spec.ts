import {
  frenchDateTime,
  frenchMonth,
  frenchNumericDate,
  frenchWeekdayDate,
  frenchWordDate,
} from './french-dates';

describe('French dates', () => {
  it('writes a day with digits, as on a certificate', () => {
    expect(frenchNumericDate('2021-03-12')).toBe('12/03/2021');
    expect(() => frenchNumericDate('12/03/2021')).toThrow('expected YYYY-MM-DD');
  });

  it('writes a day in words, whatever the zone of the server, the first of a month as "1er"', () => {
    expect(frenchWordDate('2026-09-01')).toBe('1er septembre 2026');
    expect(frenchWordDate('2027-03-28')).toBe('28 mars 2027');
    expect(frenchWordDate('2027-03-11')).toBe('11 mars 2027');
    expect(() => frenchWordDate('demain')).toThrow('expected YYYY-MM-DD');
    expect(() => frenchWordDate('2027-02-30')).toThrow('expected YYYY-MM-DD');
  });

  it('names the weekday in lists of dates, and the month of a group', () => {
    expect(frenchWeekdayDate('2026-09-02')).toBe('mercredi 2 septembre 2026');
    expect(frenchWeekdayDate('2027-03-01')).toBe('lundi 1er mars 2027');
    // Across the change to summer time: still the calendar day written.
    expect(frenchWeekdayDate('2027-03-28')).toBe('dimanche 28 mars 2027');
    expect(frenchMonth('2026-12-31')).toBe('décembre 2026');
  });
});

describe('French instants', () => {
  it('reads an instant in Paris, summer and winter', () => {
    expect(frenchDateTime('2026-07-01T08:30:00Z')).toBe('1er juillet 2026 à 10 h 30');
    expect(frenchDateTime('2026-12-03T11:05:00.000Z')).toBe('3 décembre 2026 à 12 h 05');
    // 23:30 UTC on 31 October is already 1 November in Paris.
    expect(frenchDateTime('2026-10-31T23:30:00Z')).toBe('1er novembre 2026 à 0 h 30');
  });
});

import { frenchNumericDate, frenchWordDate } from './french-dates';

describe('French dates', () => {
  it('writes a day with digits, as on a certificate', () => {
    expect(frenchNumericDate('2021-03-12')).toBe('12/03/2021');
    expect(() => frenchNumericDate('12/03/2021')).toThrow('expected YYYY-MM-DD');
  });

  it('writes a day in words, whatever the zone of the server', () => {
    expect(frenchWordDate('2026-09-01')).toBe('1 septembre 2026');
    expect(frenchWordDate('2027-03-28')).toBe('28 mars 2027');
    expect(() => frenchWordDate('demain')).toThrow('expected YYYY-MM-DD');
  });
});

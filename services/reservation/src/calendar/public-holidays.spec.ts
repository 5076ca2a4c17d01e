import { isPublicHoliday, publicHolidayOn, publicHolidaysOf } from './public-holidays';

/*
 * Expected values come from the law's list (Code du travail, article L3133-1: 1 January, Easter
 * Monday, 1 May, 8 May, Ascension, Whit Monday, 14 July, 15 August, 1 November, 11 November,
 * 25 December) and from published Easter dates (5 April 2026, 28 March 2027, 23 March 2008),
 * never from the code under test.
 */
describe('public holidays of metropolitan France', () => {
  it('2026 has the eleven public holidays of the law, on these days', () => {
    expect([...publicHolidaysOf(2026).keys()]).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('Ascension 2026 is Thursday 14 May', () => {
    expect(publicHolidayOn('2026-05-14')).toBe('Ascension');
  });

  it('Easter Monday 2026 is 6 April and Whit Monday 2026 is 25 May', () => {
    expect(publicHolidayOn('2026-04-06')).toBe('Lundi de Pâques');
    expect(publicHolidayOn('2026-05-25')).toBe('Lundi de Pentecôte');
  });

  it('in 2027 Easter Monday is 29 March, Ascension Thursday 6 May, Whit Monday 17 May', () => {
    const holidays = publicHolidaysOf(2027);
    expect(holidays.get('2027-03-29')).toBe('Lundi de Pâques');
    expect(holidays.get('2027-05-06')).toBe('Ascension');
    expect(holidays.get('2027-05-17')).toBe('Lundi de Pentecôte');
  });

  it('Pentecost Sunday and Mothers’ Day are not public holidays (2026: 24 and 31 May)', () => {
    expect(isPublicHoliday('2026-05-24')).toBe(false);
    expect(isPublicHoliday('2026-05-31')).toBe(false);
  });

  it('Good Friday and 26 December are Alsace-Moselle only, not holidays here', () => {
    expect(isPublicHoliday('2026-04-03')).toBe(false);
    expect(isPublicHoliday('2026-12-26')).toBe(false);
  });

  it('the Ascension bridge day (Friday 15 May 2026) is not a public holiday', () => {
    expect(isPublicHoliday('2026-05-15')).toBe(false);
  });

  it('in 2008 Ascension fell on 1 May: the day keeps both names', () => {
    expect(publicHolidayOn('2008-05-01')).toBe('Fête du travail et Ascension');
    expect(publicHolidayOn('2008-03-24')).toBe('Lundi de Pâques');
  });

  it('a malformed day or an absurd year is refused', () => {
    expect(() => isPublicHoliday('2026-02-30')).toThrow('Date invalide');
    expect(() => isPublicHoliday('14/05/2026')).toThrow('Date invalide');
    expect(() => publicHolidaysOf(12026)).toThrow('Année invalide');
  });
});

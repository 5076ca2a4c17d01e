import { isCalendarDate, isPlausibleBirthDate, todayInParis } from './calendar-dates';

describe('birth dates of children', () => {
  const today = '2025-11-26';

  it('accepts a child born today', () => {
    expect(isPlausibleBirthDate('2025-11-26', today)).toBe(true);
  });

  it('refuses a birth date tomorrow', () => {
    expect(isPlausibleBirthDate('2025-11-27', today)).toBe(false);
  });

  it('accepts a young adult the day before their 26th birthday', () => {
    expect(isPlausibleBirthDate('1999-11-27', today)).toBe(true);
  });

  it('refuses someone who is 26 today, and a birth in 1850', () => {
    expect(isPlausibleBirthDate('1999-11-26', today)).toBe(false);
    expect(isPlausibleBirthDate('1850-01-01', today)).toBe(false);
  });

  it('refuses dates that do not exist or are not written YYYY-MM-DD', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2016-13-01')).toBe(false);
    expect(isCalendarDate('14/05/2016')).toBe(false);
    expect(isCalendarDate(20160514)).toBe(false);
  });

  it('takes today in Europe/Paris: 23:30 UTC on 31 December is already 1 January', () => {
    expect(todayInParis(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(todayInParis(new Date('2025-07-14T21:59:00Z'))).toBe('2025-07-14');
    expect(todayInParis(new Date('2025-07-14T22:00:00Z'))).toBe('2025-07-15');
  });
});

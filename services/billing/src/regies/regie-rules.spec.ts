import { dueDate, monthBounds } from './regie-rules';

describe('régie rules', () => {
  it('sets the due date N days after the issue, across a month end', () => {
    expect(dueDate({ kind: 'days-after-issue', days: 29 }, '2021-10-12')).toBe('2021-11-10');
    expect(dueDate({ kind: 'days-after-issue', days: 30 }, '2026-12-15')).toBe('2027-01-14');
  });

  it('sets the due date on a day of the next month, across a year end', () => {
    expect(dueDate({ kind: 'day-of-next-month', day: 10 }, '2021-10-12')).toBe('2021-11-10');
    expect(dueDate({ kind: 'day-of-next-month', day: 28 }, '2026-12-31')).toBe('2027-01-28');
  });

  it('bounds a month, February of a leap year included', () => {
    expect(monthBounds('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(monthBounds('2026-10')).toEqual({ first: '2026-10-01', last: '2026-10-31' });
  });
});

import { DateTime } from 'luxon';
import type { DueDateRule } from '@portail/contracts';

/** The due date of an invoice issued on `issuedOn` (calendar days, no time zone involved). */
export function dueDate(rule: DueDateRule, issuedOn: string): string {
  const issued = DateTime.fromISO(issuedOn, { zone: 'utc' });
  if (rule.kind === 'days-after-issue') {
    return issued.plus({ days: rule.days ?? 30 }).toISODate()!;
  }
  return issued
    .startOf('month')
    .plus({ months: 1 })
    .set({ day: rule.day ?? 10 })
    .toISODate()!;
}

/** The first and last day of a month `YYYY-MM`. */
export function monthBounds(month: string): { first: string; last: string } {
  const first = DateTime.fromISO(`${month}-01`, { zone: 'utc' });
  return { first: first.toISODate()!, last: first.endOf('month').toISODate()! };
}

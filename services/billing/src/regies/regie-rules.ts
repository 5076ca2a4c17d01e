import { DateTime } from 'luxon';
import type { DueDateRule } from '@portail/contracts';

/** `{year}-CA-00-{number}` with 2026 and 42 → `2026-CA-00-000042` (number on 6 digits). */
export function debtReference(format: string, year: number, month: string, number: number): string {
  return format
    .replace(/\{year\}/g, String(year))
    .replace(/\{month\}/g, month.slice(5, 7))
    .replace(/\{number\}/g, String(number).padStart(6, '0'));
}

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

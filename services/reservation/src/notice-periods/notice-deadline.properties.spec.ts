import fc from 'fast-check';
import { DateTime } from 'luxon';
import { deadlineOf } from './notice-deadline';
import { evaluate, evaluateCancellation } from './notice-evaluation';
import { NOTICE_RULE_BOUNDS, WEEKDAYS, type NoticeRule, type Weekday } from './notice-rule';
import { parseNoticeRule } from './notice-rule.parser';
import { describeNoticeRule } from './notice-texts';
import type { WorkingDays } from './working-days';

/**
 * Properties over many slots, rules and calendars. The expectations are computed here with plain
 * UTC date arithmetic, not with the code under test.
 */

const DAY_MS = 86_400_000;

const dayArb = fc
  .integer({ min: Date.UTC(2020, 0, 1) / DAY_MS, max: Date.UTC(2035, 11, 31) / DAY_MS })
  .map((n) => new Date(n * DAY_MS).toISOString().slice(0, 10));

const pad = (n: number): string => String(n).padStart(2, '0');
const clockArb = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${pad(h)}:${pad(m)}`);
const weekdayArb = fc.constantFrom<Weekday>(...WEEKDAYS);

const slotArb = fc.record({ day: dayArb, startsAt: clockArb });

/** Weekdays, with about one in five closed, chosen by a seed so each run sees other closures. */
const workingDaysArb = fc.integer({ min: 0, max: 1_000_000 }).map((seed): WorkingDays => ({
  isWorkingDay(day: string): boolean {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    const hash = [...day].reduce((h, c) => (h * 31 + c.charCodeAt(0) + seed) % 1_000_003, seed);
    return weekday !== 0 && weekday !== 6 && hash % 5 !== 0;
  },
}));

const ruleArb: fc.Arbitrary<NoticeRule> = fc.oneof(
  fc.record({
    kind: fc.constant('calendarDaysBefore' as const),
    days: fc.integer(NOTICE_RULE_BOUNDS.calendarDays),
    at: clockArb,
  }),
  fc.record({
    kind: fc.constant('workingDaysBefore' as const),
    days: fc.integer(NOTICE_RULE_BOUNDS.workingDays),
    at: clockArb,
  }),
  fc.record({ kind: fc.constant('previousWeekday' as const), weekday: weekdayArb, at: clockArb }),
  fc.record({
    kind: fc.constant('weekdayOfPreviousWeek' as const),
    weekday: weekdayArb,
    at: clockArb,
  }),
  fc.record({
    kind: fc.constant('dayOfPreviousMonth' as const),
    dayOfMonth: fc.integer(NOTICE_RULE_BOUNDS.dayOfMonth),
    at: clockArb,
  }),
  fc.record({
    kind: fc.constant('hoursBeforeStart' as const),
    hours: fc.integer(NOTICE_RULE_BOUNDS.hours),
  }),
);

const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
/** ISO weekday, Monday = 1. */
const isoWeekday = (day: string): number =>
  ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
const parisDay = (deadline: DateTime): string => deadline.setZone('Europe/Paris').toISODate()!;
/** The cut-off shows on the Paris clock unless it fell in a spring gap (only 02:xx can). */
const showsCutOff = (deadline: DateTime, at: string): boolean =>
  deadline.setZone('Europe/Paris').toFormat('HH:mm') === at || at.startsWith('02:');

describe('properties of deadlines', () => {
  it('"hours before": exactly N real hours before the start, so always strictly before it', () => {
    fc.assert(
      fc.property(slotArb, fc.integer(NOTICE_RULE_BOUNDS.hours), (slot, hours) => {
        const start = DateTime.fromISO(`${slot.day}T${slot.startsAt}`, { zone: 'Europe/Paris' });
        const deadline = deadlineOf({ kind: 'hoursBeforeStart', hours }, slot, {
          isWorkingDay: () => true,
        });
        expect(start.toMillis() - deadline.toMillis()).toBe(hours * 3_600_000);
        expect(deadline < start).toBe(true);
      }),
    );
  });

  it('"working days before": on a working day, strictly before the slot, with exactly N working days from it to the slot', () => {
    fc.assert(
      fc.property(
        slotArb,
        fc.integer({ min: 1, max: 30 }),
        clockArb,
        workingDaysArb,
        (slot, days, at, workingDays) => {
          const deadline = deadlineOf({ kind: 'workingDaysBefore', days, at }, slot, workingDays);
          const day = parisDay(deadline);
          expect(workingDays.isWorkingDay(day)).toBe(true);
          expect(day < slot.day).toBe(true);
          let count = 0;
          for (let n = dayNumber(day); n < dayNumber(slot.day); n += 1) {
            if (workingDays.isWorkingDay(new Date(n * DAY_MS).toISOString().slice(0, 10)))
              count += 1;
          }
          expect(count).toBe(days);
          expect(showsCutOff(deadline, at)).toBe(true);
        },
      ),
    );
  });

  it('"calendar days before": N days before the slot day, at the cut-off', () => {
    fc.assert(
      fc.property(
        slotArb,
        fc.integer(NOTICE_RULE_BOUNDS.calendarDays),
        clockArb,
        (slot, days, at) => {
          const deadline = deadlineOf({ kind: 'calendarDaysBefore', days, at }, slot, {
            isWorkingDay: () => true,
          });
          expect(dayNumber(slot.day) - dayNumber(parisDay(deadline))).toBe(days);
          expect(showsCutOff(deadline, at)).toBe(true);
        },
      ),
    );
  });

  it('"previous weekday": that weekday, 1 to 7 days before the slot day', () => {
    fc.assert(
      fc.property(slotArb, weekdayArb, clockArb, (slot, weekday, at) => {
        const deadline = deadlineOf({ kind: 'previousWeekday', weekday, at }, slot, {
          isWorkingDay: () => true,
        });
        const day = parisDay(deadline);
        expect(isoWeekday(day)).toBe(WEEKDAYS.indexOf(weekday) + 1);
        const back = dayNumber(slot.day) - dayNumber(day);
        expect(back >= 1 && back <= 7).toBe(true);
        expect(showsCutOff(deadline, at)).toBe(true);
      }),
    );
  });

  it('"weekday of the previous week": that weekday, in the ISO week just before the slot\'s', () => {
    fc.assert(
      fc.property(slotArb, weekdayArb, clockArb, (slot, weekday, at) => {
        const deadline = deadlineOf({ kind: 'weekdayOfPreviousWeek', weekday, at }, slot, {
          isWorkingDay: () => true,
        });
        const day = parisDay(deadline);
        expect(isoWeekday(day)).toBe(WEEKDAYS.indexOf(weekday) + 1);
        const mondayOf = (d: string): number => dayNumber(d) - (isoWeekday(d) - 1);
        expect(mondayOf(slot.day) - mondayOf(day)).toBe(7);
        expect(showsCutOff(deadline, at)).toBe(true);
      }),
    );
  });

  it('"day x of the previous month": in the month before, on day x or the month\'s last day', () => {
    fc.assert(
      fc.property(slotArb, fc.integer(NOTICE_RULE_BOUNDS.dayOfMonth), clockArb, (slot, x, at) => {
        const deadline = deadlineOf({ kind: 'dayOfPreviousMonth', dayOfMonth: x, at }, slot, {
          isWorkingDay: () => true,
        });
        const [year, month] = slot.day.split('-').map(Number);
        const previous = new Date(Date.UTC(year, month - 2, 1));
        const lastDay = new Date(Date.UTC(year, month - 1, 0)).getUTCDate();
        const expected = `${previous.toISOString().slice(0, 8)}${pad(Math.min(x, lastDay))}`;
        expect(parisDay(deadline)).toBe(expected);
        expect(showsCutOff(deadline, at)).toBe(true);
      }),
    );
  });
});

describe('properties of evaluations', () => {
  it('on time through the deadline minute, late from the next one, for booking and cancelling alike', () => {
    fc.assert(
      fc.property(
        ruleArb,
        slotArb,
        workingDaysArb,
        fc.boolean(),
        (rule, slot, workingDays, lenient) => {
          const deadline = deadlineOf(rule, slot, workingDays);
          const lastOnTime = new Date(deadline.toMillis() + 59_999);
          const firstLate = new Date(deadline.toMillis() + 60_000);
          const options = { allowsLateRequests: lenient };

          expect(evaluate(rule, slot, lastOnTime, workingDays, options).outcome).toBe('accepted');
          expect(evaluate(rule, slot, firstLate, workingDays, options).outcome).toBe(
            lenient ? 'pending' : 'refused',
          );
          expect(evaluateCancellation(rule, slot, lastOnTime, workingDays).late).toBe(false);
          expect(evaluateCancellation(rule, slot, firstLate, workingDays).late).toBe(true);
        },
      ),
    );
  });
});

describe('properties of the rule language', () => {
  it('every rule within bounds parses to itself and can be stated in French', () => {
    fc.assert(
      fc.property(ruleArb, (rule) => {
        expect(parseNoticeRule(JSON.parse(JSON.stringify(rule)))).toEqual({ ok: true, rule });
        expect(describeNoticeRule(rule)).toMatch(/^au plus tard /);
      }),
    );
  });
});

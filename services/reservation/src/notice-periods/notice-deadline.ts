import { DateTime } from 'luxon';
import { PARIS, WEEKDAYS, type ClockTime, type NoticeRule, type Slot } from './notice-rule';
import type { WorkingDays } from './working-days';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * How far back `workingDaysBefore` looks for working days before giving up: a unit whose
 * calendar has no working day for two years is misconfigured, and an endless loop would hang
 * the service instead of saying so.
 */
const WORKING_DAY_SEARCH_LIMIT = 731;

/**
 * A calendar date for date arithmetic. UTC midnight keeps "minus one day" a pure date step that
 * no DST change can disturb; the Paris clock is applied only at the end (`atParisTime`).
 */
function calendarDate(day: string): DateTime {
  const known = calendarDates.get(day);
  if (known) return known;
  const date = DAY.test(day) ? DateTime.fromISO(day, { zone: 'utc' }) : DateTime.invalid('format');
  if (!date.isValid) throw new RangeError(`Invalid day "${day}" (expected YYYY-MM-DD)`);
  return remember(calendarDates, day, date);
}

/**
 * Dates and Paris instants already computed. A month view evaluates two rules for every slot and
 * a working-day rule walks back over the same days: without these, luxon's parsing and time-zone
 * lookups were most of the reservation service's CPU. DateTime is immutable, so sharing is safe;
 * bounded because days come from requests.
 */
const REMEMBERED = 20_000;
const calendarDates = new Map<string, DateTime>();
const parisTimes = new Map<string, DateTime>();

function remember(map: Map<string, DateTime>, key: string, value: DateTime): DateTime {
  if (map.size >= REMEMBERED) map.clear();
  map.set(key, value);
  return value;
}

/**
 * The instant the Paris clock shows `at` on `date`. A time skipped by the spring change
 * (02:30 on 29 March 2026) moves forward by the gap, to 03:30 CEST, as luxon does; a time shown
 * twice in autumn (02:30 on 25 October 2026) is the second one, 02:30 CET, also as luxon does.
 */
function atParisTime(date: DateTime, at: ClockTime): DateTime {
  if (!CLOCK_TIME.test(at)) throw new RangeError(`Invalid time "${at}" (expected HH:mm)`);
  const key = `${date.year}-${date.month}-${date.day} ${at}`;
  const known = parisTimes.get(key);
  if (known) return known;
  const [hour, minute] = at.split(':').map(Number);
  return remember(
    parisTimes,
    key,
    DateTime.fromObject(
      { year: date.year, month: date.month, day: date.day, hour, minute },
      { zone: PARIS },
    ),
  );
}

/** The ISO weekday (Monday = 1) a rule names. */
function isoWeekday(weekday: (typeof WEEKDAYS)[number]): number {
  return WEEKDAYS.indexOf(weekday) + 1;
}

/** The `count`-th working day strictly before `date`. */
function workingDayBefore(date: DateTime, count: number, workingDays: WorkingDays): DateTime {
  let found = 0;
  let candidate = date;
  for (let step = 0; step < count + WORKING_DAY_SEARCH_LIMIT; step += 1) {
    candidate = candidate.minus({ days: 1 });
    if (workingDays.isWorkingDay(candidate.toISODate()!)) {
      found += 1;
      if (found === count) return candidate;
    }
  }
  throw new Error(
    `No ${count} working days found before ${date.toISODate()} (is the unit's calendar empty?)`,
  );
}

/** When the unit starts on the slot's day, on the Paris clock. */
export function slotStart(slot: Slot): DateTime {
  return atParisTime(calendarDate(slot.day), slot.startsAt);
}

/**
 * The deadline of a request for `slot` under `rule`, in Europe/Paris: a whole minute, on time up
 * to and including it (see `isOnTime`). Only `workingDaysBefore` consults `workingDays`; the
 * other rules count calendar days or hours, holidays included. Calendar rules are computed on Paris calendar dates, then placed at the cut-off time on the
 * Paris clock; `hoursBeforeStart` subtracts real hours from the unit's start, so 24 hours across a
 * DST change are 24 hours of elapsed time (23 or 25 on the wall clock).
 */
export function deadlineOf(rule: NoticeRule, slot: Slot, workingDays: WorkingDays): DateTime {
  // The whole slot is checked whatever the rule, so bad data fails the same way for every unit.
  const start = slotStart(slot);
  const date = calendarDate(slot.day);
  switch (rule.kind) {
    case 'calendarDaysBefore':
      return atParisTime(date.minus({ days: rule.days }), rule.at);
    case 'workingDaysBefore':
      return atParisTime(workingDayBefore(date, rule.days, workingDays), rule.at);
    case 'previousWeekday': {
      // 1 to 7 days back: the same weekday as the slot is the one a week earlier.
      const back = ((date.weekday - isoWeekday(rule.weekday) + 6) % 7) + 1;
      return atParisTime(date.minus({ days: back }), rule.at);
    }
    case 'weekdayOfPreviousWeek': {
      const mondayBefore = date.minus({ days: date.weekday - 1 }).minus({ weeks: 1 });
      return atParisTime(mondayBefore.plus({ days: isoWeekday(rule.weekday) - 1 }), rule.at);
    }
    case 'dayOfPreviousMonth': {
      const previousMonth = date.startOf('month').minus({ months: 1 });
      const dayOfMonth = Math.min(rule.dayOfMonth, previousMonth.daysInMonth!);
      return atParisTime(previousMonth.set({ day: dayOfMonth }), rule.at);
    }
    case 'hoursBeforeStart':
      // luxon subtracts hours on the real clock (time math), not on the wall clock.
      return start.minus({ hours: rule.hours });
  }
}

/**
 * The boundary: a request is on time up to and including the deadline minute, so with a cut-off
 * at 23:59 a request at 23:59:59.999 is on time and one at 00:00:00 the next day is late. This
 * reads "jusqu'au … à 10:00" the way a family does (10:00 itself is still fine).
 */
export function isOnTime(deadline: DateTime, now: DateTime | Date): boolean {
  const instant = now instanceof Date ? now.getTime() : now.toMillis();
  // An invalid clock would compare as NaN, i.e. silently late: say so instead.
  if (Number.isNaN(instant)) throw new RangeError('Invalid "now" instant');
  return instant < deadline.startOf('minute').toMillis() + 60_000;
}

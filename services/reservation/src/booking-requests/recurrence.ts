import type { ParisDay } from '../calendar';

export interface WeeklyPattern {
  units: ReadonlyArray<{ unitId: string; weekdays: readonly number[] }>;
  /** 1: every week; 2: every other week, counted from the week of `anchorDay`. */
  everyWeeks: 1 | 2;
  anchorDay: ParisDay;
}

export interface PatternDay {
  unitId: string;
  day: ParisDay;
}

/*
 * Calendar days (`YYYY-MM-DD`) counted as whole days since 1970-01-01: a date has no time zone
 * and no DST, so this arithmetic is exact, and a year of days is expanded without building a
 * time-zone-aware date per day (the rush expands thousands of patterns at once).
 */
const DAY_MS = 86_400_000;

function dayNumber(day: ParisDay): number {
  return (
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) /
    DAY_MS
  );
}

function dayOfNumber(n: number): ParisDay {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b (b later). */
export function daysBetween(a: ParisDay, b: ParisDay): number {
  return dayNumber(b) - dayNumber(a);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(day: ParisDay): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of the day's ISO week. */
export function mondayOf(day: ParisDay): ParisDay {
  const n = dayNumber(day);
  return dayOfNumber(n - (isoWeekdayOf(day) - 1));
}

/**
 * The dates a weekly pattern lands on between two days (both included), before any calendar
 * rule: each unit on its weekdays, in the weeks the frequency keeps. Sorted by day, then in the
 * order of the pattern's units.
 */
export function expandPattern(
  pattern: WeeklyPattern,
  from: ParisDay,
  until: ParisDay,
): PatternDay[] {
  const days: PatternDay[] = [];
  const anchorMonday = dayNumber(mondayOf(pattern.anchorDay));
  const last = dayNumber(until);
  for (let n = dayNumber(from); n <= last; n += 1) {
    const week = Math.floor((n - anchorMonday) / 7);
    if (((week % pattern.everyWeeks) + pattern.everyWeeks) % pattern.everyWeeks !== 0) continue;
    const weekday = ((((n + 3) % 7) + 7) % 7) + 1;
    const units = pattern.units.filter((unit) => unit.weekdays.includes(weekday));
    if (!units.length) continue;
    const day = dayOfNumber(n);
    for (const unit of units) days.push({ unitId: unit.unitId, day });
  }
  return days;
}

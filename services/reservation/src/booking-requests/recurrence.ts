import { addDays, compareDays, weekdayOf, type ParisDay } from '../calendar';

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

/** Whole days from a to b (b later): calendar days, free of time zones and DST. */
export function daysBetween(a: ParisDay, b: ParisDay): number {
  const [ya, ma, da] = a.split('-').map(Number);
  const [yb, mb, db] = b.split('-').map(Number);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

/** The Monday of the day's ISO week. */
export function mondayOf(day: ParisDay): ParisDay {
  return addDays(day, 1 - weekdayOf(day));
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
  if (compareDays(from, until) > 0) return days;
  const anchorMonday = mondayOf(pattern.anchorDay);
  for (let day = from; compareDays(day, until) <= 0; day = addDays(day, 1)) {
    const week = Math.floor(daysBetween(anchorMonday, day) / 7);
    if (((week % pattern.everyWeeks) + pattern.everyWeeks) % pattern.everyWeeks !== 0) continue;
    const weekday = weekdayOf(day);
    for (const unit of pattern.units) {
      if (unit.weekdays.includes(weekday)) days.push({ unitId: unit.unitId, day });
    }
  }
  return days;
}

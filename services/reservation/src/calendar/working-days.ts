import type { Closure } from './closure';
import { addDays, assertParisDay, isWeekend, isWithin, type ParisDay } from './paris-day';
import { isPublicHoliday } from './public-holidays';

/** Bound on searches, so that closures covering years make an error rather than a long loop. */
const MAX_SEARCH_DAYS = 366 * 2;

export function closureOn(day: ParisDay, closures: readonly Closure[] = []): Closure | undefined {
  return closures.find((closure) => isWithin(day, closure.firstDay, closure.lastDay));
}

/** A working day is a weekday that is neither a public holiday nor in one of the closures. */
export function isWorkingDay(day: ParisDay, closures: readonly Closure[] = []): boolean {
  assertParisDay(day);
  return !isWeekend(day) && !isPublicHoliday(day) && closureOn(day, closures) === undefined;
}

function stepToWorkingDay(day: ParisDay, step: 1 | -1, closures: readonly Closure[]): ParisDay {
  let candidate = day;
  for (let i = 0; i < MAX_SEARCH_DAYS; i += 1) {
    candidate = addDays(candidate, step);
    if (isWorkingDay(candidate, closures)) return candidate;
  }
  throw new Error(`Aucun jour ouvré dans les ${MAX_SEARCH_DAYS} jours autour du ${day}`);
}

/** The first working day strictly after `day`. */
export function nextWorkingDay(day: ParisDay, closures: readonly Closure[] = []): ParisDay {
  assertParisDay(day);
  return stepToWorkingDay(day, 1, closures);
}

/** The last working day strictly before `day`. */
export function previousWorkingDay(day: ParisDay, closures: readonly Closure[] = []): ParisDay {
  assertParisDay(day);
  return stepToWorkingDay(day, -1, closures);
}

/**
 * The `count` working days strictly after `day`, in order (e.g. the days a booking window
 * opens on).
 */
export function nextWorkingDays(
  day: ParisDay,
  count: number,
  closures: readonly Closure[] = [],
): ParisDay[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_SEARCH_DAYS) {
    throw new RangeError(`Nombre de jours ouvrés invalide : ${count}`);
  }
  const days: ParisDay[] = [];
  let current = assertParisDay(day);
  while (days.length < count) {
    current = stepToWorkingDay(current, 1, closures);
    days.push(current);
  }
  return days;
}

/**
 * Moves by `count` working days: positive forwards, negative backwards (a notice period of
 * two working days before a day is `addWorkingDays(day, -2)`); 0 returns `day` itself.
 */
export function addWorkingDays(
  day: ParisDay,
  count: number,
  closures: readonly Closure[] = [],
): ParisDay {
  if (!Number.isInteger(count) || Math.abs(count) > MAX_SEARCH_DAYS) {
    throw new RangeError(`Nombre de jours ouvrés invalide : ${count}`);
  }
  let current = assertParisDay(day);
  for (let i = 0; i < Math.abs(count); i += 1) {
    current = stepToWorkingDay(current, count > 0 ? 1 : -1, closures);
  }
  return current;
}

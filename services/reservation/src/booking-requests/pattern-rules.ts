import {
  CommonErrorCode,
  MAX_PATTERN_DAYS,
  ReservationErrorCode,
  type PatternUnit,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import type { ActivityAggregate } from '../activities/activity-catalogue';
import type { ActivityUnit } from '../activities/activity.entities';
import { addDays, frenchSlotDay } from '../calendar-and-notice';
import { covers } from '../rights/booking-rights';
import type { BookingRight } from '../rights/booking-right.entity';
import type { Candidate } from './booking-engine';
import { daysBetween, expandPattern, type WeeklyPattern } from './recurrence';

const WEEKDAY_NAMES = ['', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

function invalid(field: string, message: string): never {
  throw new DomainException(CommonErrorCode.VALIDATION_FAILED, message, {
    fields: [{ field, message }],
  });
}

/** The units of a pattern, each of the activity and booked only on days it opens. */
export function patternUnits(
  activity: ActivityAggregate,
  units: readonly PatternUnit[],
): Array<{ unit: ActivityUnit; weekdays: number[] }> {
  if (new Set(units.map((u) => u.unitId)).size !== units.length) {
    invalid('units', 'Une unité est donnée deux fois.');
  }
  return units.map((entry, index) => {
    const unit = activity.units.find((candidate) => candidate.id === entry.unitId);
    if (!unit) {
      throw new DomainException(
        ReservationErrorCode.UNIT_NOT_FOUND,
        "Cette unité n'existe pas dans l'activité.",
        { unitId: entry.unitId },
      );
    }
    const closed = entry.weekdays.find((weekday) => !unit.weekdays.includes(weekday));
    if (closed !== undefined) {
      invalid(`units.${index}.weekdays`, `${unit.label} n'a pas lieu le ${WEEKDAY_NAMES[closed]}.`);
    }
    return { unit, weekdays: [...entry.weekdays].sort((a, b) => a - b) };
  });
}

/** The last day a right covers. */
export function lastDayOf(right: BookingRight): string {
  const end = right.endedOn ? addDays(right.endedOn, -1) : right.validUntil;
  return end < right.validUntil ? end : right.validUntil;
}

/**
 * The right a pattern books under and its range: from the given day (default: today or the
 * right's first day) to the given last day (default: the right's last day), within one right and
 * at most MAX_PATTERN_DAYS days.
 */
export function patternRange(
  rights: readonly BookingRight[],
  activity: ActivityAggregate,
  today: string,
  requested: { from?: string; until?: string },
): { right: BookingRight; from: string; until: string } {
  const own = rights.filter(
    (right) =>
      right.activityCode === activity.activity.code &&
      right.organisationId === activity.activity.organisationId,
  );
  const right = requested.from
    ? own.find((candidate) => covers(candidate, requested.from!))
    : own.find((candidate) => lastDayOf(candidate) >= today);
  const firstName = rights[0]?.childFirstName ?? "L'enfant";
  if (!right) {
    throw new DomainException(
      ReservationErrorCode.NO_BOOKING_RIGHT,
      `${firstName} n'a pas de droit de réservation pour ${activity.activity.name} à cette date.`,
      { day: requested.from ?? today },
    );
  }
  const from = requested.from ?? (right.validFrom > today ? right.validFrom : today);
  const last = lastDayOf(right);
  const until = requested.until ?? last;
  if (until > last) {
    throw new DomainException(
      ReservationErrorCode.NO_BOOKING_RIGHT,
      `Le droit de réservation de ${firstName} pour ${activity.activity.name} se termine le ${frenchSlotDay(last)}.`,
      { day: until },
    );
  }
  if (until < from) invalid('until', 'Le dernier jour est avant le premier.');
  if (daysBetween(from, until) > MAX_PATTERN_DAYS) {
    invalid('until', `Une périodicité couvre ${MAX_PATTERN_DAYS} jours au plus.`);
  }
  return { right, from, until };
}

/** The dated candidates of a pattern over a range. */
export function candidatesOf(
  units: ReadonlyArray<{ unit: ActivityUnit; weekdays: number[] }>,
  pattern: Omit<WeeklyPattern, 'units'>,
  from: string,
  until: string,
): Candidate[] {
  const byId = new Map(units.map(({ unit }) => [unit.id, unit]));
  return expandPattern(
    { ...pattern, units: units.map(({ unit, weekdays }) => ({ unitId: unit.id, weekdays })) },
    from,
    until,
  ).map(({ unitId, day }) => ({ unit: byId.get(unitId)!, day }));
}

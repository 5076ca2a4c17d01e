import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  ReservationErrorCode,
  type BookingRequestView,
  type Caller,
  type SubmitRecurringBookingCommand,
} from '@portail/contracts';
import { Clock, DomainException } from '@portail/service-kit';
import { ActivityCatalogue } from '../activities/activity-catalogue';
import { parisDayOf } from '../calendar-and-notice';
import { ChildSchoolSite } from '../bookings/child-school-site';
import { BookingEngine } from './booking-engine';
import { BookingPattern } from './booking-pattern.entity';
import { ChildAccess, requireCounterCaller } from './child-access';
import { candidatesOf, patternRange, patternUnits } from './pattern-rules';

/** Two submissions of one pattern raced: the second runs again and finds the first's. */
class PatternRace extends Error {}

/**
 * A weekly pattern for one child and activity, expanded to dated bookings over a range within
 * one booking right, skipping the days the unit does not open. The child has one pattern per
 * right: the same pattern again books only what is missing (nothing twice); another pattern is
 * a change from a date (PUT). `dryRun` gives the same outcomes and writes nothing.
 */
@Injectable()
export class SubmitRecurringBooking {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ChildAccess,
    private readonly catalogue: ActivityCatalogue,
    private readonly schoolSite: ChildSchoolSite,
    private readonly engine: BookingEngine,
    private readonly clock: Clock,
  ) {}

  async execute(
    caller: Caller,
    command: SubmitRecurringBookingCommand,
    retried = false,
  ): Promise<BookingRequestView> {
    requireCounterCaller(caller, command.overrideDeadline);
    const rights = await this.access.rightsOf(caller, command.childId);
    const activity = await this.catalogue.load(command.activityId);
    const units = patternUnits(activity, command.units);
    const { right, from, until } = patternRange(
      rights,
      activity,
      parisDayOf(this.clock.now()),
      command,
    );
    const site = await this.schoolSite.resolve(
      activity,
      units.map(({ unit }) => unit),
      { id: right.childId, firstName: right.childFirstName },
      command.siteId,
    );
    const everyWeeks = command.everyWeeks ?? 1;
    const shape = units.map(({ unit, weekdays }) => ({ unitId: unit.id, weekdays }));
    const existing = await this.dataSource
      .getRepository(BookingPattern)
      .findOneBy({ rightId: right.id });
    if (
      existing &&
      (canonical(existing.units) !== canonical(shape) ||
        existing.everyWeeks !== everyWeeks ||
        existing.siteId !== site.id)
    ) {
      throw new DomainException(
        ReservationErrorCode.BOOKING_PATTERN_EXISTS,
        `${right.childFirstName} a déjà une périodicité pour ${activity.activity.name} : modifiez-la à partir d'une date.`,
        { patternId: existing.id },
      );
    }
    const patternId = existing?.id ?? uuidv7();
    const anchorDay = existing?.anchorDay ?? from;
    const now = this.clock.now();
    try {
      return await this.engine.run(
        {
          caller,
          kind: caller.kind === 'family' ? 'recurring' : 'counter',
          right,
          activity,
          siteId: site.id,
          onBehalf: caller.kind !== 'family',
          overrideDeadline: command.overrideDeadline ?? false,
          dryRun: command.dryRun ?? false,
          patternId: command.dryRun && !existing ? null : patternId,
          from,
          until,
        },
        {
          candidates: candidatesOf(units, { everyWeeks, anchorDay }, from, until),
          beforeWrite: existing
            ? undefined
            : (manager) =>
                this.insertPattern(manager, {
                  id: patternId,
                  rightId: right.id,
                  childId: right.childId,
                  householdId: right.householdId,
                  activityId: activity.activity.id,
                  siteId: site.id,
                  units: shape,
                  everyWeeks,
                  anchorDay,
                  firstDay: from,
                  lastDay: until,
                  createdBy: caller.accountId,
                  createdAt: now,
                  updatedAt: now,
                }),
        },
      );
    } catch (error) {
      if (error instanceof PatternRace && !retried) return this.execute(caller, command, true);
      throw error;
    }
  }

  private async insertPattern(manager: EntityManager, pattern: BookingPattern): Promise<void> {
    const inserted = await manager.query<Array<{ id: string }>>(
      `INSERT INTO booking_patterns (id, right_id, child_id, household_id, activity_id, site_id,
         units, every_weeks, anchor_day, first_day, last_day, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
       ON CONFLICT (right_id) DO NOTHING RETURNING id`,
      [
        pattern.id,
        pattern.rightId,
        pattern.childId,
        pattern.householdId,
        pattern.activityId,
        pattern.siteId,
        JSON.stringify(pattern.units),
        pattern.everyWeeks,
        pattern.anchorDay,
        pattern.firstDay,
        pattern.lastDay,
        pattern.createdBy,
        pattern.createdAt,
      ],
    );
    if (!inserted.length) throw new PatternRace();
  }
}

/** A pattern's units as one comparable text. */
export function canonical(units: ReadonlyArray<{ unitId: string; weekdays: number[] }>): string {
  return units.map((unit) => `${unit.unitId}:${unit.weekdays.join(',')}`).join(';');
}

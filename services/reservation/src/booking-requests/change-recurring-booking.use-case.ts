import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ReservationErrorCode,
  type BookingRequestView,
  type Caller,
  type ChangeRecurringBookingCommand,
} from '@portail/contracts';
import { Clock, DomainException } from '@portail/service-kit';
import { ActivityCatalogue } from '../activities/activity-catalogue';
import { parisDayOf } from '../calendar-and-notice';
import { Booking } from '../bookings/booking.entity';
import { BookingEngine } from './booking-engine';
import { BookingPattern } from './booking-pattern.entity';
import { ChildAccess, requireCounterCaller } from './child-access';
import { candidatesOf, patternRange, patternUnits } from './pattern-rules';

export class PatternNotFoundException extends DomainException {
  constructor() {
    super(
      ReservationErrorCode.BOOKING_PATTERN_NOT_FOUND,
      "Cette périodicité n'existe pas pour cet enfant.",
    );
  }
}

/**
 * Changes a pattern from a day on (not before today): the days before are left as they are; the
 * pattern's later bookings that the new pattern no longer holds are cancelled under the
 * cancellation rules (late past their deadline), and its new dates are booked. One transaction.
 */
@Injectable()
export class ChangeRecurringBooking {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ChildAccess,
    private readonly catalogue: ActivityCatalogue,
    private readonly engine: BookingEngine,
    private readonly clock: Clock,
  ) {}

  async execute(
    caller: Caller,
    command: ChangeRecurringBookingCommand,
  ): Promise<BookingRequestView> {
    requireCounterCaller(caller, command.overrideDeadline);
    const rights = await this.access.rightsOf(caller, command.childId);
    const pattern = await this.dataSource
      .getRepository(BookingPattern)
      .findOneBy({ id: command.patternId, childId: command.childId });
    const right = pattern && rights.find((candidate) => candidate.id === pattern.rightId);
    if (!pattern || !right) throw new PatternNotFoundException();
    const activity = await this.catalogue.load(pattern.activityId);
    const units = patternUnits(activity, command.units);
    const today = parisDayOf(this.clock.now());
    const { from, until } = patternRange([right], activity, today, {
      from: command.fromDay > today ? command.fromDay : today,
      until: command.until ?? pattern.lastDay,
    });
    const everyWeeks = command.everyWeeks ?? 1;
    // Every other week keeps counting from the same week unless the frequency changes.
    const anchorDay = everyWeeks === pattern.everyWeeks ? pattern.anchorDay : from;
    const candidates = candidatesOf(units, { everyWeeks, anchorDay }, from, until);
    const kept = new Set(candidates.map((c) => `${c.unit.id}/${c.day}`));
    const cancellations = async (manager: EntityManager, lock: boolean): Promise<Booking[]> => {
      const query = manager
        .getRepository(Booking)
        .createQueryBuilder('b')
        .where('b.pattern_id = :patternId AND b.day >= :from', { patternId: pattern.id, from })
        .andWhere("b.status NOT IN ('cancelled', 'refused')")
        .orderBy('b.day')
        .addOrderBy('b.unit_id');
      if (lock) query.setLock('pessimistic_write');
      const live = await query.getMany();
      return live.filter((booking) => !kept.has(`${booking.unitId}/${booking.day}`));
    };
    return this.engine.run(
      {
        caller,
        kind: caller.kind === 'family' ? 'recurring' : 'counter',
        right,
        activity,
        siteId: pattern.siteId,
        onBehalf: caller.kind !== 'family',
        overrideDeadline: command.overrideDeadline ?? false,
        dryRun: command.dryRun ?? false,
        patternId: pattern.id,
        from,
        until,
      },
      {
        candidates,
        cancellations,
        beforeWrite: async (manager) => {
          await manager.getRepository(BookingPattern).update(
            { id: pattern.id },
            {
              units: units.map(({ unit, weekdays }) => ({ unitId: unit.id, weekdays })),
              everyWeeks,
              anchorDay,
              lastDay: until,
              updatedAt: this.clock.now(),
            },
          );
        },
      },
    );
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CommonErrorCode,
  MAX_PATTERN_DAYS,
  ReservationErrorCode,
  type BookingRequestView,
  type Caller,
  type CancelBookingRangeCommand,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import { ActivityCatalogue } from '../activities/activity-catalogue';
import { Booking } from '../bookings/booking.entity';
import { BookingEngine } from './booking-engine';
import { ChildAccess } from './child-access';
import { daysBetween } from './recurrence';

/**
 * Cancels a child's live bookings of an activity over a date range at once (optionally of some
 * units), each under the cancellation rules: late past its deadline, its place to the waiting
 * list. One transaction; `dryRun` tells what would be cancelled.
 */
@Injectable()
export class CancelBookingRange {
  constructor(
    private readonly access: ChildAccess,
    private readonly catalogue: ActivityCatalogue,
    private readonly engine: BookingEngine,
  ) {}

  async execute(caller: Caller, command: CancelBookingRangeCommand): Promise<BookingRequestView> {
    if (command.to < command.from || daysBetween(command.from, command.to) > MAX_PATTERN_DAYS) {
      const message = `La période va du premier au dernier jour, ${MAX_PATTERN_DAYS} jours au plus.`;
      throw new DomainException(CommonErrorCode.VALIDATION_FAILED, message, {
        fields: [{ field: 'to', message }],
      });
    }
    const rights = await this.access.rightsOf(caller, command.childId);
    const activity = await this.catalogue.load(command.activityId);
    const own = rights.filter(
      (right) =>
        right.activityCode === activity.activity.code &&
        right.organisationId === activity.activity.organisationId,
    );
    if (!own.length) {
      throw new DomainException(
        ReservationErrorCode.NO_BOOKING_RIGHT,
        `${rights[0].childFirstName} n'a pas de droit de réservation pour ${activity.activity.name}.`,
      );
    }
    const cancellations = (manager: EntityManager, lock: boolean): Promise<Booking[]> => {
      const query = manager
        .getRepository(Booking)
        .createQueryBuilder('b')
        .where('b.child_id = :childId AND b.activity_id = :activityId', {
          childId: command.childId,
          activityId: activity.activity.id,
        })
        .andWhere('b.day BETWEEN :from AND :to', command)
        .andWhere("b.status NOT IN ('cancelled', 'refused')")
        .orderBy('b.day')
        .addOrderBy('b.unit_id');
      if (command.unitIds?.length) query.andWhere('b.unit_id IN (:...unitIds)', command);
      if (lock) query.setLock('pessimistic_write');
      return query.getMany();
    };
    return this.engine.run(
      {
        caller,
        kind: caller.kind === 'family' ? 'recurring' : 'counter',
        right: own[0],
        rightsById: new Map(own.map((right) => [right.id, right])),
        activity,
        siteId: '',
        onBehalf: caller.kind !== 'family',
        overrideDeadline: false,
        dryRun: command.dryRun ?? false,
        patternId: null,
        from: command.from,
        until: command.to,
      },
      { candidates: [], cancellations },
    );
  }
}

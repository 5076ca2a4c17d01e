import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BookingEventBase, EventPayloads } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import type { ActivityAggregate } from '../activities/activity-catalogue';
import { BookingRight } from '../rights/booking-right.entity';
import { Booking } from './booking.entity';

/**
 * Places, in the transaction of the booking or the cancellation. A place is taken by a
 * conditional UPDATE of the day's counter row (`booked < capacity`), which PostgreSQL serialises
 * per row across every replica: capacity is never exceeded and nothing is checked then inserted.
 * A freed place goes at once to the first booking of the waiting list, in request order.
 */
@Injectable()
export class BookingLedger {
  constructor(private readonly events: EventRecorder) {}

  /** Records a booking event in the transaction (the outbox). */
  async record<T extends 'reservation.booking.created'>(
    manager: EntityManager,
    type: T,
    payload: EventPayloads[T],
    bookingId: string,
  ): Promise<void> {
    await this.events.record(manager, type, payload, { aggregateId: bookingId });
  }

  /** Records an agent's decision on a late request. */
  async recordDecision(
    manager: EntityManager,
    payload: EventPayloads['reservation.booking.decided'],
  ): Promise<void> {
    await this.events.record(manager, 'reservation.booking.decided', payload, {
      aggregateId: payload.bookingId,
    });
  }

  /** Creates the day's counter if needed; true when a place was taken. */
  async takePlace(
    manager: EntityManager,
    slot: { unitId: string; siteId: string; day: string },
    capacity: number,
  ): Promise<boolean> {
    await manager.query(
      `INSERT INTO slot_counters (unit_id, site_id, day, booked, capacity)
       VALUES ($1, $2, $3, 0, $4) ON CONFLICT DO NOTHING`,
      [slot.unitId, slot.siteId, slot.day, capacity],
    );
    // A CTE, so that the reply is rows whatever the driver makes of an UPDATE's result.
    const [taken] = await manager.query<Array<{ n: number }>>(
      `WITH taken AS (
         UPDATE slot_counters SET booked = booked + 1
          WHERE unit_id = $1 AND site_id = $2 AND day = $3 AND booked < capacity
          RETURNING booked)
       SELECT count(*)::int AS n FROM taken`,
      [slot.unitId, slot.siteId, slot.day],
    );
    return taken.n > 0;
  }

  /**
   * Cancels a live booking (locked by the caller); a booked one frees its place, which the first
   * waitlisted booking takes at once. Records the cancellation, and the promotion if any.
   */
  async cancel(
    manager: EntityManager,
    booking: Booking,
    context: { right: BookingRight; activity: ActivityAggregate; unitCode: string },
    cancellation: { late: boolean; cause: 'family' | 'right-ended'; at: Date; message?: string },
  ): Promise<Booking> {
    const previousStatus = booking.status as 'booked' | 'waitlisted' | 'pending';
    booking.status = 'cancelled';
    booking.late = previousStatus === 'booked' && cancellation.late;
    booking.cancelledAt = cancellation.at;
    if (booking.late && cancellation.message) booking.message = cancellation.message;
    await manager.getRepository(Booking).update(
      { id: booking.id },
      {
        status: booking.status,
        late: booking.late,
        cancelledAt: booking.cancelledAt,
        message: booking.message,
      },
    );
    await this.events.record(
      manager,
      'reservation.booking.cancelled',
      {
        ...eventBase(booking, context),
        late: booking.late,
        cause: cancellation.cause,
        previousStatus,
      },
      { aggregateId: booking.id },
    );
    if (previousStatus === 'booked') {
      await manager.query(
        `UPDATE slot_counters SET booked = booked - 1
          WHERE unit_id = $1 AND site_id = $2 AND day = $3`,
        [booking.unitId, booking.siteId, booking.day],
      );
      await this.promoteFirst(manager, booking, context);
    }
    return booking;
  }

  /** Gives every free place of a day (after a capacity rise) to the waiting list, in order. */
  async promoteWhileFree(
    manager: EntityManager,
    slot: { unitId: string; siteId: string; day: string },
    activity: ActivityAggregate,
  ): Promise<number> {
    let promoted = 0;
    while (await this.promoteFirst(manager, slot, { activity })) promoted += 1;
    return promoted;
  }

  private async promoteFirst(
    manager: EntityManager,
    slot: { unitId: string; siteId: string; day: string },
    context: { activity: ActivityAggregate },
  ): Promise<boolean> {
    const first = await manager
      .getRepository(Booking)
      .createQueryBuilder('b')
      .where('b.unit_id = :unitId AND b.site_id = :siteId AND b.day = :day', {
        unitId: slot.unitId,
        siteId: slot.siteId,
        day: slot.day,
      })
      .andWhere("b.status = 'waitlisted'")
      .orderBy('b.seq', 'ASC')
      .limit(1)
      .setLock('pessimistic_write')
      .getOne();
    if (!first) return false;
    if (!(await this.takePlace(manager, slot, 0))) return false;
    await manager.getRepository(Booking).update({ id: first.id }, { status: 'booked' });
    first.status = 'booked';
    const right = await manager.getRepository(BookingRight).findOneByOrFail({ id: first.rightId });
    const unit = context.activity.units.find((candidate) => candidate.id === first.unitId);
    await this.events.record(
      manager,
      'reservation.booking.promoted',
      eventBase(first, { right, activity: context.activity, unitCode: unit?.code ?? '' }),
      { aggregateId: first.id },
    );
    return true;
  }
}

export function eventBase(
  booking: Booking,
  context: { right: BookingRight; activity: ActivityAggregate; unitCode: string },
): BookingEventBase {
  return {
    bookingId: booking.id,
    rightId: booking.rightId,
    organisationId: context.right.organisationId,
    municipalServiceId: context.activity.activity.municipalServiceId,
    activityCode: context.activity.activity.code,
    unitId: booking.unitId,
    unitCode: context.unitCode,
    siteId: booking.siteId,
    day: booking.day,
    childId: booking.childId,
    householdId: booking.householdId,
    billing: context.right.billing,
  };
}

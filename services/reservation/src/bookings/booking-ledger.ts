import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { BookingCancellationCause, BookingEventBase, EventPayloads } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { Clock } from '@portail/service-kit';
import type { ActivityAggregate } from '../activities/activity-catalogue';
import type { ActivityUnit } from '../activities/activity.entities';
import { PARIS_ZONE } from '../calendar';
import { BookingRight } from '../rights/booking-right.entity';
import { Booking } from './booking.entity';

type Slot = { unitId: string; siteId: string; day: string };
type BookingContext = { right: BookingRight; activity: ActivityAggregate; unitCode: string };

/**
 * Places, in the transaction of the booking or the cancellation. A place is taken by a
 * conditional UPDATE of the day's counter row (`booked < capacity`), which PostgreSQL serialises
 * per row across every replica: capacity is never exceeded and nothing is checked then inserted.
 * A freed place goes to the first booking of the waiting list, in request order: at once (unit
 * mode `promote`), or as an offer held for the unit's hold time (mode `offer`; an offered booking
 * counts in `booked`, so the held place is nobody else's).
 */
@Injectable()
export class BookingLedger {
  constructor(
    private readonly events: EventRecorder,
    private readonly clock: Clock,
  ) {}

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
  async takePlace(manager: EntityManager, slot: Slot, capacity: number): Promise<boolean> {
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
   * Cancels a live booking (locked by the caller); a booked or offered one frees its place, which
   * goes to the waiting list. Records the cancellation, and the promotion or offer if any. An
   * already ended booking (cancelled, refused, expired) is returned unchanged.
   */
  async cancel(
    manager: EntityManager,
    booking: Booking,
    context: BookingContext,
    cancellation: {
      late: boolean;
      cause: BookingCancellationCause;
      at: Date;
      message?: string;
    },
  ): Promise<Booking> {
    if (isEnded(booking)) return booking;
    const heldPlace = booking.status === 'booked' || booking.status === 'offered';
    // An offer never confirmed is, for billing, still a place on the waiting list.
    const previousStatus = (booking.status === 'offered' ? 'waitlisted' : booking.status) as
      'booked' | 'waitlisted' | 'pending';
    booking.status = 'cancelled';
    booking.late = previousStatus === 'booked' && cancellation.late;
    booking.cancelledAt = cancellation.at;
    if ((booking.late || cancellation.cause === 'basket-expired') && cancellation.message) {
      booking.message = cancellation.message;
    }
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
    if (heldPlace) await this.freePlace(manager, booking, context.activity);
    return booking;
  }

  /** Gives every free place of a day (after a capacity rise) to the waiting list, in order. */
  async promoteWhileFree(
    manager: EntityManager,
    slot: Slot,
    activity: ActivityAggregate,
  ): Promise<number> {
    let given = 0;
    while (await this.giveToFirstWaiting(manager, slot, activity)) given += 1;
    return given;
  }

  /** The family takes the place held for its child (checked offered and unexpired by the caller). */
  async confirmOffer(manager: EntityManager, booking: Booking, context: BookingContext) {
    booking.status = 'booked';
    booking.offerExpiresAt = null;
    await manager
      .getRepository(Booking)
      .update({ id: booking.id }, { status: 'booked', offerExpiresAt: null });
    await this.events.record(manager, 'reservation.booking.promoted', eventBase(booking, context), {
      aggregateId: booking.id,
    });
    return booking;
  }

  /**
   * An offer declined by the family, or expired: the booking is cancelled and the held place
   * passes to the next of the waiting list.
   */
  async lapseOffer(
    manager: EntityManager,
    booking: Booking,
    context: BookingContext,
    outcome: 'declined' | 'expired',
  ): Promise<Booking> {
    booking.status = 'cancelled';
    booking.cancelledAt = this.clock.now();
    booking.message =
      outcome === 'declined'
        ? 'Place proposée refusée par la famille.'
        : "Place proposée non confirmée à temps : elle passe à l'enfant suivant.";
    await manager
      .getRepository(Booking)
      .update(
        { id: booking.id },
        { status: booking.status, cancelledAt: booking.cancelledAt, message: booking.message },
      );
    await this.events.record(
      manager,
      'reservation.booking.offer-lapsed',
      { ...eventBase(booking, context), outcome },
      { aggregateId: booking.id },
    );
    await this.freePlace(manager, booking, context.activity);
    return booking;
  }

  private async freePlace(
    manager: EntityManager,
    slot: Slot,
    activity: ActivityAggregate,
  ): Promise<void> {
    await manager.query(
      `UPDATE slot_counters SET booked = booked - 1
        WHERE unit_id = $1 AND site_id = $2 AND day = $3`,
      [slot.unitId, slot.siteId, slot.day],
    );
    await this.giveToFirstWaiting(manager, slot, activity);
  }

  /** The first waitlisted booking takes a free place (promote) or is offered it (offer). */
  private async giveToFirstWaiting(
    manager: EntityManager,
    slot: Slot,
    activity: ActivityAggregate,
  ): Promise<boolean> {
    const unit = activity.units.find((candidate) => candidate.id === slot.unitId);
    let offerExpiresAt: Date | null = null;
    if (unit?.waitingListMode === 'offer') {
      offerExpiresAt = offerExpiryOf(unit, slot.day, this.clock.now());
      // The unit has started: too late to offer the place to anyone.
      if (!offerExpiresAt) return false;
    }
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
    const right = await manager.getRepository(BookingRight).findOneByOrFail({ id: first.rightId });
    const base = eventBase(first, { right, activity, unitCode: unit?.code ?? '' });
    if (offerExpiresAt) {
      first.status = 'offered';
      first.offerExpiresAt = offerExpiresAt;
      await manager
        .getRepository(Booking)
        .update({ id: first.id }, { status: 'offered', offerExpiresAt });
      await this.events.record(
        manager,
        'reservation.booking.offered',
        { ...base, offerExpiresAt: offerExpiresAt.toISOString() },
        { aggregateId: first.id },
      );
    } else {
      first.status = 'booked';
      await manager.getRepository(Booking).update({ id: first.id }, { status: 'booked' });
      await this.events.record(manager, 'reservation.booking.promoted', base, {
        aggregateId: first.id,
      });
    }
    return true;
  }
}

/** Cancelled, refused or expired: nothing left to cancel. */
export function isEnded(booking: Booking): boolean {
  return ['cancelled', 'refused', 'expired'].includes(booking.status);
}

/**
 * Until when a place freed now is held: the unit's hold time, but never past the unit's start
 * on that day (Paris time); null when the unit has already started.
 */
export function offerExpiryOf(
  unit: Pick<ActivityUnit, 'offerHoldMinutes' | 'startsAt'>,
  day: string,
  now: Date,
): Date | null {
  const start = DateTime.fromISO(`${day}T${unit.startsAt}`, { zone: PARIS_ZONE }).toJSDate();
  if (start.getTime() <= now.getTime()) return null;
  const held = new Date(now.getTime() + unit.offerHoldMinutes * 60_000);
  return held < start ? held : start;
}

export function eventBase(booking: Booking, context: BookingContext): BookingEventBase {
  return {
    bookingId: booking.id,
    rightId: booking.rightId,
    organisationId: context.right.organisationId,
    municipalServiceId: context.activity.activity.municipalServiceId,
    activityCode: context.activity.activity.code,
    // Names for people (e-mails), so that notification needs no query back.
    activityName: context.activity.activity.name,
    unitId: booking.unitId,
    unitCode: context.unitCode,
    unitLabel:
      context.activity.units.find((unit) => unit.id === booking.unitId)?.label ?? context.unitCode,
    siteId: booking.siteId,
    day: booking.day,
    childId: booking.childId,
    householdId: booking.householdId,
    billing: context.right.billing,
  };
}

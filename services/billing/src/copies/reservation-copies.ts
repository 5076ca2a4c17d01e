import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BookingEventBase, EventEnvelope, RequestOutcome } from '@portail/contracts';
import { HandlesEvent } from '@portail/messaging';
import { BasketBook } from '../baskets/basket-book';

type BookingEventType =
  'reservation.booking.cancelled' | 'reservation.booking.promoted' | 'reservation.booking.decided';

/** The dates of a request that hold a booking billing copies (not refused, not cancelled). */
const HELD_STATUSES: ReadonlySet<RequestOutcome['status']> = new Set([
  'booked',
  'waitlisted',
  'pending',
]);

/**
 * Billing's copy of what reservation decided: each booking's last status (and whether it was
 * cancelled late by the family), each child's attendance per unit and day (the newest record
 * wins: corrections replace), and the months locked per municipal service. Every write is an
 * upsert guarded by the event's instant, so a redelivery or an older event changes nothing; the
 * inbox already runs each event once.
 */
@Injectable()
export class ReservationCopies {
  constructor(private readonly baskets: BasketBook) {}

  /**
   * A request's new bookings (one event per request: a school year is hundreds of dates), in one
   * statement. Cancelled dates have their own events (with the late flag); refused ones hold no
   * booking; a date already booked is reported with its status as it was, which the guard keeps
   * from overwriting anything newer.
   */
  @HandlesEvent('reservation.request.recorded')
  async onRequest(
    event: EventEnvelope<'reservation.request.recorded'>,
    manager: EntityManager,
  ): Promise<void> {
    const request = event.payload;
    const held = request.outcomes.filter(
      (outcome): outcome is RequestOutcome & { bookingId: string } =>
        outcome.bookingId !== null && HELD_STATUSES.has(outcome.status),
    );
    if (!held.length) return;
    await manager.query(
      `INSERT INTO booked_days (booking_id, municipal_service_id, activity_code, unit_id,
         unit_code, day, child_id, household_id, billing, status, late_cancellation, updated_at)
       SELECT t.booking_id, $1, $2, t.unit_id, t.unit_code, t.day, $3, $4, $5, t.status, false, $6
         FROM unnest($7::uuid[], $8::uuid[], $9::text[], $10::date[], $11::text[])
           AS t(booking_id, unit_id, unit_code, day, status)
       ON CONFLICT (booking_id) DO UPDATE SET status = EXCLUDED.status,
         late_cancellation = EXCLUDED.late_cancellation, updated_at = EXCLUDED.updated_at
       WHERE booked_days.updated_at <= EXCLUDED.updated_at`,
      [
        request.municipalServiceId,
        request.activityCode,
        request.childId,
        request.householdId,
        request.billing,
        event.occurredAt,
        held.map((outcome) => outcome.bookingId),
        held.map((outcome) => outcome.unitId),
        held.map((outcome) => outcome.unitCode),
        held.map((outcome) => outcome.day),
        held.map((outcome) => outcome.status),
      ],
    );
    if (request.billing !== 'pre-billing') return;
    // Pre-billed days fill the household's basket (a pre-billed request is a few Wednesdays).
    for (const outcome of held) {
      await this.baskets.follow(manager, {
        bookingId: outcome.bookingId,
        rightId: request.rightId,
        organisationId: request.organisationId,
        municipalServiceId: request.municipalServiceId,
        activityCode: request.activityCode,
        activityName: request.activityName,
        unitId: outcome.unitId,
        unitCode: outcome.unitCode,
        unitLabel: outcome.unitLabel,
        siteId: request.siteId,
        day: outcome.day,
        childId: request.childId,
        householdId: request.householdId,
        billing: request.billing,
      });
    }
  }

  @HandlesEvent('reservation.booking.promoted')
  onPromoted(event: EventEnvelope<'reservation.booking.promoted'>, manager: EntityManager) {
    return this.upsertBooking(event, 'booked', false, manager);
  }

  @HandlesEvent('reservation.booking.decided')
  onDecided(event: EventEnvelope<'reservation.booking.decided'>, manager: EntityManager) {
    return this.upsertBooking(event, event.payload.status, false, manager);
  }

  /** Billed only when the family cancelled a held place past the deadline. */
  @HandlesEvent('reservation.booking.cancelled')
  onCancelled(event: EventEnvelope<'reservation.booking.cancelled'>, manager: EntityManager) {
    const cancelled = event.payload;
    const billable =
      cancelled.late && cancelled.cause === 'family' && cancelled.previousStatus === 'booked';
    return this.upsertBooking(event, 'cancelled', billable, manager);
  }

  @HandlesEvent('reservation.attendance.recorded')
  async onAttendance(
    event: EventEnvelope<'reservation.attendance.recorded'>,
    manager: EntityManager,
  ): Promise<void> {
    const attendance = event.payload;
    await manager.query(
      `INSERT INTO attendance (unit_id, child_id, day, municipal_service_id, activity_code,
         unit_code, household_id, booking_id, status, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (unit_id, child_id, day) DO UPDATE SET status = EXCLUDED.status,
         booking_id = EXCLUDED.booking_id, recorded_at = EXCLUDED.recorded_at
       WHERE attendance.recorded_at <= EXCLUDED.recorded_at`,
      [
        attendance.unitId,
        attendance.childId,
        attendance.day,
        attendance.municipalServiceId,
        attendance.activityCode,
        attendance.unitCode,
        attendance.householdId,
        attendance.bookingId,
        attendance.status,
        event.occurredAt,
      ],
    );
  }

  @HandlesEvent('reservation.attendance.month-locked')
  async onMonthLocked(
    event: EventEnvelope<'reservation.attendance.month-locked'>,
    manager: EntityManager,
  ): Promise<void> {
    const locked = event.payload;
    await manager.query(
      `INSERT INTO month_locks (municipal_service_id, month, locked_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [locked.municipalServiceId, locked.month, locked.lockedAt],
    );
  }

  private async upsertBooking(
    event: EventEnvelope<BookingEventType>,
    status: string,
    lateCancellation: boolean,
    manager: EntityManager,
  ): Promise<void> {
    const booking: BookingEventBase = event.payload;
    await manager.query(
      `INSERT INTO booked_days (booking_id, municipal_service_id, activity_code, unit_id,
         unit_code, day, child_id, household_id, billing, status, late_cancellation, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (booking_id) DO UPDATE SET status = EXCLUDED.status,
         late_cancellation = EXCLUDED.late_cancellation, updated_at = EXCLUDED.updated_at
       WHERE booked_days.updated_at <= EXCLUDED.updated_at`,
      [
        booking.bookingId,
        booking.municipalServiceId,
        booking.activityCode,
        booking.unitId,
        booking.unitCode,
        booking.day,
        booking.childId,
        booking.householdId,
        booking.billing,
        status,
        lateCancellation,
        event.occurredAt,
      ],
    );
    // Pre-billed days fill the household's basket; a booking no longer booked leaves it.
    await this.baskets.follow(manager, booking);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReservationErrorCode, type BookingView, type Caller } from '@portail/contracts';
import { Clock, DomainException } from '@portail/service-kit';
import { ActivityCatalogue, closuresAt } from '../activities/activity-catalogue';
import { SchoolCalendar, cancellingRuleOf, evaluateCancellation } from '../calendar-and-notice';
import { BookingRight } from '../rights/booking-right.entity';
import { BookingLedger, isEnded } from './booking-ledger';
import { toBookingView } from './booking-view';
import { Booking } from './booking.entity';

export class BookingNotFoundException extends DomainException {
  constructor() {
    super(ReservationErrorCode.BOOKING_NOT_FOUND, "Cette réservation n'existe pas.");
  }
}

/**
 * A family cancels a booking of its household. Never refused for lateness: past the cancelling
 * deadline it is flagged late (it may be billed). A booked place goes to the first of the
 * waiting list, in the same transaction; cancelling an offered place declines the offer.
 */
@Injectable()
export class CancelBooking {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: ActivityCatalogue,
    private readonly calendar: SchoolCalendar,
    private readonly ledger: BookingLedger,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, bookingId: string): Promise<BookingView> {
    if (caller.kind !== 'family') throw new BookingNotFoundException();
    return this.dataSource.transaction(async (manager) => {
      const booking = await manager
        .getRepository(Booking)
        .createQueryBuilder('b')
        .where('b.id = :bookingId', { bookingId })
        .setLock('pessimistic_write')
        .getOne();
      const right =
        booking && (await manager.getRepository(BookingRight).findOneBy({ id: booking.rightId }));
      if (!booking || !right || !right.accountIds.includes(caller.accountId)) {
        throw new BookingNotFoundException();
      }
      const activity = await this.catalogue.load(booking.activityId, manager);
      const unit = activity.units.find((candidate) => candidate.id === booking.unitId)!;
      const names = {
        childFirstName: right.childFirstName,
        activityCode: activity.activity.code,
        unitLabel: unit.label,
      };
      if (isEnded(booking)) {
        throw new DomainException(
          ReservationErrorCode.BOOKING_ALREADY_CANCELLED,
          booking.status === 'refused'
            ? 'Cette demande a été refusée par le service.'
            : booking.status === 'expired'
              ? "Cette demande est restée en attente jusqu'au jour passé : elle a expiré."
              : 'Cette réservation est déjà annulée.',
        );
      }
      if (booking.status === 'offered') {
        // Cancelling a place offered and not confirmed is declining the offer.
        const declined = await this.ledger.lapseOffer(
          manager,
          booking,
          { right, activity, unitCode: unit.code },
          'declined',
        );
        return toBookingView(declined, names);
      }
      const closures = closuresAt(activity, booking.siteId);
      const now = this.clock.now();
      const evaluation = evaluateCancellation(
        cancellingRuleOf(unit.noticePolicy),
        { day: booking.day, startsAt: unit.startsAt },
        now,
        { isWorkingDay: (day) => this.calendar.isWorkingDay(day, closures) },
      );
      const cancelled = await this.ledger.cancel(
        manager,
        booking,
        { right, activity, unitCode: unit.code },
        {
          late: evaluation.late,
          cause: 'family',
          at: now,
          message: evaluation.late ? evaluation.message : undefined,
        },
      );
      return toBookingView(cancelled, names);
    });
  }
}

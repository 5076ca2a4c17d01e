import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ReservationErrorCode, type Caller, type OfferView } from '@portail/contracts';
import { Clock, DomainException } from '@portail/service-kit';
import { ActivityCatalogue } from '../activities/activity-catalogue';
import { BookingLedger } from '../bookings/booking-ledger';
import { toBookingView } from '../bookings/booking-view';
import { Booking } from '../bookings/booking.entity';
import { BookingNotFoundException } from '../bookings/cancel-booking.use-case';
import { contextOf, type LoadedBooking } from './booking-context';

/**
 * A family answers the offer of a freed place (unit mode `offer`): confirmed before it expires,
 * the booking is `booked`; declined, it is cancelled and the place offered to the next child.
 * An offer confirmed after its expiry is refused (409 OFFER_EXPIRED), and passed on at once
 * rather than waiting for the expiry job.
 */
@Injectable()
export class RespondToOffer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: ActivityCatalogue,
    private readonly ledger: BookingLedger,
    private readonly clock: Clock,
  ) {}

  async get(caller: Caller, bookingId: string): Promise<OfferView> {
    const { booking, context } = await this.owned(
      this.dataSource.manager,
      caller,
      bookingId,
      false,
    );
    return toOfferView(booking, context);
  }

  async confirm(caller: Caller, bookingId: string): Promise<OfferView> {
    const outcome = await this.dataSource.transaction<{ view: OfferView } | { expiredAt: Date }>(
      async (manager) => {
        const { booking, context } = await this.offered(manager, caller, bookingId);
        if (this.hasExpired(booking)) {
          await this.ledger.lapseOffer(manager, booking, context, 'expired');
          return { expiredAt: booking.offerExpiresAt! };
        }
        return {
          view: toOfferView(await this.ledger.confirmOffer(manager, booking, context), context),
        };
      },
    );
    if ('view' in outcome) return outcome.view;
    // Thrown after the commit, so that the lapse (and the offer to the next child) stays.
    throw new DomainException(
      ReservationErrorCode.OFFER_EXPIRED,
      "La place proposée n'a pas été confirmée à temps : elle a été proposée à l'enfant suivant de la liste d'attente.",
      { offerExpiresAt: new Date(outcome.expiredAt).toISOString() },
    );
  }

  async decline(caller: Caller, bookingId: string): Promise<OfferView> {
    return this.dataSource.transaction(async (manager) => {
      const { booking, context } = await this.offered(manager, caller, bookingId);
      const outcome = this.hasExpired(booking) ? 'expired' : 'declined';
      return toOfferView(await this.ledger.lapseOffer(manager, booking, context, outcome), context);
    });
  }

  private hasExpired(booking: Booking): boolean {
    return new Date(booking.offerExpiresAt!).getTime() <= this.clock.now().getTime();
  }

  private async offered(manager: EntityManager, caller: Caller, bookingId: string) {
    const owned = await this.owned(manager, caller, bookingId, true);
    if (owned.booking.status !== 'offered') {
      throw new DomainException(
        ReservationErrorCode.BOOKING_NOT_OFFERED,
        "Aucune place n'est proposée pour cette réservation.",
        { status: owned.booking.status },
      );
    }
    return owned;
  }

  /** The booking, if a right of the caller's household covers it; else 404. */
  private async owned(
    manager: EntityManager,
    caller: Caller,
    bookingId: string,
    lock: boolean,
  ): Promise<{ booking: Booking; context: LoadedBooking }> {
    if (caller.kind !== 'family') throw new BookingNotFoundException();
    const query = manager
      .getRepository(Booking)
      .createQueryBuilder('b')
      .where('b.id = :bookingId', { bookingId });
    if (lock) query.setLock('pessimistic_write');
    const booking = await query.getOne();
    if (!booking) throw new BookingNotFoundException();
    const context = await contextOf(manager, this.catalogue, booking);
    if (!context.right.accountIds.includes(caller.accountId)) throw new BookingNotFoundException();
    return { booking, context };
  }
}

export function toOfferView(booking: Booking, context: LoadedBooking): OfferView {
  return {
    ...toBookingView(booking, {
      childFirstName: context.right.childFirstName,
      activityCode: context.activity.activity.code,
      unitLabel: context.unit.label,
    }),
    offerExpiresAt: booking.offerExpiresAt ? new Date(booking.offerExpiresAt).toISOString() : null,
  };
}

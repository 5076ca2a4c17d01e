import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@portail/contracts';
import { HandlesEvent } from '@portail/messaging';
import { Clock } from '@portail/service-kit';
import { ActivityCatalogue } from '../activities/activity-catalogue';
import { BookingLedger } from '../bookings/booking-ledger';
import { Booking } from '../bookings/booking.entity';
import { BookingRight } from '../rights/booking-right.entity';

/** What the family reads on a booking its unpaid basket released. */
export const BASKET_EXPIRED_MESSAGE =
  'Panier non réglé dans le délai : la réservation est annulée et la place libérée.';

/**
 * Billing's pre-billed basket was not paid in time: its bookings are cancelled with the cause
 * `basket-expired` — never late, never billed — and each freed place goes to the waiting list as
 * for any cancellation (the booking ledger). A booking already ended is left as it is, so a
 * redelivered event changes nothing (the inbox runs each once besides).
 */
@Injectable()
export class BasketExpiredHandler {
  constructor(
    private readonly ledger: BookingLedger,
    private readonly catalogue: ActivityCatalogue,
    private readonly clock: Clock,
  ) {}

  @HandlesEvent('billing.basket.expired')
  async onBasketExpired(
    event: EventEnvelope<'billing.basket.expired'>,
    manager: EntityManager,
  ): Promise<void> {
    const bookings = await manager
      .getRepository(Booking)
      .createQueryBuilder('b')
      .where('b.id IN (:...ids)', { ids: event.payload.bookingIds })
      .andWhere('b.household_id = :householdId', { householdId: event.payload.householdId })
      .orderBy('b.day')
      .addOrderBy('b.id')
      .setLock('pessimistic_write')
      .getMany();
    const now = this.clock.now();
    for (const booking of bookings) {
      const right = await manager.getRepository(BookingRight).findOneBy({ id: booking.rightId });
      if (!right) continue;
      const activity = await this.catalogue.load(booking.activityId, manager);
      const unitCode = activity.units.find((unit) => unit.id === booking.unitId)?.code ?? '';
      await this.ledger.cancel(
        manager,
        booking,
        { right, activity, unitCode },
        { late: false, cause: 'basket-expired', at: now, message: BASKET_EXPIRED_MESSAGE },
      );
    }
  }
}

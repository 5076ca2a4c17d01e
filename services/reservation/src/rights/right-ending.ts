import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActivityCatalogue } from '../activities/activity-catalogue';
import { BookingLedger } from '../bookings/booking-ledger';
import { Booking } from '../bookings/booking.entity';
import type { BookingRight } from './booking-right.entity';

/**
 * What ending a right does to its bookings (a withdrawal, an account closed): those from `day`
 * on are cancelled, not late (the family did not choose the date), and their places go to the
 * waiting lists.
 */
@Injectable()
export class RightEnding {
  constructor(
    private readonly ledger: BookingLedger,
    private readonly catalogue: ActivityCatalogue,
  ) {}

  /** Cancels the right's live bookings from `day` on (locked first); answers how many. */
  async cancelBookingsFrom(
    manager: EntityManager,
    right: BookingRight,
    day: string,
    at: Date,
  ): Promise<number> {
    const bookings = await manager
      .getRepository(Booking)
      .createQueryBuilder('b')
      .where('b.right_id = :rightId', { rightId: right.id })
      .andWhere('b.day >= :day', { day })
      .andWhere("b.status NOT IN ('cancelled', 'refused', 'expired')")
      .orderBy('b.day')
      .setLock('pessimistic_write')
      .getMany();
    if (!bookings.length) return 0;
    const activity = await this.catalogue.findByCode(
      right.organisationId,
      right.activityCode,
      manager,
    );
    if (!activity) return 0;
    for (const booking of bookings) {
      const unitCode = activity.units.find((unit) => unit.id === booking.unitId)?.code ?? '';
      await this.ledger.cancel(
        manager,
        booking,
        { right, activity, unitCode },
        { late: false, cause: 'right-ended', at },
      );
    }
    return bookings.length;
  }
}

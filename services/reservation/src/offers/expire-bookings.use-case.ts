import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityCatalogue } from '../activities/activity-catalogue';
import { parisDayOf } from '../calendar';
import { BookingLedger } from '../bookings/booking-ledger';
import { Booking } from '../bookings/booking.entity';
import { contextOf } from './booking-context';

/** At most this many offers lapse per run; the next run takes the rest. */
const MAX_OFFERS_PER_RUN = 1000;

/**
 * The expiry job's work, judged at `now`: offers not confirmed in time pass to the next child
 * (`reservation.booking.offer-lapsed`, outcome `expired`), one transaction per offer; then
 * bookings still waitlisted or pending once their day has passed become `expired` (no event:
 * they never held a place nor were billed). Safe to run again: rows are chosen by their state.
 */
@Injectable()
export class ExpireBookings {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: ActivityCatalogue,
    private readonly ledger: BookingLedger,
  ) {}

  async run(now: Date): Promise<number> {
    let handled = 0;
    while (handled < MAX_OFFERS_PER_RUN && (await this.lapseOneOffer(now))) handled += 1;
    return handled + (await this.expirePastDays(now));
  }

  private lapseOneOffer(now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const booking = await manager
        .getRepository(Booking)
        .createQueryBuilder('b')
        .where("b.status = 'offered' AND b.offer_expires_at <= :now", { now })
        .orderBy('b.offer_expires_at')
        .addOrderBy('b.seq')
        .limit(1)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getOne();
      if (!booking) return false;
      const context = await contextOf(manager, this.catalogue, booking);
      await this.ledger.lapseOffer(manager, booking, context, 'expired');
      return true;
    });
  }

  private async expirePastDays(now: Date): Promise<number> {
    const [{ n }] = await this.dataSource.query<Array<{ n: number }>>(
      `WITH expired AS (
         UPDATE bookings SET status = 'expired'
          WHERE status IN ('waitlisted', 'pending') AND day < $1
          RETURNING id)
       SELECT count(*)::int AS n FROM expired`,
      [parisDayOf(now)],
    );
    return n;
  }
}

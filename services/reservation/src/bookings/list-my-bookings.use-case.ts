import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BookingView, Caller, ListMyBookingsQuery } from '@portail/contracts';
import { Activity, ActivityUnit } from '../activities/activity.entities';
import { BookingRight } from '../rights/booking-right.entity';
import { toBookingView } from './booking-view';
import { Booking } from './booking.entity';

const MAX_BOOKINGS = 500;

/** The bookings of the caller's household(s), from a day on (default: all), by day. */
@Injectable()
export class ListMyBookings {
  constructor(private readonly dataSource: DataSource) {}

  async execute(caller: Caller, query: ListMyBookingsQuery): Promise<BookingView[]> {
    if (caller.kind !== 'family') return [];
    const builder = this.dataSource
      .getRepository(Booking)
      .createQueryBuilder('b')
      .innerJoin(BookingRight, 'r', 'r.id = b.right_id')
      .where(':account = ANY(r.account_ids)', { account: caller.accountId })
      .orderBy('b.day')
      .addOrderBy('b.seq')
      .limit(MAX_BOOKINGS);
    if (query.from) builder.andWhere('b.day >= :from', { from: query.from });
    if (query.status) builder.andWhere('b.status = :status', { status: query.status });
    const bookings = await builder.getMany();
    if (!bookings.length) return [];
    const [rights, units, activities, positions] = await Promise.all([
      this.dataSource
        .getRepository(BookingRight)
        .createQueryBuilder('r')
        .where('r.id IN (:...ids)', { ids: [...new Set(bookings.map((b) => b.rightId))] })
        .getMany(),
      this.dataSource
        .getRepository(ActivityUnit)
        .createQueryBuilder('u')
        .where('u.id IN (:...ids)', { ids: [...new Set(bookings.map((b) => b.unitId))] })
        .getMany(),
      this.dataSource
        .getRepository(Activity)
        .createQueryBuilder('a')
        .where('a.id IN (:...ids)', { ids: [...new Set(bookings.map((b) => b.activityId))] })
        .getMany(),
      this.waitingPositions(bookings.filter((b) => b.status === 'waitlisted').map((b) => b.id)),
    ]);
    return bookings.map((booking) =>
      toBookingView(
        booking,
        {
          childFirstName: rights.find((r) => r.id === booking.rightId)?.childFirstName ?? '',
          activityCode: activities.find((a) => a.id === booking.activityId)?.code ?? '',
          unitLabel: units.find((u) => u.id === booking.unitId)?.label ?? '',
        },
        positions.get(booking.id) ?? null,
      ),
    );
  }

  /**
   * Each waitlisted booking's rank among the waitlisted bookings of its unit, site and day, in
   * request order (`seq`), the order in which places are given.
   */
  private async waitingPositions(ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows = await this.dataSource.query<Array<{ id: string; position: number }>>(
      `SELECT b.id, (SELECT count(*)::int FROM bookings w
                      WHERE w.unit_id = b.unit_id AND w.site_id = b.site_id AND w.day = b.day
                        AND w.status = 'waitlisted' AND w.seq <= b.seq) AS position
         FROM bookings b WHERE b.id = ANY($1::uuid[]) AND b.status = 'waitlisted'`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.position]));
  }
}

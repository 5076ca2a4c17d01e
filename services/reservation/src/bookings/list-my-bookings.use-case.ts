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
    const [rights, units, activities] = await Promise.all([
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
    ]);
    return bookings.map((booking) =>
      toBookingView(booking, {
        childFirstName: rights.find((r) => r.id === booking.rightId)?.childFirstName ?? '',
        activityCode: activities.find((a) => a.id === booking.activityId)?.code ?? '',
        unitLabel: units.find((u) => u.id === booking.unitId)?.label ?? '',
      }),
    );
  }
}

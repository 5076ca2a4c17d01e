import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ReservationErrorCode,
  type ActivityBookingsQuery,
  type BookingView,
  type Caller,
  type DecideBookingCommand,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import { requireManagerOf } from '../activities/activity-access';
import { ActivityCatalogue, capacityOn } from '../activities/activity-catalogue';
import { BookingRight } from '../rights/booking-right.entity';
import { BookingLedger, eventBase } from './booking-ledger';
import { toBookingView } from './booking-view';
import { Booking } from './booking.entity';
import { BookingNotFoundException } from './cancel-booking.use-case';

/**
 * Agents of the activity's service read its bookings of a day and decide the late requests
 * (`pending`): accepted, the request takes a place if one is left, else joins the waiting list
 * (in its original request order); refused, it stays as `refused` with the agent's message.
 */
@Injectable()
export class DecideBooking {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: ActivityCatalogue,
    private readonly ledger: BookingLedger,
  ) {}

  async list(caller: Caller, query: ActivityBookingsQuery): Promise<BookingView[]> {
    const activity = await this.catalogue.load(query.activityId);
    requireManagerOf(caller, activity.activity.municipalServiceId);
    const builder = this.dataSource
      .getRepository(Booking)
      .createQueryBuilder('b')
      .where('b.activity_id = :activityId AND b.day = :day', query)
      .orderBy('b.seq')
      .limit(2000);
    if (query.status) builder.andWhere('b.status = :status', { status: query.status });
    const bookings = await builder.getMany();
    const rights = bookings.length
      ? await this.dataSource
          .getRepository(BookingRight)
          .createQueryBuilder('r')
          .where('r.id IN (:...ids)', { ids: [...new Set(bookings.map((b) => b.rightId))] })
          .getMany()
      : [];
    // A day of a town's catering is thousands of bookings: look the names up, do not search.
    const firstNames = new Map(rights.map((r) => [r.id, r.childFirstName]));
    return bookings.map((booking) =>
      toBookingView(booking, {
        childFirstName: firstNames.get(booking.rightId) ?? '',
        activityCode: activity.activity.code,
        unitLabel: activity.units.find((u) => u.id === booking.unitId)?.label ?? '',
      }),
    );
  }

  async decide(caller: Caller, command: DecideBookingCommand): Promise<BookingView> {
    return this.dataSource.transaction(async (manager) => {
      const booking = await manager
        .getRepository(Booking)
        .createQueryBuilder('b')
        .where('b.id = :bookingId', command)
        .setLock('pessimistic_write')
        .getOne();
      if (!booking || caller.kind === 'family') throw new BookingNotFoundException();
      const activity = await this.catalogue.load(booking.activityId, manager);
      requireManagerOf(caller, activity.activity.municipalServiceId);
      if (booking.status !== 'pending') {
        throw new DomainException(
          ReservationErrorCode.BOOKING_NOT_PENDING,
          "Cette réservation n'est pas une demande en attente de décision.",
          { status: booking.status },
        );
      }
      const right = await manager.getRepository(BookingRight).findOneByOrFail({
        id: booking.rightId,
      });
      const unit = activity.units.find((candidate) => candidate.id === booking.unitId)!;
      if (command.decision === 'accept') {
        const capacity = capacityOn(activity, booking.unitId, booking.siteId, booking.day);
        booking.status = (await this.ledger.takePlace(manager, booking, capacity))
          ? 'booked'
          : 'waitlisted';
      } else {
        booking.status = 'refused';
      }
      booking.message = command.message ?? (booking.status === 'refused' ? null : booking.message);
      await manager
        .getRepository(Booking)
        .update({ id: booking.id }, { status: booking.status, message: booking.message });
      await this.ledger.recordDecision(manager, {
        ...eventBase(booking, { right, activity, unitCode: unit.code }),
        decision: command.decision,
        status: booking.status,
        decidedBy: caller.accountId,
        message: booking.message,
      });
      return toBookingView(booking, {
        childFirstName: right.childFirstName,
        activityCode: activity.activity.code,
        unitLabel: unit.label,
      });
    });
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ReservationErrorCode,
  type BookingRequestView,
  type Caller,
  type CounterBookingCommand,
  type CounterCancelCommand,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import { requireManagerOf } from '../activities/activity-access';
import { ActivityCatalogue, closuresAt } from '../activities/activity-catalogue';
import { SchoolCalendar, weekdayOf } from '../calendar-and-notice';
import { Booking } from '../bookings/booking.entity';
import { BookingNotFoundException } from '../bookings/cancel-booking.use-case';
import { ChildSchoolSite } from '../bookings/child-school-site';
import { slotClosedException } from '../bookings/create-booking.use-case';
import { closedOn } from '../bookings/slot-rules';
import { BookingRight } from '../rights/booking-right.entity';
import { rightOn } from '../rights/booking-rights';
import { BookingEngine } from './booking-engine';
import { ChildAccess } from './child-access';

/**
 * An agent of the activity's service (or an administrator) books or cancels at the counter on a
 * family's behalf, under the same rules, and may override the notice deadline: the booking keeps
 * who did it (`requested_by`/`cancelled_by`, `on_behalf`) and whether the deadline was
 * overridden, and the request's event says so.
 */
@Injectable()
export class CounterBooking {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ChildAccess,
    private readonly catalogue: ActivityCatalogue,
    private readonly calendar: SchoolCalendar,
    private readonly schoolSite: ChildSchoolSite,
    private readonly engine: BookingEngine,
  ) {}

  async book(caller: Caller, command: CounterBookingCommand): Promise<BookingRequestView> {
    const rights = await this.access.rightsOf(caller, command.childId);
    const { unit, activity } = await this.catalogue.loadUnit(command.unitId);
    requireManagerOf(caller, activity.activity.municipalServiceId);
    const right = rightOn(rights, activity.activity, command.day);
    const site = await this.schoolSite.resolve(
      activity,
      [unit],
      { id: right.childId, firstName: right.childFirstName },
      command.siteId,
    );
    const closed = closedOn(
      this.calendar,
      unit,
      command.day,
      closuresAt(activity, site.id),
      weekdayOf(command.day),
    );
    if (closed) throw slotClosedException(command.day, closed);
    return this.engine.run(
      {
        caller,
        kind: 'counter',
        right,
        activity,
        siteId: site.id,
        onBehalf: true,
        overrideDeadline: command.overrideDeadline ?? false,
        dryRun: false,
        patternId: null,
        from: command.day,
        until: command.day,
      },
      { candidates: [{ unit, day: command.day }] },
    );
  }

  async cancel(caller: Caller, command: CounterCancelCommand): Promise<BookingRequestView> {
    if (caller.kind === 'family') throw new BookingNotFoundException();
    const booking = await this.dataSource
      .getRepository(Booking)
      .findOneBy({ id: command.bookingId });
    if (!booking) throw new BookingNotFoundException();
    const activity = await this.catalogue.load(booking.activityId);
    requireManagerOf(caller, activity.activity.municipalServiceId);
    if (booking.status === 'cancelled' || booking.status === 'refused') {
      throw new DomainException(
        ReservationErrorCode.BOOKING_ALREADY_CANCELLED,
        'Cette réservation est déjà annulée.',
      );
    }
    const right = await this.dataSource
      .getRepository(BookingRight)
      .findOneByOrFail({ id: booking.rightId });
    const cancellations = async (manager: EntityManager, lock: boolean): Promise<Booking[]> => {
      const query = manager
        .getRepository(Booking)
        .createQueryBuilder('b')
        .where('b.id = :id', { id: booking.id })
        .andWhere("b.status NOT IN ('cancelled', 'refused')");
      if (lock) query.setLock('pessimistic_write');
      return query.getMany();
    };
    return this.engine.run(
      {
        caller,
        kind: 'counter',
        right,
        activity,
        siteId: booking.siteId,
        onBehalf: true,
        overrideDeadline: command.overrideDeadline ?? false,
        dryRun: false,
        patternId: null,
        from: booking.day,
        until: booking.day,
      },
      { candidates: [], cancellations },
    );
  }
}

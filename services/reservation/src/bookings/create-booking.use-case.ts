import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  ReservationErrorCode,
  type BookingView,
  type Caller,
  type CreateBookingCommand,
} from '@portail/contracts';
import { isUniqueViolation } from '@portail/database';
import { EventRecorder } from '@portail/messaging';
import { Clock, DomainException } from '@portail/service-kit';
import {
  ActivityCatalogue,
  capacityOn,
  closuresAt,
  type ActivityAggregate,
} from '../activities/activity-catalogue';
import type { ActivityUnit } from '../activities/activity.entities';
import { SchoolCalendar, evaluate, weekdayOf } from '../calendar-and-notice';
import { BookingRights, rightOn } from '../rights/booking-rights';
import type { BookingRight } from '../rights/booking-right.entity';
import { BookingLedger } from './booking-ledger';
import { toBookingView } from './booking-view';
import { Booking } from './booking.entity';
import { ChildSchoolSite, siteFollowsSchool } from './child-school-site';
import { closedOn, type DayClosed } from './slot-rules';

export function slotClosedException(day: string, closed: DayClosed): DomainException {
  return new DomainException(ReservationErrorCode.SLOT_CLOSED, closed.reason, {
    day,
    state: closed.state,
  });
}

/**
 * A family books one unit at one site on one day for a child: inside a right, on a day the unit
 * opens, within the notice period (or pending when the unit takes late requests). A place is
 * taken in the booking's transaction; beyond capacity the booking waits in request order.
 * Booking the same child, unit and day again returns the existing booking.
 */
@Injectable()
export class CreateBooking {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rights: BookingRights,
    private readonly catalogue: ActivityCatalogue,
    private readonly calendar: SchoolCalendar,
    private readonly ledger: BookingLedger,
    private readonly clock: Clock,
    private readonly schoolSite: ChildSchoolSite,
    private readonly recorder: EventRecorder,
  ) {}

  async execute(caller: Caller, command: CreateBookingCommand): Promise<BookingView> {
    const rights = await this.rights.ofChild(caller, command.childId);
    const { unit, activity } = await this.catalogue.loadUnit(command.unitId);
    const site = activity.sites.find((candidate) => candidate.id === command.siteId);
    if (!site) {
      throw new DomainException(
        ReservationErrorCode.SITE_NOT_FOUND,
        "Ce site n'existe pas dans l'activité.",
      );
    }
    const right = rightOn(rights, activity.activity, command.day);
    if (siteFollowsSchool(activity, [unit])) {
      // Meals and care at the child's school only: the same check as a recurring pattern's.
      await this.schoolSite.resolve(
        activity,
        [unit],
        { id: right.childId, firstName: right.childFirstName },
        command.siteId,
      );
    }
    const names = {
      childFirstName: right.childFirstName,
      activityCode: activity.activity.code,
      unitLabel: unit.label,
    };
    const existing = await this.live(this.dataSource.manager, command);
    if (existing) return toBookingView(existing, names);

    const closures = closuresAt(activity, site.id);
    const closed = closedOn(this.calendar, unit, command.day, closures, weekdayOf(command.day));
    if (closed) throw slotClosedException(command.day, closed);
    const now = this.clock.now();
    const evaluation = evaluate(
      unit.noticePolicy.booking,
      { day: command.day, startsAt: unit.startsAt },
      now,
      { isWorkingDay: (day) => this.calendar.isWorkingDay(day, closures) },
      { allowsLateRequests: unit.allowsLateRequests },
    );
    if (evaluation.outcome === 'refused') {
      throw new DomainException(ReservationErrorCode.NOTICE_PERIOD_PASSED, evaluation.message, {
        deadline: evaluation.deadline.toUTC().toISO(),
      });
    }
    try {
      const booking = await this.dataSource.transaction((manager) =>
        this.book(manager, command, {
          caller,
          right,
          activity,
          unit,
          now,
          pendingMessage: evaluation.outcome === 'pending' ? evaluation.message : null,
        }),
      );
      return toBookingView(booking, names);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The same child, unit and day booked at the same moment: the other request won.
      const booking = await this.live(this.dataSource.manager, command);
      if (!booking) throw error;
      return toBookingView(booking, names);
    }
  }

  private live(manager: EntityManager, command: CreateBookingCommand): Promise<Booking | null> {
    return manager
      .getRepository(Booking)
      .createQueryBuilder('b')
      .where('b.child_id = :childId AND b.unit_id = :unitId AND b.day = :day', command)
      .andWhere("b.status NOT IN ('cancelled', 'refused')")
      .getOne();
  }

  private async book(
    manager: EntityManager,
    command: CreateBookingCommand,
    context: {
      caller: Caller;
      right: BookingRight;
      activity: ActivityAggregate;
      unit: ActivityUnit;
      now: Date;
      pendingMessage: string | null;
    },
  ): Promise<Booking> {
    const { right, activity, unit } = context;
    // The request's place in line, taken before the place itself: the waiting list follows the
    // order requests reached the database, not the order their transactions got to insert.
    const [{ seq }] = await manager.query<Array<{ seq: string }>>(
      "SELECT nextval(pg_get_serial_sequence('bookings', 'seq'))::text AS seq",
    );
    // The booking and its request's event are written as booked before the place is taken: the
    // day's counter lock, which every request for that day waits for, is then held only for the
    // conditional UPDATE and the commit. Without a place the booking (and its event, not yet
    // visible to the relay) becomes waitlisted before the commit.
    const wantsPlace = context.pendingMessage === null;
    const booking = Object.assign(new Booking(), {
      id: uuidv7(),
      seq,
      rightId: right.id,
      childId: right.childId,
      householdId: right.householdId,
      activityId: activity.activity.id,
      unitId: unit.id,
      siteId: command.siteId,
      day: command.day,
      status: wantsPlace ? 'booked' : 'pending',
      late: false,
      message: context.pendingMessage,
      requestedBy: context.caller.accountId,
      requestedAt: context.now,
      cancelledAt: null,
    });
    await manager.getRepository(Booking).insert(booking);
    // The request's summary (the family's e-mail), as for a recurring pattern.
    const requestId = uuidv7();
    const request = await this.recorder.record(
      manager,
      'reservation.request.recorded',
      {
        requestId,
        kind: 'single',
        rightId: right.id,
        siteId: command.siteId,
        billing: right.billing,
        organisationId: right.organisationId,
        municipalServiceId: activity.activity.municipalServiceId,
        activityCode: activity.activity.code,
        activityName: activity.activity.name,
        childId: right.childId,
        childFirstName: right.childFirstName,
        householdId: right.householdId,
        requestedBy: context.caller.accountId,
        onBehalf: false,
        deadlineOverridden: false,
        patternId: null,
        outcomes: [
          {
            day: booking.day,
            unitId: unit.id,
            unitCode: unit.code,
            unitLabel: unit.label,
            status: booking.status as 'booked' | 'pending',
            reason: booking.message,
            bookingId: booking.id,
          },
        ],
      },
      { aggregateId: requestId },
    );
    if (wantsPlace) {
      const capacity = capacityOn(activity, unit.id, command.siteId, command.day);
      if (!(await this.ledger.takePlace(manager, command, capacity))) {
        booking.status = 'waitlisted';
        await manager.getRepository(Booking).update({ id: booking.id }, { status: 'waitlisted' });
        await manager.query(
          `UPDATE outbox SET envelope = jsonb_set(envelope, '{payload,outcomes,0,status}', '"waitlisted"')
            WHERE id = $1`,
          [request.id],
        );
      }
    }
    return booking;
  }
}

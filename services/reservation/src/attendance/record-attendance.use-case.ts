import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CommonErrorCode,
  ReservationErrorCode,
  type AttendanceEntry,
  type AttendanceSheet,
  type Caller,
  type RecordAttendanceCommand,
} from '@portail/contracts';
import { isUniqueViolation } from '@portail/database';
import { EventRecorder } from '@portail/messaging';
import { Clock, DomainException } from '@portail/service-kit';
import type { ActivityAggregate } from '../activities/activity-catalogue';
import { Booking } from '../bookings/booking.entity';
import { BookingRight } from '../rights/booking-right.entity';
import { isSupervisor, lockMonth, monthOf } from './attendance-access';
import { AttendanceMonthLock, AttendanceRecord } from './attendance.entities';
import { GetAttendanceSheet } from './get-attendance-sheet.use-case';

/**
 * Records the daily list in one transaction: a booked child is present, absent (justified, with
 * its reason) or absent unjustified; a child without a booking but with a right for the activity
 * that day is `unexpected`. A change of an earlier record is a correction; once the month is
 * locked only a supervisor corrects, flagged `afterLock`. Each new or changed record is a
 * `reservation.attendance.recorded` event (what billing reads); an unchanged one is not.
 */
@Injectable()
export class RecordAttendance {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sheets: GetAttendanceSheet,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, command: RecordAttendanceCommand): Promise<AttendanceSheet> {
    const activity = await this.sheets.managed(caller, command);
    await this.write(caller, command, activity).catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      // Two agents recorded the same child's first record at once: the other one won.
      throw new DomainException(
        CommonErrorCode.CONFLICT,
        "Ce pointage vient d'être enregistré par un autre agent : rechargez la liste.",
      );
    });
    return this.sheets.sheet(this.dataSource.manager, activity, command);
  }

  private async write(
    caller: Caller,
    command: RecordAttendanceCommand,
    activity: ActivityAggregate,
  ): Promise<void> {
    const serviceId = activity.activity.municipalServiceId;
    await this.dataSource.transaction(async (manager) => {
      await lockMonth(manager, serviceId, monthOf(command.day), 'shared');
      const locked = await manager
        .getRepository(AttendanceMonthLock)
        .existsBy({ municipalServiceId: serviceId, month: monthOf(command.day) });
      if (locked && !isSupervisor(caller)) {
        throw new DomainException(
          ReservationErrorCode.ATTENDANCE_MONTH_LOCKED,
          `Le pointage du mois ${monthOf(command.day)} est verrouillé : seul un responsable du service peut le corriger.`,
          { month: monthOf(command.day) },
        );
      }
      const childIds = command.records.map((entry) => entry.childId);
      // One connection in a transaction: the queries run one after the other.
      const bookings = await manager.getRepository(Booking).find({
        where: {
          unitId: command.unitId,
          siteId: command.siteId,
          day: command.day,
          status: 'booked',
          childId: In(childIds),
        },
      });
      const existing = await manager
        .getRepository(AttendanceRecord)
        .createQueryBuilder('a')
        .where('a.unit_id = :unitId AND a.day = :day', command)
        .andWhere('a.child_id IN (:...childIds)', { childIds })
        .setLock('pessimistic_write')
        .getMany();
      const bookingOf = new Map(bookings.map((booking) => [booking.childId, booking]));
      const recordOf = new Map(existing.map((record) => [record.childId, record]));
      const bookedUnexpected = command.records.find(
        (entry) => bookingOf.has(entry.childId) && entry.status === 'unexpected',
      );
      if (bookedUnexpected) {
        throw new DomainException(
          ReservationErrorCode.ATTENDANCE_STATUS_MISMATCH,
          'Cet enfant a une réservation ce jour : il est présent ou absent, pas présent sans réservation.',
          { childId: bookedUnexpected.childId, status: bookedUnexpected.status },
        );
      }
      const unbooked = command.records.filter((entry) => !bookingOf.has(entry.childId));
      const rightOf = await this.rightsOn(manager, activity, command.day, unbooked);
      const now = this.clock.now();
      for (const entry of command.records) {
        const booking = bookingOf.get(entry.childId);
        const rightId = booking?.rightId ?? rightOf.get(entry.childId)!.id;
        const reason = entry.status === 'absent-justified' ? entry.reason!.trim() : null;
        const previous = recordOf.get(entry.childId);
        if (previous && previous.status === entry.status && previous.reason === reason) continue;
        const record = Object.assign(previous ?? new AttendanceRecord(), {
          id: previous?.id ?? uuidv7(),
          organisationId: activity.activity.organisationId,
          municipalServiceId: serviceId,
          activityId: activity.activity.id,
          unitId: command.unitId,
          siteId: command.siteId,
          day: command.day,
          childId: entry.childId,
          householdId: booking?.householdId ?? rightOf.get(entry.childId)!.householdId,
          rightId,
          bookingId: booking?.id ?? null,
          status: entry.status,
          reason,
          recordedBy: caller.accountId,
          recordedAt: now,
          corrections: previous ? previous.corrections + 1 : 0,
          afterLock: locked,
        });
        await manager.getRepository(AttendanceRecord).save(record);
        await this.events.record(
          manager,
          'reservation.attendance.recorded',
          {
            attendanceId: record.id,
            organisationId: record.organisationId,
            municipalServiceId: serviceId,
            activityCode: activity.activity.code,
            unitId: record.unitId,
            unitCode: activity.units.find((unit) => unit.id === record.unitId)!.code,
            siteId: record.siteId,
            day: record.day,
            childId: record.childId,
            householdId: record.householdId,
            bookingId: record.bookingId,
            status: record.status,
            reason: record.reason,
            recordedBy: caller.accountId,
            correction: previous !== undefined,
            afterLock: locked,
          },
          { aggregateId: record.id },
        );
      }
    });
  }

  /**
   * The rights covering the children recorded without a booking; refuses a status other than
   * `unexpected` for them, `unexpected` for a booked child, and a child without a right.
   */
  private async rightsOn(
    manager: EntityManager,
    activity: ActivityAggregate,
    day: string,
    unbooked: AttendanceEntry[],
  ): Promise<Map<string, BookingRight>> {
    const mismatch = (entry: AttendanceEntry, message: string) =>
      new DomainException(ReservationErrorCode.ATTENDANCE_STATUS_MISMATCH, message, {
        childId: entry.childId,
        status: entry.status,
      });
    const unbookedIds = new Set(unbooked.map((entry) => entry.childId));
    for (const entry of unbooked) {
      if (entry.status !== 'unexpected') {
        throw mismatch(
          entry,
          "Cet enfant n'a pas de réservation ce jour : il ne peut être pointé que présent sans réservation (unexpected).",
        );
      }
    }
    const rights = unbooked.length
      ? await manager
          .getRepository(BookingRight)
          .createQueryBuilder('r')
          .where('r.child_id IN (:...ids)', { ids: [...unbookedIds] })
          .andWhere('r.organisation_id = :org AND r.activity_code = :code', {
            org: activity.activity.organisationId,
            code: activity.activity.code,
          })
          .andWhere('r.valid_from <= :day AND r.valid_until >= :day', { day })
          .andWhere('(r.ended_on IS NULL OR r.ended_on > :day)', { day })
          .getMany()
      : [];
    const rightOf = new Map(rights.map((right) => [right.childId, right]));
    for (const entry of unbooked) {
      if (!rightOf.has(entry.childId)) {
        throw new DomainException(
          ReservationErrorCode.NO_BOOKING_RIGHT,
          "Cet enfant n'a pas de droit de réservation pour cette activité ce jour : il ne peut pas être pointé.",
          { childId: entry.childId },
        );
      }
    }
    return rightOf;
  }
}

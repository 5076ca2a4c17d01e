import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type {
  AttendanceLine,
  AttendanceListQuery,
  AttendanceRecordView,
  AttendanceSheet,
  Caller,
  ChildView,
} from '@portail/contracts';
import { requireManagerOf } from '../activities/activity-access';
import { ActivityCatalogue, type ActivityAggregate } from '../activities/activity-catalogue';
import { requirePart } from '../activities/configure-activity.use-case';
import { Booking } from '../bookings/booking.entity';
import { BookingRight } from '../rights/booking-right.entity';
import { monthOf } from './attendance-access';
import { AttendanceMonthLock, AttendanceRecord } from './attendance.entities';
import { ChildProfiles } from '../activities/child-profiles';

/**
 * An agent's daily list of a unit at a site: the children expected (bookings `booked`; an offer
 * not confirmed is not expected), plus those recorded without a booking (unexpected), with
 * their names, allergies, PAI flag and authorised pick-up persons from identity, and what is
 * recorded. Agents of the activity's service only (others 403 ACTIVITY_OUT_OF_SCOPE).
 */
@Injectable()
export class GetAttendanceSheet {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: ActivityCatalogue,
    private readonly profiles: ChildProfiles,
  ) {}

  async execute(caller: Caller, query: AttendanceListQuery): Promise<AttendanceSheet> {
    const activity = await this.managed(caller, query);
    return this.sheet(this.dataSource.manager, activity, query);
  }

  /** The activity, checked: the caller manages it, and the unit and site are its own. */
  async managed(caller: Caller, query: AttendanceListQuery): Promise<ActivityAggregate> {
    const activity = await this.catalogue.load(query.activityId);
    requireManagerOf(caller, activity.activity.municipalServiceId);
    requirePart(activity, query.unitId, query.siteId);
    return activity;
  }

  async sheet(
    manager: EntityManager,
    activity: ActivityAggregate,
    query: AttendanceListQuery,
  ): Promise<AttendanceSheet> {
    const slot = { unitId: query.unitId, siteId: query.siteId, day: query.day };
    const [bookings, records, lock] = await Promise.all([
      manager.getRepository(Booking).find({ where: { ...slot, status: 'booked' } }),
      manager.getRepository(AttendanceRecord).find({ where: slot }),
      manager.getRepository(AttendanceMonthLock).findOneBy({
        municipalServiceId: activity.activity.municipalServiceId,
        month: monthOf(query.day),
      }),
    ]);
    const rightIds = [...new Set([...bookings, ...records].map((row) => row.rightId))];
    const rights = rightIds.length
      ? await manager.getRepository(BookingRight).findBy({ id: In(rightIds) })
      : [];
    const rightOf = new Map(rights.map((right) => [right.id, right]));
    const recordOf = new Map(records.map((record) => [record.childId, record]));
    const bookingOf = new Map(bookings.map((booking) => [booking.childId, booking]));
    const childIds = [...new Set([...bookingOf.keys(), ...recordOf.keys()])];
    const profiles = childIds.length
      ? await this.profiles.byId(childIds)
      : new Map<string, ChildView>();
    const lines = childIds.map((childId): AttendanceLine => {
      const booking = bookingOf.get(childId);
      const record = recordOf.get(childId);
      const right = rightOf.get((booking ?? record)!.rightId);
      const profile = profiles.get(childId);
      return {
        childId,
        firstName: profile?.firstName ?? right?.childFirstName ?? '',
        lastName: profile?.lastName ?? right?.childLastName ?? '',
        expected: booking !== undefined,
        bookingId: booking?.id ?? record?.bookingId ?? null,
        bookingStatus: booking?.status ?? null,
        allergies: profile?.health.allergies ?? [],
        pai: profile?.health.pai ?? false,
        mayLeaveAlone: profile?.authorisations.mayLeaveAlone ?? false,
        authorisedPickups: profile?.authorisations.authorisedPickups ?? [],
        profileFound: profile !== undefined,
        attendance: record ? toRecordView(record) : null,
      };
    });
    lines.sort(
      (a, b) =>
        a.lastName.localeCompare(b.lastName, 'fr') ||
        a.firstName.localeCompare(b.firstName, 'fr') ||
        a.childId.localeCompare(b.childId),
    );
    return { ...slot, activityId: activity.activity.id, locked: lock !== null, children: lines };
  }
}

function toRecordView(record: AttendanceRecord): AttendanceRecordView {
  return {
    id: record.id,
    status: record.status,
    reason: record.reason,
    recordedBy: record.recordedBy,
    recordedAt: new Date(record.recordedAt).toISOString(),
    corrections: record.corrections,
    afterLock: record.afterLock,
  };
}

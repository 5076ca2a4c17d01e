import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CommonErrorCode,
  type Caller,
  type PersonalDataPart,
  type PersonalDataPartQuery,
} from '@portail/contracts';
import { DomainException, personalDataPage, type PersonalDataSection } from '@portail/service-kit';

/**
 * Reservation's part of the calling family's personal data: the children's booking rights, every
 * booking (with its activity, unit and site), the recurring patterns, the attendance records and
 * the caller's calendar feeds (never their secret). A household's rows are given only when one of
 * its rights lists the caller's account (what makes a family reach its children here); another
 * household's id gets nothing.
 */
@Injectable()
export class ExportReservationData {
  constructor(private readonly dataSource: DataSource) {}

  async execute(caller: Caller, query: PersonalDataPartQuery): Promise<PersonalDataPart> {
    if (caller.kind !== 'family') {
      throw new DomainException(CommonErrorCode.FORBIDDEN, 'Réservé aux familles.');
    }
    const [owned] = query.householdId
      ? await this.dataSource.query<unknown[]>(
          `SELECT 1 FROM booking_rights WHERE household_id = $1 AND $2 = ANY(account_ids) LIMIT 1`,
          [query.householdId, caller.accountId],
        )
      : [];
    const householdId = owned ? (query.householdId ?? null) : null;
    return personalDataPage('reservation', this.sections(householdId, caller.accountId), query);
  }

  private sections(householdId: string | null, accountId: string): PersonalDataSection[] {
    const ofHousehold =
      (sql: string) =>
      async (offset: number, limit: number): Promise<object[]> =>
        householdId ? this.dataSource.query(sql, [householdId, offset, limit]) : [];
    return [
      {
        name: 'booking-rights',
        pageSize: 500,
        read: ofHousehold(
          `SELECT r.id, r.child_id AS "childId", r.child_first_name AS "childFirstName",
                  r.child_last_name AS "childLastName", r.activity_code AS "activityCode",
                  r.municipal_service_id AS "municipalServiceId", r.billing,
                  r.valid_from::text AS "validFrom", r.valid_until::text AS "validUntil",
                  r.ended_on::text AS "endedOn"
             FROM booking_rights r WHERE r.household_id = $1
            ORDER BY r.valid_from, r.id OFFSET $2 LIMIT $3`,
        ),
      },
      {
        name: 'bookings',
        pageSize: 1000,
        read: ofHousehold(
          `SELECT b.id, b.child_id AS "childId", a.name AS "activityName", u.label AS "unitLabel",
                  s.name AS "siteName", b.day::text AS day, b.status, b.late, b.message,
                  b.on_behalf AS "onBehalf", b.requested_at AS "requestedAt",
                  b.cancelled_at AS "cancelledAt"
             FROM bookings b
             JOIN activities a ON a.id = b.activity_id
             JOIN activity_units u ON u.id = b.unit_id
             JOIN activity_sites s ON s.id = b.site_id
            WHERE b.household_id = $1
            ORDER BY b.day, b.seq OFFSET $2 LIMIT $3`,
        ),
      },
      {
        name: 'recurring-bookings',
        pageSize: 500,
        read: ofHousehold(
          `SELECT p.id, p.child_id AS "childId", a.name AS "activityName", p.units,
                  p.every_weeks AS "everyWeeks", p.first_day::text AS "firstDay",
                  p.last_day::text AS "lastDay", p.created_at AS "createdAt"
             FROM booking_patterns p JOIN activities a ON a.id = p.activity_id
            WHERE p.household_id = $1
            ORDER BY p.created_at, p.id OFFSET $2 LIMIT $3`,
        ),
      },
      {
        name: 'attendance',
        pageSize: 1000,
        read: ofHousehold(
          `SELECT r.child_id AS "childId", a.name AS "activityName", u.label AS "unitLabel",
                  r.day::text AS day, r.status, r.reason, r.recorded_at AS "recordedAt",
                  r.corrections
             FROM attendance_records r
             JOIN activities a ON a.id = r.activity_id
             JOIN activity_units u ON u.id = r.unit_id
            WHERE r.household_id = $1
            ORDER BY r.day, r.id OFFSET $2 LIMIT $3`,
        ),
      },
      {
        name: 'calendar-feeds',
        pageSize: 500,
        read: (offset, limit) =>
          this.dataSource.query(
            `SELECT child_id AS "childId", created_at AS "createdAt" FROM calendar_feeds
              WHERE account_id = $1 ORDER BY created_at, child_id OFFSET $2 LIMIT $3`,
            [accountId, offset, limit],
          ),
      },
    ];
  }
}

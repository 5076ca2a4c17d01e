import { retentionJobProvider, type RetentionRule } from '@portail/service-kit';
import type { ReservationConfig } from '../config';

/** The cut-off (`$1`, an instant) as a day in Paris: bookings are dated in Paris. */
const PARIS_DAY = `($1::timestamptz AT TIME ZONE 'Europe/Paris')::date`;

/** The last day (31 August) of the school year of a date column: September starts the next one. */
const schoolYearEnd = (day: string) =>
  `make_date(extract(year FROM ${day} + interval '4 months')::int, 8, 31)`;

/** Rows of school years that ended before the cut-off (`day <` first, for the index). */
const schoolYearEndedBefore = (day: string) =>
  `${day} < ${PARIS_DAY} AND ${schoolYearEnd(day)} < ${PARIS_DAY}`;

/** The day a right stops: its season's last day, or earlier when it ended (withdrawal, closure). */
const RIGHT_END = 'least(valid_until, coalesce(ended_on, valid_until))';

/**
 * What reservation deletes, and when (the README's retention table lists the same), in this
 * order: attendance refers to bookings and rights, patterns to rights, so rights go last, once
 * nothing refers to them. Billing has copied what it invoices (and keeps its invoices); activities,
 * capacities, closures and locked months hold no family data.
 */
export function reservationRetentionRules(config: ReservationConfig): RetentionRule[] {
  const days = config.BOOKINGS_RETENTION_DAYS;
  return [
    { table: 'attendance_records', days, olderThan: schoolYearEndedBefore('day') },
    { table: 'bookings', days, olderThan: schoolYearEndedBefore('day') },
    { table: 'booking_patterns', days, olderThan: schoolYearEndedBefore('last_day') },
    {
      // a feed of a child its account can no longer read: nothing left to show
      table: 'calendar_feeds',
      days: config.CALENDAR_FEEDS_RETENTION_DAYS,
      olderThan: `created_at < $1 AND NOT EXISTS (
        SELECT 1 FROM booking_rights r
         WHERE r.child_id = calendar_feeds.child_id AND calendar_feeds.account_id = ANY (r.account_ids)
           AND least(r.valid_until, coalesce(r.ended_on, r.valid_until)) >= ${PARIS_DAY})`,
    },
    {
      table: 'booking_rights',
      days,
      olderThan: `${schoolYearEnd(RIGHT_END)} < ${PARIS_DAY}
        AND NOT EXISTS (SELECT 1 FROM bookings b
                         WHERE b.household_id = booking_rights.household_id
                           AND b.right_id = booking_rights.id)
        AND NOT EXISTS (SELECT 1 FROM attendance_records a WHERE a.right_id = booking_rights.id)
        AND NOT EXISTS (SELECT 1 FROM booking_patterns p WHERE p.right_id = booking_rights.id)`,
    },
  ];
}

/** Reservation's purge, every RETENTION_INTERVAL_MS, once across replicas (`app.get(RetentionJob)`). */
export const reservationRetentionJob = retentionJobProvider(
  'reservation.retention',
  reservationRetentionRules,
);

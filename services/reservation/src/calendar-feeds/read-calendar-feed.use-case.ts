import { Injectable } from '@nestjs/common';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import {
  ReservationErrorCode,
  type BookingStatus,
  type CalendarFeedFile,
  type ReadCalendarFeedQuery,
} from '@portail/contracts';
import { Clock, DomainException } from '@portail/service-kit';
import { Activity, ActivitySite, ActivityUnit } from '../activities/activity.entities';
import { Booking } from '../bookings/booking.entity';
import { addDays, PARIS_ZONE, parisDayOf } from '../calendar';
import { BookingRight } from '../rights/booking-right.entity';
import { CalendarFeed } from './calendar-feed.entity';
import { feedTokenHash } from './calendar-feed-token';
import { vtimezoneOf } from './paris-vtimezone';

/** How far back the feed goes: the past month stays visible in the phone's calendar. */
export const FEED_DAYS_BACK = 31;
/** At most this many events in one feed (a school year of two units is ≈ 280). */
export const MAX_FEED_EVENTS = 2000;

/** The statuses a feed shows; those not booked are labelled, and tentative. */
const SHOWN: Record<string, string | null> = {
  booked: null,
  offered: 'place proposée, à confirmer',
  waitlisted: "liste d'attente",
  pending: "demande en attente d'un agent",
};

export class CalendarFeedNotFoundException extends DomainException {
  constructor() {
    super(
      ReservationErrorCode.CALENDAR_FEED_NOT_FOUND,
      "Cet agenda n'existe pas ou son adresse a été renouvelée ou révoquée.",
    );
  }
}

/**
 * A child's bookings as an iCalendar file, for anyone holding the feed's token (no login: a
 * phone's calendar subscribes to the URL). The feed shows what its account may read: the
 * bookings of the rights listing that account, from FEED_DAYS_BACK days ago to the end of the
 * rights. Times are the unit's, in Europe/Paris (TZID with its VTIMEZONE); one stable UID per
 * booking, so that a calendar updates an event rather than duplicating it.
 */
@Injectable()
export class ReadCalendarFeed {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(query: ReadCalendarFeedQuery): Promise<CalendarFeedFile> {
    const feed = await this.dataSource
      .getRepository(CalendarFeed)
      .findOneBy({ tokenHash: feedTokenHash(query.token) });
    if (!feed) throw new CalendarFeedNotFoundException();

    const from = addDays(parisDayOf(this.clock.now()), -FEED_DAYS_BACK);
    const rows = await this.dataSource
      .getRepository(Booking)
      .createQueryBuilder('b')
      .innerJoin(BookingRight, 'r', 'r.id = b.right_id')
      .innerJoin(ActivityUnit, 'u', 'u.id = b.unit_id')
      .innerJoin(ActivitySite, 's', 's.id = b.site_id')
      .innerJoin(Activity, 'a', 'a.id = b.activity_id')
      .select([
        'b.id AS id',
        "to_char(b.day, 'YYYY-MM-DD') AS day",
        'b.status AS status',
        'u.label AS "unitLabel"',
        'u.starts_at AS "startsAt"',
        'u.ends_at AS "endsAt"',
        's.name AS "siteName"',
        'a.name AS "activityName"',
        'r.child_first_name AS "childFirstName"',
      ])
      .where('b.child_id = :childId', { childId: feed.childId })
      .andWhere(':account = ANY(r.account_ids)', { account: feed.accountId })
      .andWhere('b.status IN (:...statuses)', { statuses: Object.keys(SHOWN) })
      .andWhere('b.day >= :from', { from })
      .andWhere('b.day <= r.valid_until')
      .orderBy('b.day')
      .addOrderBy('b.seq')
      .limit(MAX_FEED_EVENTS)
      .getRawMany<FeedRow>();

    const firstName = rows[0]?.childFirstName ?? (await this.firstNameOf(feed));
    const calendar = ical({
      name: firstName ? `Réservations de ${firstName}` : 'Réservations',
      prodId: { company: 'Portail Famille', product: 'Réservations', language: 'FR' },
      method: ICalCalendarMethod.PUBLISH,
      timezone: { name: PARIS_ZONE, generator: vtimezoneOf },
      ttl: 60 * 60,
    });
    const stamp = DateTime.fromJSDate(this.clock.now(), { zone: 'utc' });
    for (const row of rows) {
      const day = row.day;
      const note = SHOWN[row.status];
      calendar.createEvent({
        id: `${row.id}@reservation.portail-famille`,
        start: DateTime.fromISO(`${day}T${row.startsAt}`, { zone: PARIS_ZONE }),
        end: DateTime.fromISO(`${day}T${row.endsAt}`, { zone: PARIS_ZONE }),
        timezone: PARIS_ZONE,
        stamp,
        summary: `${row.activityName} — ${row.unitLabel}${note ? ` (${note})` : ''}`,
        location: row.siteName,
        status: note ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      });
    }
    return { fileName: 'reservations.ics', content: calendar.toString() };
  }

  private async firstNameOf(feed: CalendarFeed): Promise<string | undefined> {
    const right = await this.dataSource
      .getRepository(BookingRight)
      .createQueryBuilder('r')
      .where('r.child_id = :childId', { childId: feed.childId })
      .andWhere(':account = ANY(r.account_ids)', { account: feed.accountId })
      .getOne();
    return right?.childFirstName;
  }
}

interface FeedRow {
  id: string;
  day: string;
  status: BookingStatus;
  unitLabel: string;
  startsAt: string;
  endsAt: string;
  siteName: string;
  activityName: string;
  childFirstName: string;
}

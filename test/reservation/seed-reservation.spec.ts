import { Client } from 'pg';
import { LogCapture } from '@portail/testing';
import { DEMO_ACTIVITIES, DEMO_BOOKERS, seedReservation } from '../../scripts/seed-reservation';
import { SEEDED_ADMIN_EMAIL, seededIdentity } from '../support/seeded-identity';

/** The demo's "today", as in the enrolment seed's spec: a Thursday of November 2026, Paris. */
const DEMO_DAY = new Date('2026-11-26T10:00:00+01:00');

describe('npm run seed: demo activities, rights and bookings of reservation', () => {
  const fixture = seededIdentity('resa');
  const { identityDatabaseUrl, env } = fixture;
  const reservationDatabaseUrl = fixture.stepDatabaseUrl;

  beforeAll(() => fixture.seed(), 120_000);

  afterAll(() => fixture.drop());

  const options = () => ({
    reservationDatabaseUrl,
    identityDatabaseUrl,
    adminEmail: SEEDED_ADMIN_EMAIL,
    env,
    logDestination: new LogCapture(),
    now: DEMO_DAY,
  });

  it('opens Vichy catering, morning care and Wednesdays with units, school sites, capacities and notice rules; books for the demo families; a second run changes nothing', async () => {
    const first = await seedReservation(options());
    expect(first).toMatchObject({
      activities: DEMO_ACTIVITIES.length,
      units: DEMO_ACTIVITIES.reduce((sum, demo) => sum + demo.units.length, 0),
      rights: DEMO_BOOKERS.reduce(
        (sum, booker) => sum + new Set(booker.bookings.map((b) => b.activity)).size,
        0,
      ),
    });
    expect(first.bookings).toBeGreaterThan(0);

    const identity = new Client({ connectionString: identityDatabaseUrl });
    const reservation = new Client({ connectionString: reservationDatabaseUrl });
    await identity.connect();
    await reservation.connect();
    const counts = async () =>
      (
        await reservation.query<Record<string, string>>(
          `SELECT (SELECT count(*) FROM activities)::text AS activities,
                  (SELECT count(*) FROM activity_units)::text AS units,
                  (SELECT count(*) FROM activity_sites)::text AS sites,
                  (SELECT count(*) FROM unit_capacities)::text AS capacities,
                  (SELECT count(*) FROM booking_rights)::text AS rights,
                  (SELECT count(*) FROM bookings)::text AS bookings,
                  (SELECT count(*) FROM outbox)::text AS events`,
        )
      ).rows[0];
    try {
      const vichySchools = await identity.query<{ id: string; name: string; kind: string }>(
        `SELECT s.id, s.name, s.kind FROM schools s JOIN organisations o ON o.id = s.organisation_id
          WHERE o.slug = 'vichy'`,
      );
      const catering = await reservation.query<{
        code: string;
        kind: string;
        weekdays: number[];
        notice_policy: { booking: Record<string, unknown> };
        allows_late_requests: boolean;
      }>(
        `SELECT u.code, u.kind, u.weekdays, u.notice_policy, u.allows_late_requests
           FROM activity_units u JOIN activities a ON a.id = u.activity_id
          WHERE a.code = 'restauration-scolaire'`,
      );
      expect(catering.rows).toEqual([
        {
          code: 'repas',
          kind: 'meal',
          weekdays: [1, 2, 4, 5],
          notice_policy: expect.objectContaining({
            booking: { kind: 'workingDaysBefore', days: 2, at: '10:00' },
          }) as unknown,
          allows_late_requests: true,
        },
      ]);
      // Catering and morning care at every Vichy school, by its schoolId, with a capacity.
      for (const code of ['restauration-scolaire', 'accueil-matin']) {
        const sites = await reservation.query<{
          name: string;
          school_id: string;
          capacity: number;
        }>(
          `SELECT s.name, s.school_id, c.capacity FROM activity_sites s
             JOIN activities a ON a.id = s.activity_id
             JOIN unit_capacities c ON c.site_id = s.id
            WHERE a.code = $1 ORDER BY s.name`,
          [code],
        );
        expect(sites.rows.map((row) => [row.name, row.school_id]).sort()).toEqual(
          vichySchools.rows.map((school) => [school.name, school.id]).sort(),
        );
        for (const row of sites.rows) expect(row.capacity).toBeGreaterThan(0);
      }
      const wednesdays = await reservation.query<{ kind: string; notice_policy: unknown }>(
        `SELECT u.kind, u.notice_policy FROM activity_units u JOIN activities a ON a.id = u.activity_id
          WHERE a.code = 'mercredis'`,
      );
      expect(new Set(wednesdays.rows.map((row) => row.kind))).toEqual(
        new Set(['wednesday-full', 'wednesday-half']),
      );
      for (const row of wednesdays.rows) {
        expect(row.notice_policy).toMatchObject({
          booking: { kind: 'weekdayOfPreviousWeek', weekday: 'thursday', at: '12:00' },
        });
      }

      // Inès books her meals at her own school, on school days only, after the demo day.
      const ines = await reservation.query<{
        day: string;
        status: string;
        site: string;
        weekday: number;
      }>(
        `SELECT b.day::text AS day, b.status, s.name AS site, extract(isodow FROM b.day)::int AS weekday
           FROM bookings b JOIN booking_rights r ON r.id = b.right_id
           JOIN activity_sites s ON s.id = b.site_id
           JOIN activity_units u ON u.id = b.unit_id
          WHERE r.child_first_name = 'Inès' AND u.code = 'repas' ORDER BY b.day`,
      );
      expect(ines.rows.length).toBe(6);
      for (const row of ines.rows) {
        expect(row.site).toBe('École élémentaire Jacques Laurent');
        expect([1, 2, 4, 5]).toContain(row.weekday);
        expect(row.day > '2026-11-26').toBe(true);
        expect(['booked', 'pending']).toContain(row.status);
      }

      const before = await counts();
      const second = await seedReservation(options());
      expect(second).toEqual({ activities: 0, units: 0, sites: 0, rights: 0, bookings: 0 });
      expect(await counts()).toEqual(before);
    } finally {
      await identity.end();
      await reservation.end();
    }
  }, 120_000);
});

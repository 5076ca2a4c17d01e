/**
 * `npm run seed`, last step: Vichy's activities open to booking, as the specification
 * describes them (../shared/seed), and a few demo families' rights and bookings.
 *
 * - School catering ("restauration-scolaire"): one meal on school days (Monday, Tuesday,
 *   Thursday, Friday) at each Vichy school (its `schoolId`), booked up to 2 working days
 *   before at 10:00; a late request waits for an agent.
 * - Morning care ("accueil-matin"): at each school, 7:30 to 8:30 on school days, booked up to
 *   the day before at 18:00 (automatic).
 * - Wednesdays ("mercredis", pre-billed): at a leisure centre, full day with meal, morning with
 *   or without meal, afternoon, booked up to the previous week's Thursday at noon.
 *
 * Rights: the demo children of Vichy's schools get the rights an accepted application of the
 * enrolment seed's procedures would give (same activity, billing and season), recorded by
 * reservation's own handler of `enrolment.application.accepted`, so the same rules apply. The
 * enrolment seed writes procedures, not applications: these rights have no application behind
 * them (their id is derived from the child and the activity, for idempotence).
 * Bookings: a few days from today on, through the create-booking use case as the family.
 *
 * Idempotent: an activity, unit or site that exists (by code or name) is left alone, a capacity
 * is set once, a right is recorded once, and a child who has bookings of a unit gets no more.
 * Like the enrolment seed it reads identity's database (read-only queries) instead of asking
 * a running identity service, and boots the reservation service's modules over its database.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import {
  AddSiteCommand,
  AddUnitCommand,
  CreateActivityCommand,
  CreateBookingCommand,
  ReservationErrorCode,
  seasonBounds,
  SetCapacityCommand,
  type AdminCaller,
  type EventEnvelope,
  type FamilyCaller,
  type UnitKind,
} from '@portail/contracts';
import type { DestinationStream } from '@portail/logging';
import { Clock, DomainException, rpcValidationPipe } from '@portail/service-kit';
import { ActivityCatalogue } from '../services/reservation/src/activities/activity-catalogue';
import { ConfigureActivity } from '../services/reservation/src/activities/configure-activity.use-case';
import { CreateActivity } from '../services/reservation/src/activities/create-activity.use-case';
import { ServiceDirectory } from '../services/reservation/src/activities/service-directory';
import { ChildSchoolSite } from '../services/reservation/src/bookings/child-school-site';
import { CreateBooking } from '../services/reservation/src/bookings/create-booking.use-case';
import { SetCapacity } from '../services/reservation/src/bookings/set-capacity.use-case';
import { reservationEnvSchema } from '../services/reservation/src/config';
import { reservationService } from '../services/reservation/src/reservation.service';
import { EnrolmentEventsHandler } from '../services/reservation/src/rights/enrolment-events.handler';
import { DEMO_PROCEDURES } from './seed-enrolment';
import { runSeedStep } from './seed-main';
import { bootSeedService } from './seed-service';

const DEFAULT_RESERVATION_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/portail_reservation';
const DEFAULT_IDENTITY_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/portail_identity';
const DEFAULT_ADMIN_EMAIL = 'admin@portail-famille.test';

/** The season of the demo procedures and rights. */
const SEASON = '2026-2027';
/** Namespace of the demo rights' ids (uuid v5 of child and activity). */
const DEMO_RIGHTS_NAMESPACE = '6f1d8a52-3c1e-4e0b-9d55-52a1c3d0b7e4';

// ---------------------------------------------------------------------------------------------
// The data.

interface DemoUnit {
  code: string;
  label: string;
  kind: UnitKind;
  startsAt: string;
  endsAt: string;
  weekdays: number[];
  noticePolicy: Record<string, unknown>;
  allowsLateRequests?: boolean;
}

export interface DemoActivity {
  /** The municipal service's code in the identity seed's directory (Vichy). */
  serviceCode: string;
  code: string;
  name: string;
  units: DemoUnit[];
  /** The seeded Vichy schools (capacity per school, by kind), or named sites. */
  sites: Array<
    { name: string; capacity: number } | { school: 'maternelle' | 'elementaire'; capacity: number }
  >;
}

const SCHOOL_DAYS = [1, 2, 4, 5];

interface DemoSite {
  name: string;
  schoolId: string | null;
  capacity: number;
}

export const DEMO_ACTIVITIES: DemoActivity[] = [
  {
    serviceCode: 'school-catering',
    code: 'restauration-scolaire',
    name: 'Restauration scolaire',
    units: [
      {
        code: 'repas',
        label: 'Repas du midi',
        kind: 'meal',
        startsAt: '11:30',
        endsAt: '13:30',
        weekdays: SCHOOL_DAYS,
        noticePolicy: {
          booking: { kind: 'workingDaysBefore', days: 2, at: '10:00' },
          cancelling: { kind: 'workingDaysBefore', days: 2, at: '10:00' },
        },
        allowsLateRequests: true,
      },
    ],
    sites: [
      { school: 'maternelle', capacity: 60 },
      { school: 'elementaire', capacity: 150 },
    ],
  },
  {
    serviceCode: 'out-of-school-care',
    code: 'accueil-matin',
    name: 'Accueil du matin',
    units: [
      {
        code: 'matin',
        label: 'Accueil du matin (7 h 30 – 8 h 30)',
        kind: 'morning-care',
        startsAt: '07:30',
        endsAt: '08:30',
        weekdays: SCHOOL_DAYS,
        noticePolicy: { booking: { kind: 'calendarDaysBefore', days: 1, at: '18:00' } },
      },
    ],
    sites: [
      { school: 'maternelle', capacity: 20 },
      { school: 'elementaire', capacity: 30 },
    ],
  },
  {
    serviceCode: 'out-of-school-care',
    code: 'mercredis',
    name: 'Mercredis - accueil de loisirs',
    units: (
      [
        ['journee-repas', 'Journée avec repas', 'wednesday-full', '08:00', '18:00'],
        ['matin-repas', 'Matin avec repas', 'wednesday-half', '08:00', '13:30'],
        ['matin', 'Matin sans repas', 'wednesday-half', '08:00', '12:00'],
        ['apres-midi', 'Après-midi sans repas', 'wednesday-half', '13:30', '18:00'],
      ] as const
    ).map(([code, label, kind, startsAt, endsAt]) => ({
      code,
      label,
      kind,
      startsAt,
      endsAt,
      weekdays: [3],
      // "Au plus tard le jeudi de la semaine précédente à midi."
      noticePolicy: {
        booking: { kind: 'weekdayOfPreviousWeek', weekday: 'thursday', at: '12:00' },
      },
    })),
    sites: [{ name: 'Accueil de loisirs du parc des Bourins', capacity: 48 }],
  },
];

/**
 * The demo children who book (the identity seed's, by first and last name), what they book,
 * and on which weekdays.
 */
export const DEMO_BOOKERS: Array<{
  firstName: string;
  lastName: string;
  bookings: Array<{ activity: string; unit: string; weekdays: number[] }>;
}> = [
  {
    firstName: 'Inès',
    lastName: 'LEMAIRE',
    bookings: [
      { activity: 'restauration-scolaire', unit: 'repas', weekdays: [1, 2, 4, 5] },
      { activity: 'accueil-matin', unit: 'matin', weekdays: [1, 4] },
      { activity: 'mercredis', unit: 'journee-repas', weekdays: [3] },
    ],
  },
  {
    firstName: 'Hugo',
    lastName: 'LEMAIRE',
    bookings: [
      { activity: 'restauration-scolaire', unit: 'repas', weekdays: [1, 2, 4, 5] },
      { activity: 'mercredis', unit: 'matin-repas', weekdays: [3] },
    ],
  },
  {
    firstName: 'Nathan',
    lastName: 'FAYOLLE',
    bookings: [
      { activity: 'restauration-scolaire', unit: 'repas', weekdays: [2, 4] },
      { activity: 'accueil-matin', unit: 'matin', weekdays: [1, 2, 4, 5] },
    ],
  },
];

/** Bookings per child and unit, looked for among the next days. */
const BOOKINGS_PER_UNIT = 6;
const DAYS_LOOKED_AHEAD = 60;

// ---------------------------------------------------------------------------------------------
// Identity, read.

export interface IdentityDirectory {
  organisationId: string;
  services: Map<string, string>;
  schools: Array<{ id: string; name: string; kind: 'maternelle' | 'elementaire' }>;
  children: Array<{
    id: string;
    firstName: string;
    lastName: string;
    householdId: string;
    schoolId: string | null;
    accounts: Array<{ accountId: string; email: string; firstName: string }>;
  }>;
  admin: AdminCaller;
}

export async function readIdentity(
  databaseUrl: string,
  adminEmail: string,
): Promise<IdentityDirectory> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const organisation = await client.query<{ id: string }>(
      "SELECT id FROM organisations WHERE slug = 'vichy'",
    );
    if (!organisation.rows[0]) throw new Error('No Vichy in identity: run the identity seed first');
    const organisationId = organisation.rows[0].id;
    const services = await client.query<{ id: string; code: string }>(
      'SELECT id, code FROM municipal_services WHERE organisation_id = $1',
      [organisationId],
    );
    const schools = await client.query<{
      id: string;
      name: string;
      kind: 'maternelle' | 'elementaire';
    }>('SELECT id, name, kind FROM schools WHERE organisation_id = $1 AND active ORDER BY name', [
      organisationId,
    ]);
    const children = await client.query<{
      id: string;
      first_name: string;
      last_name: string;
      household_id: string;
      school_id: string | null;
      accounts: Array<{ accountId: string; email: string; firstName: string }>;
    }>(
      `SELECT c.id, c.first_name, c.last_name, c.household_id, c.school_id,
              coalesce(json_agg(json_build_object('accountId', a.id, 'email', a.email,
                                                  'firstName', g.first_name)
                                ORDER BY g.is_primary DESC)
                       FILTER (WHERE a.id IS NOT NULL), '[]') AS accounts
         FROM children c
         JOIN guardians g ON g.household_id = c.household_id
         LEFT JOIN accounts a ON a.id = g.account_id AND a.kind = 'family' AND a.status <> 'closed'
        GROUP BY c.id`,
    );
    const admin = await client.query<{ id: string }>(
      "SELECT id FROM accounts WHERE kind = 'admin' AND email_normalized = lower($1)",
      [adminEmail],
    );
    if (!admin.rows[0]) {
      throw new Error(`No administrator ${adminEmail} in identity: run the identity seed first`);
    }
    return {
      organisationId,
      services: new Map(services.rows.map((row) => [row.code, row.id])),
      schools: schools.rows,
      children: children.rows.map((row) => ({
        id: row.id,
        firstName: row.first_name,
        lastName: row.last_name,
        householdId: row.household_id,
        schoolId: row.school_id,
        accounts: row.accounts,
      })),
      admin: { kind: 'admin', accountId: admin.rows[0].id },
    };
  } finally {
    await client.end();
  }
}

/** Checks a command with the class the API validates it with: the same rules as agents'. */
export async function validated<T extends object>(metatype: new () => T, command: T): Promise<T> {
  try {
    return (await rpcValidationPipe().transform(command, { type: 'body', metatype })) as T;
  } catch (error) {
    if (error instanceof DomainException) {
      throw new Error(
        `Seed data: ${metatype.name} ${JSON.stringify(command)}: ${JSON.stringify(error.envelope.details ?? error.envelope)}`,
      );
    }
    throw error;
  }
}

/** The calendar day `offset` days after `day` (YYYY-MM-DD), and its ISO weekday. */
function dayAfter(day: string, offset: number): { day: string; weekday: number } {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return { day: date.toISOString().slice(0, 10), weekday: date.getUTCDay() || 7 };
}

function parisToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
}

// ---------------------------------------------------------------------------------------------
// The run.

export interface ReservationSeedOptions {
  reservationDatabaseUrl: string;
  identityDatabaseUrl: string;
  adminEmail: string;
  env?: NodeJS.ProcessEnv;
  logDestination?: DestinationStream;
  say?: (line: string) => void;
  /** The demo's "today" (tests); the real clock otherwise. */
  now?: Date;
}

export interface ReservationSeedReport {
  activities: number;
  units: number;
  sites: number;
  rights: number;
  bookings: number;
}

export async function seedReservation(
  options: ReservationSeedOptions,
): Promise<ReservationSeedReport> {
  const say = options.say ?? (() => undefined);
  const identity = await readIdentity(options.identityDatabaseUrl, options.adminEmail);
  const serviceId = (code: string) => {
    const id = identity.services.get(code);
    if (!id)
      throw new Error(`No service ${code} of Vichy in identity: run the identity seed first`);
    return id;
  };
  // Fail before anything is written when the directory lacks a service.
  for (const demo of DEMO_ACTIVITIES) serviceId(demo.serviceCode);

  const app = await bootSeedService(reservationService, reservationEnvSchema, {
    databaseUrl: options.reservationDatabaseUrl,
    env: options.env,
    logDestination: options.logDestination,
  });
  const report: ReservationSeedReport = {
    activities: 0,
    units: 0,
    sites: 0,
    rights: 0,
    bookings: 0,
  };
  try {
    // No identity runs during the seed: its directory was read from identity's database above,
    // so the organisation of a Vichy service is answered from it.
    const directory = app.get(ServiceDirectory);
    directory.organisationOf = (id: string) => {
      if ([...identity.services.values()].includes(id))
        return Promise.resolve(identity.organisationId);
      return Promise.reject(new Error(`Unknown municipal service ${id}`));
    };
    // Likewise the demo children's schools.
    app.get(ChildSchoolSite).schoolOf = (childId: string) => {
      const child = identity.children.find((candidate) => candidate.id === childId);
      return Promise.resolve(child && { schoolId: child.schoolId, schoolName: null });
    };
    const clock = app.get(Clock);
    const fixedNow = options.now;
    if (fixedNow) clock.now = () => new Date(fixedNow);
    const catalogue = app.get(ActivityCatalogue);
    const configure = app.get(ConfigureActivity);
    const admin = identity.admin;

    for (const demo of DEMO_ACTIVITIES) {
      let aggregate = await catalogue.findByCode(identity.organisationId, demo.code);
      if (!aggregate) {
        const created = await app.get(CreateActivity).execute(
          admin,
          await validated(CreateActivityCommand, {
            municipalServiceId: serviceId(demo.serviceCode),
            code: demo.code,
            name: demo.name,
          }),
        );
        report.activities += 1;
        say(`  activity "${demo.name}"`);
        aggregate = await catalogue.load(created.id);
      }
      const activityId = aggregate.activity.id;
      for (const unit of demo.units) {
        if (aggregate.units.some((existing) => existing.code === unit.code)) continue;
        await configure.addUnit(admin, await validated(AddUnitCommand, { activityId, ...unit }));
        report.units += 1;
      }
      const sites = demo.sites.flatMap((site): DemoSite[] =>
        'school' in site
          ? identity.schools
              .filter((school) => school.kind === site.school)
              .map((school) => ({
                name: school.name,
                schoolId: school.id,
                capacity: site.capacity,
              }))
          : [{ name: site.name, schoolId: null, capacity: site.capacity }],
      );
      for (const site of sites) {
        if (aggregate.sites.some((existing) => existing.name === site.name)) continue;
        await configure.addSite(
          admin,
          await validated(AddSiteCommand, {
            activityId,
            name: site.name,
            ...(site.schoolId && { schoolId: site.schoolId }),
          }),
        );
        report.sites += 1;
      }
      // Capacities: set once per unit and site (an agent may have changed them since).
      aggregate = await catalogue.load(activityId);
      for (const unit of aggregate.units) {
        for (const site of aggregate.sites) {
          const capacity = sites.find((candidate) => candidate.name === site.name)?.capacity;
          if (capacity === undefined) continue;
          if (aggregate.capacities.some((c) => c.unitId === unit.id && c.siteId === site.id))
            continue;
          await app.get(SetCapacity).execute(
            admin,
            await validated(SetCapacityCommand, {
              activityId,
              unitId: unit.id,
              siteId: site.id,
              capacity,
            }),
          );
        }
      }
    }

    // Rights, as an accepted application of the demo procedure gives them.
    const dataSource = app.get(DataSource);
    const rights = app.get(EnrolmentEventsHandler);
    const { startsOn, endsOn } = seasonBounds(SEASON);
    for (const booker of DEMO_BOOKERS) {
      const child = identity.children.find(
        (candidate) =>
          candidate.firstName === booker.firstName && candidate.lastName === booker.lastName,
      );
      if (!child || !child.accounts.length) {
        throw new Error(
          `No child ${booker.firstName} ${booker.lastName} with a family account in identity: run the identity seed first`,
        );
      }
      for (const activityCode of new Set(booker.bookings.map((booking) => booking.activity))) {
        const procedure = DEMO_PROCEDURES.find(
          (demo) =>
            demo.organisation === 'vichy' &&
            demo.season === SEASON &&
            demo.grant.activityCode === activityCode,
        );
        const demo = DEMO_ACTIVITIES.find((candidate) => candidate.code === activityCode)!;
        if (!procedure) throw new Error(`No demo procedure grants ${activityCode}`);
        const rightId = uuidv5(`${child.id}:${activityCode}:${SEASON}`, DEMO_RIGHTS_NAMESPACE);
        const existing = await dataSource.query<unknown[]>(
          'SELECT 1 FROM booking_rights WHERE id = $1',
          [rightId],
        );
        if (existing.length) continue;
        const event: EventEnvelope<'enrolment.application.accepted'> = {
          id: uuidv7(),
          type: 'enrolment.application.accepted',
          occurredAt: clock.now().toISOString(),
          producer: 'enrolment',
          aggregateId: rightId,
          correlationId: null,
          schemaVersion: 1,
          payload: {
            applicationId: rightId,
            reference: 'DEMO',
            procedureId: rightId,
            procedureTitle: procedure.title,
            organisationId: identity.organisationId,
            organisationName: 'Vichy',
            municipalServiceId: serviceId(demo.serviceCode),
            municipalServiceName: demo.serviceCode,
            season: SEASON,
            householdId: child.householdId,
            child: { id: child.id, firstName: child.firstName, lastName: child.lastName },
            recipients: child.accounts,
            grant: procedure.grant,
            validFrom: startsOn,
            validUntil: endsOn,
            schoolAssignment: null,
            automatic: procedure.validationMode === 'automatic',
          },
        };
        await dataSource.transaction((manager) => rights.onAccepted(event, manager));
        report.rights += 1;
        say(`  right of ${child.firstName} ${child.lastName} to ${activityCode}`);
      }
    }

    // Bookings: the next days the unit opens and the notice period allows, as the family.
    const today = parisToday(clock.now());
    for (const booker of DEMO_BOOKERS) {
      const child = identity.children.find(
        (candidate) =>
          candidate.firstName === booker.firstName && candidate.lastName === booker.lastName,
      )!;
      const family: FamilyCaller = { kind: 'family', accountId: child.accounts[0].accountId };
      for (const wanted of booker.bookings) {
        const aggregate = (await catalogue.findByCode(identity.organisationId, wanted.activity))!;
        const unit = aggregate.units.find((candidate) => candidate.code === wanted.unit)!;
        // The child's school where the activity is school-based, else the first site.
        const site =
          aggregate.sites.find(
            (candidate) => candidate.schoolId && candidate.schoolId === child.schoolId,
          ) ??
          (aggregate.sites.every((candidate) => candidate.schoolId)
            ? undefined
            : aggregate.sites[0]);
        if (!site) continue;
        const booked = await dataSource.query<unknown[]>(
          'SELECT 1 FROM bookings WHERE child_id = $1 AND unit_id = $2 LIMIT 1',
          [child.id, unit.id],
        );
        if (booked.length) continue;
        let made = 0;
        for (let offset = 1; offset <= DAYS_LOOKED_AHEAD && made < BOOKINGS_PER_UNIT; offset++) {
          const { day, weekday } = dayAfter(today, offset);
          if (!wanted.weekdays.includes(weekday)) continue;
          try {
            await app.get(CreateBooking).execute(
              family,
              await validated(CreateBookingCommand, {
                childId: child.id,
                unitId: unit.id,
                siteId: site.id,
                day,
              }),
            );
            made += 1;
          } catch (error) {
            // Holidays, closures and past deadlines are skipped, as a family would.
            const code = error instanceof DomainException ? error.envelope.code : undefined;
            if (
              code === ReservationErrorCode.SLOT_CLOSED ||
              code === ReservationErrorCode.NOTICE_PERIOD_PASSED ||
              code === ReservationErrorCode.NO_BOOKING_RIGHT
            )
              continue;
            throw error;
          }
        }
        report.bookings += made;
        if (made)
          say(`  ${made} booking(s) of ${child.firstName} ${child.lastName}: ${unit.label}`);
      }
    }
  } finally {
    await app.close();
  }
  return report;
}

if (require.main === module) {
  runSeedStep(
    (say) =>
      seedReservation({
        reservationDatabaseUrl:
          process.env.RESERVATION_DATABASE_URL ?? DEFAULT_RESERVATION_DATABASE_URL,
        identityDatabaseUrl: process.env.DATABASE_URL ?? DEFAULT_IDENTITY_DATABASE_URL,
        adminEmail: process.env.SEED_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL,
        env: { LOG_LEVEL: 'warn', ...process.env },
        say,
      }),
    (report) =>
      report.activities + report.units + report.sites + report.rights + report.bookings
        ? `Seeded reservation: ${report.activities} activity(ies), ${report.units} unit(s), ${report.sites} site(s), ${report.rights} right(s), ${report.bookings} booking(s).`
        : 'Demo activities and bookings already present: nothing to do.',
  );
}

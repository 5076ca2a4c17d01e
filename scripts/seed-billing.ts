/**
 * `npm run seed`, after reservation: the régies of the specification, tariffs for the seeded
 * activities, and a month of issued invoices for the demo families.
 *
 * - Régies: "Affaires Scolaires de Vichy" (PayFIP collectivity 000070, the slip addressed to the
 *   "CDFIP de CUSSET - Trésorerie de Vichy", debt references `{year}-CA-00-{number}`) serving
 *   Vichy's school catering and out-of-school care; one per other commune (Cusset,
 *   Bellerive-sur-Allier) for theirs; one for Vichy Communauté's billed services (conservatoire
 *   and summer sports, which its procedures grant).
 * - Tariffs: every unit of the reservation seed's activities (Vichy), for the 2026-2027 season,
 *   with family-quotient brackets (resident and non-resident prices), sibling reductions and the
 *   late-cancellation, unjustified-absence and unexpected-presence rates.
 * - A past month ("the month billed": the one before today, within the school year 2026-2027):
 *   the demo children's post-billed days booked (reservation's CreateBooking as the family, the
 *   clock set two weeks before the month), one meal cancelled late by the family, attendance
 *   recorded (present, a few absences justified or not, a morning of care without booking) and
 *   the month locked for the régie's services (RecordAttendance and AttendanceMonths, as an
 *   administrator, the clock set after the month); then billing's copies take identity's and
 *   reservation's events from their outboxes through billing's own handlers and inbox (the
 *   running billing service, receiving the same events, finds them done), and Vichy's run of the
 *   month issues the invoices (StartRun).
 *
 * Idempotent: a régie (by organisation and name) or a tariff (by régie, activity and unit) that
 * exists is left alone, a month already locked is not booked or recorded again, an event is
 * applied once (inbox), and a month already issued is not run again. Reads identity's database
 * (read-only) like the reservation seed; boots reservation's then billing's modules.
 */
import 'reflect-metadata';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  CreateBookingCommand,
  CreateMyMandateCommand,
  CreateRegieCommand,
  SepaErrorCode,
  CreateTariffCommand,
  RecordAttendanceCommand,
  ReservationErrorCode,
  seasonBounds,
  type AdminCaller,
  type AttendanceEntry,
  type ChildView,
  type EventEnvelope,
  type FamilyCaller,
} from '@portail/contracts';
import type { DestinationStream } from '@portail/logging';
import { EventConsumer } from '@portail/messaging';
import { Clock, DomainException } from '@portail/service-kit';
import { billingService } from '../services/billing/src/billing.service';
import { billingEnvSchema } from '../services/billing/src/config';
import { ManageRegies } from '../services/billing/src/regies/manage-regies.use-case';
import { ManageMandates } from '../services/billing/src/sepa/manage-mandates.use-case';
import { StartRun } from '../services/billing/src/runs/start-run.use-case';
import { ManageTariffs } from '../services/billing/src/tariffs/manage-tariffs.use-case';
import { ActivityCatalogue } from '../services/reservation/src/activities/activity-catalogue';
import { ChildProfiles } from '../services/reservation/src/activities/child-profiles';
import { ServiceDirectory } from '../services/reservation/src/activities/service-directory';
import { AttendanceMonths } from '../services/reservation/src/attendance/attendance-months.use-case';
import { RecordAttendance } from '../services/reservation/src/attendance/record-attendance.use-case';
import { CancelBooking } from '../services/reservation/src/bookings/cancel-booking.use-case';
import { ChildSchoolSite } from '../services/reservation/src/bookings/child-school-site';
import { CreateBooking } from '../services/reservation/src/bookings/create-booking.use-case';
import { reservationEnvSchema } from '../services/reservation/src/config';
import { reservationService } from '../services/reservation/src/reservation.service';
import { DEMO_PROCEDURES } from './seed-enrolment';
import { runSeedStep } from './seed-main';
import { DEMO_BOOKERS, readIdentity, validated, type IdentityDirectory } from './seed-reservation';
import { bootSeedService } from './seed-service';

const DEFAULT_BILLING_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/portail_billing';
const DEFAULT_RESERVATION_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/portail_reservation';
const DEFAULT_IDENTITY_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/portail_identity';
const DEFAULT_ADMIN_EMAIL = 'admin@portail-famille.test';

const SEASON = '2026-2027';
/** The months of the school year a demo month can be billed for. */
const FIRST_BILLED_MONTH = '2026-09';
const LAST_BILLED_MONTH = '2027-06';
const ZONE = 'Europe/Paris';

// ---------------------------------------------------------------------------------------------
// The data.

type Slug = 'vichy-communaute' | 'vichy' | 'cusset' | 'bellerive-sur-allier';

const TREASURY_ADDRESS = [
  'CDFIP de CUSSET - Trésorerie de Vichy',
  '8 rue du bief',
  'BP 42657',
  '03307 CUSSET Cedex',
];

export interface DemoRegie {
  organisation: Slug;
  name: string;
  /** The municipal services' codes in the identity seed's directory. */
  serviceCodes: string[];
  payfipCollectivityNumber: string;
  debtReferenceFormat: string;
}

export const DEMO_REGIES: DemoRegie[] = [
  {
    organisation: 'vichy',
    name: 'Affaires Scolaires de Vichy',
    serviceCodes: ['school-catering', 'out-of-school-care'],
    payfipCollectivityNumber: '000070',
    debtReferenceFormat: '{year}-CA-00-{number}',
  },
  {
    organisation: 'cusset',
    name: 'Affaires Scolaires de Cusset',
    serviceCodes: ['school-catering', 'out-of-school-care'],
    payfipCollectivityNumber: '000071',
    debtReferenceFormat: '{year}-CU-00-{number}',
  },
  {
    organisation: 'bellerive-sur-allier',
    name: 'Affaires Scolaires de Bellerive-sur-Allier',
    serviceCodes: ['school-catering', 'out-of-school-care'],
    payfipCollectivityNumber: '000072',
    debtReferenceFormat: '{year}-BA-00-{number}',
  },
  {
    organisation: 'vichy-communaute',
    name: 'Conservatoire et Sports de Vichy Communauté',
    serviceCodes: ['music-conservatory', 'sports'],
    payfipCollectivityNumber: '000073',
    debtReferenceFormat: '{year}-VC-00-{number}',
  },
];

/** The régie that bills the demo month (its services are locked, its run issues). */
export const BILLED_REGIE = 'Affaires Scolaires de Vichy';

const RATES = {
  lateCancellationPercent: 100,
  unjustifiedAbsencePercent: 100,
  unexpectedPresencePercent: 150,
};

/** Brackets: [up to quotient (null: the highest), resident cents, non-resident cents]. */
type Brackets = Array<[number | null, number, number]>;

export interface DemoTariff {
  regie: string;
  activityCode: string;
  unitCode: string;
  label: string;
  brackets: Brackets;
  siblingReductionPercents: number[];
}

const WEDNESDAY_BRACKETS = (full: number): Brackets => [
  [500, Math.round(full * 0.4), Math.round(full * 0.8)],
  [900, Math.round(full * 0.7), Math.round(full * 1.1)],
  [null, full, Math.round(full * 1.4)],
];

/** Every unit of the reservation seed's activities (DEMO_ACTIVITIES). */
export const DEMO_TARIFFS: DemoTariff[] = [
  {
    regie: BILLED_REGIE,
    activityCode: 'restauration-scolaire',
    unitCode: 'repas',
    label: 'Vichy Restauration Scolaire',
    brackets: [
      [500, 105, 210],
      [900, 230, 350],
      [null, 320, 455],
    ],
    siblingReductionPercents: [10, 20],
  },
  {
    regie: BILLED_REGIE,
    activityCode: 'accueil-matin',
    unitCode: 'matin',
    label: 'Vichy Accueil du matin',
    brackets: [
      [700, 90, 150],
      [null, 160, 240],
    ],
    siblingReductionPercents: [10],
  },
  ...(
    [
      ['journee-repas', 'Mercredi journée avec repas', 1450],
      ['matin-repas', 'Mercredi matin avec repas', 900],
      ['matin', 'Mercredi matin sans repas', 600],
      ['apres-midi', 'Mercredi après-midi sans repas', 600],
    ] as const
  ).map(([unitCode, label, full]) => ({
    regie: BILLED_REGIE,
    activityCode: 'mercredis',
    unitCode,
    label,
    brackets: WEDNESDAY_BRACKETS(full),
    siblingReductionPercents: [10],
  })),
];

const JUSTIFIED_REASON = 'Enfant malade (certificat médical)';

// ---------------------------------------------------------------------------------------------
// Helpers.

/** The month before `now`'s (Paris), within the school year the demo rights cover. */
export function billedMonth(now: Date): string {
  const previous = DateTime.fromJSDate(now, { zone: ZONE })
    .minus({ months: 1 })
    .toFormat('yyyy-MM');
  if (previous < FIRST_BILLED_MONTH) return FIRST_BILLED_MONTH;
  return previous > LAST_BILLED_MONTH ? LAST_BILLED_MONTH : previous;
}

function daysOf(month: string): Array<{ day: string; weekday: number }> {
  const first = DateTime.fromISO(`${month}-01`, { zone: ZONE });
  return Array.from({ length: first.daysInMonth! }, (_, index) => {
    const date = first.plus({ days: index });
    return { day: date.toISODate()!, weekday: date.weekday };
  });
}

function skippable(error: unknown): boolean {
  const code = error instanceof DomainException ? error.envelope.code : undefined;
  return (
    code === ReservationErrorCode.SLOT_CLOSED ||
    code === ReservationErrorCode.NOTICE_PERIOD_PASSED ||
    code === ReservationErrorCode.NO_BOOKING_RIGHT
  );
}

interface Directory {
  organisations: Map<Slug, { id: string; services: Map<string, string> }>;
  admin: AdminCaller;
}

async function readDirectory(databaseUrl: string, adminEmail: string): Promise<Directory> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ slug: Slug; id: string; code: string; service: string }>(
      `SELECT o.slug, o.id, s.code, s.id AS service FROM organisations o
         JOIN municipal_services s ON s.organisation_id = o.id`,
    );
    const organisations: Directory['organisations'] = new Map();
    for (const row of rows) {
      const organisation = organisations.get(row.slug) ?? { id: row.id, services: new Map() };
      organisation.services.set(row.code, row.service);
      organisations.set(row.slug, organisation);
    }
    const admin = await client.query<{ id: string }>(
      "SELECT id FROM accounts WHERE kind = 'admin' AND email_normalized = lower($1)",
      [adminEmail],
    );
    if (!admin.rows[0]) {
      throw new Error(`No administrator ${adminEmail} in identity: run the identity seed first`);
    }
    return { organisations, admin: { kind: 'admin', accountId: admin.rows[0].id } };
  } finally {
    await client.end();
  }
}

/** The outbox rows of `types`, in the order they were recorded. */
async function outboxEvents(databaseUrl: string, types: string[]): Promise<EventEnvelope[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ envelope: EventEnvelope }>(
      'SELECT envelope FROM outbox WHERE type = ANY($1) ORDER BY sequence',
      [types],
    );
    return rows.map((row) => row.envelope);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// The run.

export interface BillingSeedOptions {
  billingDatabaseUrl: string;
  reservationDatabaseUrl: string;
  identityDatabaseUrl: string;
  adminEmail: string;
  env?: NodeJS.ProcessEnv;
  logDestination?: DestinationStream;
  say?: (line: string) => void;
  /** The demo's "today" (tests); the real clock otherwise. */
  now?: Date;
}

export interface BillingSeedReport {
  month: string;
  /** The demo family's SEPA mandate (when billing has a SEPA creditor for the billed régie). */
  mandates: number;
  regies: number;
  tariffs: number;
  /** Reservation: days booked in the month billed, late cancellations, attendance records. */
  bookings: number;
  lateCancellations: number;
  attendance: number;
  monthLocks: number;
  /** Identity's and reservation's events applied to billing's copies. */
  events: number;
  invoices: number;
}

/**
 * Reservation's side of the month billed: bookings, a late cancellation, attendance and the
 * lock, unless the month is already locked for every service of the billed régie.
 */
async function seedMonthOfAttendance(
  options: BillingSeedOptions,
  identity: IdentityDirectory,
  serviceIds: string[],
  month: string,
  report: BillingSeedReport,
): Promise<void> {
  const say = options.say ?? (() => undefined);
  const app = await bootSeedService(reservationService, reservationEnvSchema, {
    databaseUrl: options.reservationDatabaseUrl,
    env: options.env,
    logDestination: options.logDestination,
  });
  try {
    const dataSource = app.get(DataSource);
    const locked = await dataSource.query<unknown[]>(
      'SELECT 1 FROM attendance_month_locks WHERE municipal_service_id = ANY($1) AND month = $2',
      [serviceIds, month],
    );
    if (locked.length === serviceIds.length) return;
    // No identity runs during the seed: what reservation would ask it comes from its database.
    app.get(ServiceDirectory).organisationOf = (id: string) =>
      [...identity.services.values()].includes(id)
        ? Promise.resolve(identity.organisationId)
        : Promise.reject(new Error(`Unknown municipal service ${id}`));
    app.get(ChildSchoolSite).schoolOf = (childId: string) => {
      const child = identity.children.find((candidate) => candidate.id === childId);
      return Promise.resolve(child && { schoolId: child.schoolId, schoolName: null });
    };
    app.get(ChildProfiles).byId = () => Promise.resolve(new Map<string, ChildView>());
    const clock = app.get(Clock);
    const at = (instant: DateTime) => {
      clock.now = () => instant.toJSDate();
    };
    const monthStart = DateTime.fromISO(`${month}-01T09:00`, { zone: ZONE });
    const catalogue = app.get(ActivityCatalogue);
    const postBilled = new Set(
      DEMO_PROCEDURES.filter(
        (procedure) =>
          procedure.organisation === 'vichy' &&
          procedure.season === SEASON &&
          procedure.grant.kind === 'activity-booking' &&
          procedure.grant.billing === 'post-billing',
      ).map((procedure) => (procedure.grant as { activityCode: string }).activityCode),
    );

    // Bookings, as the family two weeks before the month.
    at(monthStart.minus({ days: 14 }));
    const first = `${month}-01`;
    const last = DateTime.fromISO(first).endOf('month').toISODate()!;
    for (const booker of DEMO_BOOKERS) {
      const child = identity.children.find(
        (candidate) =>
          candidate.firstName === booker.firstName && candidate.lastName === booker.lastName,
      );
      if (!child?.accounts.length) {
        throw new Error(
          `No child ${booker.firstName} ${booker.lastName} with a family account: run the identity and reservation seeds first`,
        );
      }
      const family: FamilyCaller = { kind: 'family', accountId: child.accounts[0].accountId };
      for (const wanted of booker.bookings.filter((booking) => postBilled.has(booking.activity))) {
        const aggregate = await catalogue.findByCode(identity.organisationId, wanted.activity);
        if (!aggregate)
          throw new Error(`No activity ${wanted.activity}: run the reservation seed first`);
        const unit = aggregate.units.find((candidate) => candidate.code === wanted.unit)!;
        const site = aggregate.sites.find((candidate) => candidate.schoolId === child.schoolId);
        if (!site) continue;
        const booked = await dataSource.query<unknown[]>(
          'SELECT 1 FROM bookings WHERE child_id = $1 AND unit_id = $2 AND day BETWEEN $3 AND $4 LIMIT 1',
          [child.id, unit.id, first, last],
        );
        if (booked.length) continue;
        for (const { day, weekday } of daysOf(month)) {
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
            report.bookings += 1;
          } catch (error) {
            if (!skippable(error)) throw error;
          }
        }
      }
    }
    if (report.bookings)
      say(`  ${report.bookings} day(s) booked in ${month} for the demo children`);

    const booked = () =>
      dataSource.query<
        Array<{
          id: string;
          child_id: string;
          activity_id: string;
          unit_id: string;
          site_id: string;
          day: string;
        }>
      >(
        `SELECT id, child_id, activity_id, unit_id, site_id, day::text AS day FROM bookings
          WHERE status = 'booked' AND day BETWEEN $1 AND $2 ORDER BY child_id, day, unit_id`,
        [first, last],
      );
    const catering = (await catalogue.findByCode(
      identity.organisationId,
      'restauration-scolaire',
    ))!;
    const meal = catering.units.find((unit) => unit.code === 'repas')!;
    const care = (await catalogue.findByCode(identity.organisationId, 'accueil-matin'))!;
    const morning = care.units.find((unit) => unit.code === 'matin')!;
    const [ines] = identity.children.filter(
      (child) =>
        child.firstName === DEMO_BOOKERS[0].firstName &&
        child.lastName === DEMO_BOOKERS[0].lastName,
    );

    // Inès's family cancels her last meal of the month that same morning: past the deadline, a
    // late cancellation (billed).
    const inesMeals = (await booked()).filter(
      (booking) => booking.child_id === ines.id && booking.unit_id === meal.id,
    );
    const cancelled = inesMeals[inesMeals.length - 1];
    if (cancelled) {
      at(DateTime.fromISO(`${cancelled.day}T08:00`, { zone: ZONE }));
      await app
        .get(CancelBooking)
        .execute({ kind: 'family', accountId: ines.accounts[0].accountId }, cancelled.id);
      report.lateCancellations += 1;
    }

    // Attendance, recorded by the service after the month: most days present, every tenth day
    // of a child from its fourth absent unjustified, from its eighth absent with a certificate;
    // and Inès at morning care on a Tuesday she had not booked.
    at(monthStart.plus({ months: 1 }).set({ hour: 8 }));
    const sheets = new Map<
      string,
      { command: Omit<RecordAttendanceCommand, 'records'>; records: AttendanceEntry[] }
    >();
    const sheetOf = (activityId: string, unitId: string, siteId: string, day: string) => {
      const key = [activityId, unitId, siteId, day].join('|');
      const sheet = sheets.get(key) ?? {
        command: { activityId, unitId, siteId, day },
        records: [],
      };
      sheets.set(key, sheet);
      return sheet.records;
    };
    const rank = new Map<string, number>();
    for (const booking of await booked()) {
      const index = rank.get(booking.child_id) ?? 0;
      rank.set(booking.child_id, index + 1);
      const status: AttendanceEntry['status'] =
        index % 10 === 3 ? 'absent-unjustified' : index % 10 === 7 ? 'absent-justified' : 'present';
      sheetOf(booking.activity_id, booking.unit_id, booking.site_id, booking.day).push({
        childId: booking.child_id,
        status,
        ...(status === 'absent-justified' && { reason: JUSTIFIED_REASON }),
      });
    }
    const morningSite = care.sites.find((site) => site.schoolId === ines.schoolId);
    const tuesday = inesMeals.find(
      (booking) => DateTime.fromISO(booking.day, { zone: ZONE }).weekday === 2,
    );
    if (morningSite && tuesday) {
      sheetOf(care.activity.id, morning.id, morningSite.id, tuesday.day).push({
        childId: ines.id,
        status: 'unexpected',
      });
    }
    for (const { command, records } of sheets.values()) {
      await app
        .get(RecordAttendance)
        .execute(identity.admin, await validated(RecordAttendanceCommand, { ...command, records }));
      report.attendance += records.length;
    }
    if (report.attendance) say(`  ${report.attendance} attendance record(s) of ${month}`);

    // The month locked for every service of the régie.
    const months = app.get(AttendanceMonths);
    for (const municipalServiceId of serviceIds) {
      const view = await months.get(identity.admin, { municipalServiceId, month });
      if (view.locked) continue;
      await months.lock(identity.admin, { municipalServiceId, month });
      report.monthLocks += 1;
    }
  } finally {
    await app.close();
  }
}

/** Billing: régies and tariffs, the copies from the events, and the month's run. */
async function seedRegiesAndInvoices(
  options: BillingSeedOptions,
  directory: Directory,
  month: string,
  issuedAt: Date,
  report: BillingSeedReport,
): Promise<void> {
  const say = options.say ?? (() => undefined);
  const app = await bootSeedService(billingService, billingEnvSchema, {
    databaseUrl: options.billingDatabaseUrl,
    // The seed waits for its run; runs left unfinished are the running service's to resume.
    env: { ...(options.env ?? process.env), BILLING_JOBS_ENABLED: 'false' },
    logDestination: options.logDestination,
  });
  try {
    const dataSource = app.get(DataSource);
    const admin = directory.admin;

    // Billing's copies: identity's and reservation's events, through billing's own handlers
    // and inbox (applied once, whoever applies them first: this seed or the running service).
    const consumer = app.get(EventConsumer);
    const types = consumer.handledTypes;
    for (const databaseUrl of [options.identityDatabaseUrl, options.reservationDatabaseUrl]) {
      for (const envelope of await outboxEvents(databaseUrl, types)) {
        const outcome = await consumer.apply(envelope, consumer.handlerOf(envelope.type)!);
        if (outcome === 'applied') report.events += 1;
      }
    }
    if (report.events) say(`  ${report.events} event(s) of identity and reservation applied`);

    const regieIds = new Map<string, string>();
    for (const demo of DEMO_REGIES) {
      const organisation = directory.organisations.get(demo.organisation);
      if (!organisation) {
        throw new Error(
          `No organisation ${demo.organisation} in identity: run the identity seed first`,
        );
      }
      const [existing] = await dataSource.query<Array<{ id: string }>>(
        'SELECT id FROM regies WHERE organisation_id = $1 AND name = $2',
        [organisation.id, demo.name],
      );
      if (existing) {
        regieIds.set(demo.name, existing.id);
        continue;
      }
      const municipalServiceIds = demo.serviceCodes.map((code) => {
        const id = organisation.services.get(code);
        if (!id)
          throw new Error(
            `No service ${code} of ${demo.organisation}: run the identity seed first`,
          );
        return id;
      });
      const created = await app.get(ManageRegies).create(
        admin,
        await validated(CreateRegieCommand, {
          organisationId: organisation.id,
          name: demo.name,
          municipalServiceIds,
          treasuryAddress: TREASURY_ADDRESS,
          payfipCollectivityNumber: demo.payfipCollectivityNumber,
          debtReferenceFormat: demo.debtReferenceFormat,
          dueDateRule: { kind: 'day-of-next-month', day: 10 },
        }),
      );
      regieIds.set(demo.name, created.id);
      report.regies += 1;
      say(`  régie "${demo.name}" (PayFIP ${demo.payfipCollectivityNumber})`);
    }

    const { startsOn, endsOn } = seasonBounds(SEASON);
    for (const tariff of DEMO_TARIFFS) {
      const regieId = regieIds.get(tariff.regie)!;
      const existing = await dataSource.query<unknown[]>(
        'SELECT 1 FROM tariffs WHERE regie_id = $1 AND activity_code = $2 AND unit_code = $3',
        [regieId, tariff.activityCode, tariff.unitCode],
      );
      if (existing.length) continue;
      await app.get(ManageTariffs).create(
        admin,
        await validated(CreateTariffCommand, {
          regieId,
          activityCode: tariff.activityCode,
          unitCode: tariff.unitCode,
          label: tariff.label,
          validFrom: startsOn,
          validUntil: endsOn,
          brackets: tariff.brackets.map(([upToQuotient, residentCents, nonResidentCents]) => ({
            upToQuotient,
            residentCents,
            nonResidentCents,
          })),
          siblingReductionPercents: tariff.siblingReductionPercents,
          ...RATES,
        }),
      );
      report.tariffs += 1;
    }
    if (report.tariffs) say(`  ${report.tariffs} tariff(s)`);

    // The month's run of the billed régie, once.
    const regieId = regieIds.get(BILLED_REGIE)!;
    await seedDemoMandate(app, options.identityDatabaseUrl, regieId, report, say);
    const done = await dataSource.query<unknown[]>(
      "SELECT 1 FROM billing_runs WHERE regie_id = $1 AND month = $2 AND NOT dry_run AND status = 'done'",
      [regieId, month],
    );
    if (done.length) return;
    app.get(Clock).now = () => new Date(issuedAt);
    const run = await app
      .get(StartRun)
      .execute(admin, { regieId, month, dryRun: false }, Number.POSITIVE_INFINITY);
    report.invoices += run.issuedCount;
    say(`  ${run.issuedCount} invoice(s) of ${month} issued by "${BILLED_REGIE}"`);
  } finally {
    await app.close();
  }
}

/** The demo family that pays the billed régie by direct debit (its account's e-mail). */
export const DEMO_DEBTOR = {
  email: 'aurelie.lemaire@familles.portail-famille.test',
  debtorName: 'Aurélie LEMAIRE',
  // The French banks' published example IBAN (no real account).
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPP',
};

/**
 * The demo family's SEPA mandate with the billed régie, signed online through billing's own use
 * case, once; only when billing has a SEPA creditor for that régie (npm start gives the demo
 * one, a deployment its own in SEPA_CREDITORS), so agents can try a month's debit file.
 */
async function seedDemoMandate(
  app: Awaited<ReturnType<typeof bootSeedService>>,
  identityDatabaseUrl: string,
  regieId: string,
  report: BillingSeedReport,
  say: (line: string) => void,
): Promise<void> {
  const dataSource = app.get(DataSource);
  const client = new Client({ connectionString: identityDatabaseUrl });
  await client.connect();
  const account = await client
    .query<{ id: string }>('SELECT id FROM accounts WHERE email = $1', [DEMO_DEBTOR.email])
    .finally(() => client.end());
  const accountId = account.rows[0]?.id;
  if (!accountId) return;
  const existing = await dataSource.query<unknown[]>(
    `SELECT 1 FROM sepa_mandates m JOIN households h ON h.id = m.household_id
     WHERE m.regie_id = $1 AND h.guardians @> $2::jsonb`,
    [regieId, JSON.stringify([{ accountId }])],
  );
  if (existing.length) return;
  const today = DateTime.now().setZone(ZONE).toISODate()!;
  try {
    await app.get(ManageMandates).createMine(
      { kind: 'family', accountId },
      await validated(CreateMyMandateCommand, {
        regieId,
        debtorName: DEMO_DEBTOR.debtorName,
        iban: DEMO_DEBTOR.iban,
        bic: DEMO_DEBTOR.bic,
        signedOn: today,
        consent: true,
      }),
    );
  } catch (error) {
    // No SEPA creditor for the régie (or no IBAN key): direct debit is off, nothing to seed.
    if (
      error instanceof DomainException &&
      error.envelope.code === SepaErrorCode.SEPA_NOT_CONFIGURED
    ) {
      return;
    }
    throw error;
  }
  report.mandates += 1;
  say(`  SEPA mandate of ${DEMO_DEBTOR.debtorName} with "${BILLED_REGIE}"`);
}

export async function seedBilling(options: BillingSeedOptions): Promise<BillingSeedReport> {
  const now = options.now ?? new Date();
  const month = billedMonth(now);
  const identity = await readIdentity(options.identityDatabaseUrl, options.adminEmail);
  const directory = await readDirectory(options.identityDatabaseUrl, options.adminEmail);
  const vichy = DEMO_REGIES.find((demo) => demo.name === BILLED_REGIE)!;
  const serviceIds = vichy.serviceCodes.map((code) => {
    const id = identity.services.get(code);
    if (!id)
      throw new Error(`No service ${code} of Vichy in identity: run the identity seed first`);
    return id;
  });
  const report: BillingSeedReport = {
    month,
    mandates: 0,
    regies: 0,
    tariffs: 0,
    bookings: 0,
    lateCancellations: 0,
    attendance: 0,
    monthLocks: 0,
    events: 0,
    invoices: 0,
  };
  await seedMonthOfAttendance(options, identity, serviceIds, month, report);
  // Issued once the month is over (a month billed ahead of today is issued the day after).
  const monthOver = DateTime.fromISO(`${month}-01T09:00`, { zone: ZONE }).plus({
    months: 1,
    days: 1,
  });
  const issuedAt = now < monthOver.toJSDate() ? monthOver.toJSDate() : now;
  await seedRegiesAndInvoices(options, directory, month, issuedAt, report);
  return report;
}

if (require.main === module) {
  runSeedStep(
    (say) =>
      seedBilling({
        billingDatabaseUrl: process.env.BILLING_DATABASE_URL ?? DEFAULT_BILLING_DATABASE_URL,
        reservationDatabaseUrl:
          process.env.RESERVATION_DATABASE_URL ?? DEFAULT_RESERVATION_DATABASE_URL,
        identityDatabaseUrl: process.env.DATABASE_URL ?? DEFAULT_IDENTITY_DATABASE_URL,
        adminEmail: process.env.SEED_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL,
        env: { LOG_LEVEL: 'warn', ...process.env },
        say,
      }),
    (report) =>
      report.regies +
      report.mandates +
      report.tariffs +
      report.bookings +
      report.attendance +
      report.events +
      report.invoices
        ? `Seeded billing (month ${report.month}): régies ${report.regies}, SEPA mandates ${report.mandates}, tariffs ${report.tariffs}, bookings ${report.bookings}, late cancellations ${report.lateCancellations}, attendance records ${report.attendance}, month locks ${report.monthLocks}, events copied ${report.events}, invoices ${report.invoices}.`
        : 'Demo régies, tariffs and invoices already present: nothing to do.',
  );
}

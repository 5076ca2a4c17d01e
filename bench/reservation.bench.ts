/**
 * reservation: the rentrée rush. Every family submits its child's recurring booking for the rest
 * of the school year at once, through the gateway (gateway → NATS → reservation: rights, rules of
 * every date, places taken set-based, bookings and outbox rows in one transaction), against a
 * raw multi-row INSERT of the same booking rows into a copy of the table, in the same run, at the
 * same concurrency: the baseline is what PostgreSQL alone costs to store them.
 *
 * Then, with the whole year booked, the family's month view (`GET /children/{id}/slots`) and the
 * agent's views of a day (`GET /agent/activities/{id}/bookings?day=`, the daily list until the
 * attendance list exists) and of a month (`…/occupancy`), p50/p99.
 *
 * The booking rights are inserted in reservation's database (what enrolment's accepted events
 * would leave); the family accounts are real (signed up, verified, logged in through the
 * gateway), BENCH_RESERVATION_ACCOUNTS of them sharing the children: an account's number of
 * children changes nothing to a request's work.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Pool, type Client } from 'pg';
import type { ActivityView, BookingRequestView } from '@portail/contracts';
import {
  integerFromEnv,
  type BenchContext,
  type BenchOutcome,
  type Benchmark,
} from './support/benchmark';
import { anAgent, createDirectory, SETUP_CONCURRENCY } from './support/enrolment-data';
import {
  aVerifiedFamily,
  anAdministrator,
  GatewayApi,
  inParallel,
  type Actor,
} from './support/portail-api';
import { freePort, waitForOk } from './support/processes';
import { environment, markdownTable, writeResults } from './support/report';
import { assertRunning, identityAndServiceRun, startProcess } from './support/run-resources';
import { summariseLatencies, wallClockMs, type LatencySummary } from './support/stats';

const NAME = 'reservation';
const DATABASE_PREFIX = 'portail_bench_resa_';
const STREAM_PREFIX = 'BENCH_RESA_';
const POOL_SIZE = 10;
const GATEWAY_RATE_LIMIT_PER_MINUTE = 1_000_000;
const ACCESS_TOKEN_TTL_S = 86_400;
const RAW_TABLE = 'bench_raw_bookings';
const DRAIN_TIMEOUT_MS = 300_000;
/** Meals and evening care, Monday, Tuesday, Thursday and Friday: a school week's usual pattern. */
const WEEKDAYS = [1, 2, 4, 5];

interface ReservationSettings {
  /** Families, one child each, submitting at once (BENCH_RESERVATION_FAMILIES, 2000). */
  families: number;
  /** Family accounts the children are spread over (BENCH_RESERVATION_ACCOUNTS, 20). */
  accounts: number;
  /** Requests in flight at once (BENCH_CONNECTIONS). */
  connections: number;
  /** Requests per view measurement (BENCH_RESERVATION_VIEW_REQUESTS, 300). */
  viewRequests: number;
}

interface Family {
  childId: string;
  actor: Actor;
  /** The school the child attends: families are spread over the town's schools. */
  siteId: string;
}

/** The schools a town of this size runs catering and care in (Vichy has about this many). */
const SCHOOLS = 10;

interface Submitted {
  latencyMs: number;
  status: number;
  view: BookingRequestView | null;
  body: string;
}

interface ViewFigures {
  path: string;
  requests: number;
  non2xx: number;
  latency: LatencySummary;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The current school year, as the bundled calendar names it (1 September to 31 August). */
function schoolYear(now = new Date()): { validFrom: string; validUntil: string } {
  const year = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return { validFrom: `${year}-09-01`, validUntil: `${year + 1}-08-31` };
}

async function timed(
  url: string,
  init: RequestInit,
): Promise<{ latencyMs: number; status: number; body: string }> {
  const start = wallClockMs();
  const response = await fetch(url, init);
  const body = await response.text();
  return { latencyMs: wallClockMs() - start, status: response.status, body };
}

/** One view, `requests` times at `concurrency`, over the given paths in turn. */
async function measureView(
  baseUrl: string,
  token: string,
  paths: string[],
  requests: number,
  concurrency: number,
): Promise<ViewFigures> {
  const latencies: number[] = [];
  let non2xx = 0;
  await inParallel(requests, concurrency, async (index) => {
    const answer = await timed(`${baseUrl}/api/v1${paths[index % paths.length]}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (answer.status < 200 || answer.status > 299) non2xx += 1;
    latencies.push(answer.latencyMs);
  });
  return { path: paths[0], requests, non2xx, latency: summariseLatencies(latencies) };
}

/** Waits until reservation's relay has published every event; how long it took, or null. */
async function drainOutbox(db: Client): Promise<number | null> {
  const start = wallClockMs();
  while (wallClockMs() - start < DRAIN_TIMEOUT_MS) {
    const { rows } = await db.query<{ pending: number }>(
      'SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL',
    );
    if (rows[0].pending === 0) return Math.round(wallClockMs() - start);
    await sleep(250);
  }
  return null;
}

async function run(context: BenchContext): Promise<BenchOutcome> {
  const { settings, log } = context;
  const own: ReservationSettings = {
    families: integerFromEnv('BENCH_RESERVATION_FAMILIES', 2000, 1, 100_000),
    accounts: integerFromEnv('BENCH_RESERVATION_ACCOUNTS', 20, 1, 1000),
    connections: settings.connections,
    viewRequests: integerFromEnv('BENCH_RESERVATION_VIEW_REQUESTS', 300, 1, 100_000),
  };
  const {
    runId,
    identityDatabase,
    serviceDatabase: reservationDatabase,
    common,
  } = await identityAndServiceRun(context, {
    databasePrefix: DATABASE_PREFIX,
    streamPrefix: STREAM_PREFIX,
    subjectPrefix: 'benchresa',
    service: 'reservation',
  });
  const identityDb = identityDatabase.client;
  const identityAccess = {
    db: identityDb,
    natsUrl: common.NATS_URL,
    subjectPrefix: common.NATS_SUBJECT_PREFIX,
  };
  const reservationDb = reservationDatabase.client;
  const [identityPort, reservationPort, gatewayPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const identity = startProcess(context, 'identity', 'dist/services/identity/src/main.js', {
    ...common,
    DATABASE_URL: identityDatabase.url,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    HTTP_PORT: String(identityPort),
    JWT_PRIVATE_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    ACCESS_TOKEN_TTL_S: String(ACCESS_TOKEN_TTL_S),
  });
  const reservation = startProcess(
    context,
    'reservation',
    'dist/services/reservation/src/main.js',
    {
      ...common,
      DATABASE_URL: reservationDatabase.url,
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      HTTP_PORT: String(reservationPort),
      // Every family at once: the requests wait their turn instead of being refused.
      MAX_QUEUED_REQUESTS: String(Math.max(256, own.families)),
    },
  );
  const gateway = startProcess(context, 'gateway', 'dist/services/gateway/src/main.js', {
    ...common,
    DATABASE_URL: undefined,
    HTTP_PORT: String(gatewayPort),
    RATE_LIMIT_PER_MINUTE: String(GATEWAY_RATE_LIMIT_PER_MINUTE),
    AUTH_RATE_LIMIT_PER_MINUTE: String(GATEWAY_RATE_LIMIT_PER_MINUTE),
    // A year of outcomes takes longer than a click.
    SERVICE_TIMEOUT_MS: '60000',
  });
  await waitForOk(identity, `http://127.0.0.1:${identityPort}/health/ready`, 60_000);
  await waitForOk(reservation, `http://127.0.0.1:${reservationPort}/health/ready`, 60_000);
  await waitForOk(gateway, `http://127.0.0.1:${gatewayPort}/health/ready`, 60_000);

  // -------------------------------------------------------------------------------------------
  // Set-up: an agent's activity (meals and evening care at the town's schools), families and rights.
  const setupStart = wallClockMs();
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const api = new GatewayApi(gatewayUrl);
  const admin = await anAdministrator(api, identityDb, `admin.${runId}@portail-famille.test`);
  const { organisationId, serviceIds } = await createDirectory(api, admin);
  const agent = await anAgent(api, admin, organisationId, serviceIds, runId);
  let activity = await api.call<ActivityView>('POST', '/agent/activities', {
    token: agent.accessToken,
    expect: 201,
    body: {
      municipalServiceId: serviceIds[0],
      code: 'restauration-scolaire',
      name: 'Restauration scolaire',
    },
  });
  for (const unit of [
    { code: 'repas', label: 'Repas du midi', kind: 'meal', startsAt: '11:30', endsAt: '13:30' },
    {
      code: 'garderie-soir',
      label: 'Garderie du soir',
      kind: 'evening-care',
      startsAt: '16:30',
      endsAt: '18:30',
    },
  ]) {
    activity = await api.call<ActivityView>('POST', `/agent/activities/${activity.id}/units`, {
      token: agent.accessToken,
      expect: 201,
      body: {
        ...unit,
        weekdays: WEEKDAYS,
        noticePolicy: { booking: { kind: 'workingDaysBefore', days: 2, at: '10:00' } },
      },
    });
  }
  const schools = Math.min(SCHOOLS, own.families);
  for (let school = 1; school <= schools; school += 1) {
    activity = await api.call<ActivityView>('POST', `/agent/activities/${activity.id}/sites`, {
      token: agent.accessToken,
      expect: 201,
      body: { name: `Groupe scolaire n° ${school}` },
    });
  }
  const siteIds = activity.sites.map((site) => site.id);
  // A full house: every counter ends exactly at its capacity, never above.
  for (const [school, siteId] of siteIds.entries()) {
    const pupils = Math.floor(own.families / schools) + (school < own.families % schools ? 1 : 0);
    for (const unit of activity.units) {
      await api.call('PUT', `/agent/activities/${activity.id}/capacities`, {
        token: agent.accessToken,
        body: { unitId: unit.id, siteId, capacity: pupils },
      });
    }
  }
  log(`creating ${own.accounts} family accounts`);
  const accounts = await inParallel(own.accounts, SETUP_CONCURRENCY, (index) =>
    aVerifiedFamily(api, identityAccess, {
      email: `famille.${runId}.${index}@example.fr`,
      firstName: 'Camille',
      lastName: 'Dumas',
    }),
  );
  const families: Family[] = Array.from({ length: own.families }, (_, index) => ({
    childId: randomUUID(),
    actor: accounts[index % accounts.length],
    siteId: siteIds[index % siteIds.length],
  }));
  const { validFrom, validUntil } = schoolYear();
  await reservationDb.query(
    `INSERT INTO booking_rights (id, organisation_id, municipal_service_id, activity_code, billing,
       household_id, child_id, child_first_name, child_last_name, account_ids, valid_from,
       valid_until)
     SELECT gen_random_uuid(), $1, $2, 'restauration-scolaire', 'post-billing', f.account, f.child,
            'Enfant ' || f.n, 'Dumas', ARRAY[f.account], $3, $4
       FROM unnest($5::uuid[], $6::uuid[]) WITH ORDINALITY AS f(child, account, n)`,
    [
      organisationId,
      serviceIds[0],
      validFrom,
      validUntil,
      families.map((family) => family.childId),
      families.map((family) => family.actor.accountId),
    ],
  );
  const setupS = round2((wallClockMs() - setupStart) / 1000);
  log(`set-up done in ${setupS} s; rights ${validFrom} → ${validUntil}`);

  // -------------------------------------------------------------------------------------------
  // The rush through the gateway: every family's pattern at once, BENCH_CONNECTIONS in flight.
  const body = {
    activityId: activity.id,
    units: activity.units.map((unit) => ({ unitId: unit.id, weekdays: WEEKDAYS })),
  };
  const submit = (family: Family, dryRun = false) =>
    timed(`${gatewayUrl}/api/v1/children/${family.childId}/recurring-bookings`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${family.actor.accessToken}`,
      },
      body: JSON.stringify({ ...body, siteId: family.siteId, dryRun }),
    });
  // The summary of the first family: what the rush must give every family.
  const preview = await submit(families[0], true);
  if (preview.status !== 200)
    throw new Error(`The summary answered ${preview.status}: ${preview.body}`);
  // The first days of the pattern may already be past their notice period: refused, not booked.
  const expectedDays = (JSON.parse(preview.body) as BookingRequestView).outcomes.filter(
    (outcome) => outcome.status === 'booked',
  ).length;
  if (expectedDays === 0) throw new Error('The pattern books no day: is the school year over?');
  log(
    `rush: ${own.families} families × ${expectedDays} booking-days, ${own.connections} in flight`,
  );
  const rushStart = wallClockMs();
  const answers: Submitted[] = await inParallel(own.families, own.connections, async (index) => {
    const answer = await submit(families[index]);
    return {
      ...answer,
      view: answer.status === 200 ? (JSON.parse(answer.body) as BookingRequestView) : null,
    };
  });
  const rushMs = wallClockMs() - rushStart;
  assertRunning([identity, reservation, gateway]);

  const problems: string[] = [];
  const failed = answers.filter((answer) => answer.status !== 200);
  if (failed.length) {
    problems.push(
      `${failed.length} requests answered non-2xx (first: ${failed[0].status} ${failed[0].body.slice(0, 300)})`,
    );
  }
  const outcomes = answers.flatMap((answer) => answer.view?.outcomes ?? []);
  const bookedDays = outcomes.filter((o) => o.status === 'booked').length;
  if (bookedDays !== own.families * expectedDays) {
    problems.push(`${bookedDays} booking-days booked instead of ${own.families * expectedDays}`);
  }
  const { rows: stored } = await reservationDb.query<{
    bookings: number;
    over: number;
    full: number;
  }>(
    `SELECT (SELECT count(*) FROM bookings WHERE status = 'booked')::int AS bookings,
            (SELECT count(*) FROM slot_counters WHERE booked > capacity)::int AS over,
            (SELECT count(*) FROM slot_counters WHERE booked = capacity)::int AS full`,
  );
  if (stored[0].bookings !== bookedDays) {
    problems.push(`${stored[0].bookings} bookings stored for ${bookedDays} answered`);
  }
  if (stored[0].over > 0) problems.push(`${stored[0].over} counters above their capacity`);

  // -------------------------------------------------------------------------------------------
  // The baseline: the same booking rows, one multi-row INSERT per family, same concurrency.
  await reservationDb.query(`CREATE TABLE ${RAW_TABLE} (LIKE bookings INCLUDING ALL)`);
  const right = await reservationDb.query<{ child_id: string; id: string }>(
    'SELECT child_id, id FROM booking_rights',
  );
  const rightOf = new Map(right.rows.map((row) => [row.child_id, row.id]));
  const pool = new Pool({ connectionString: reservationDatabase.url, max: POOL_SIZE });
  context.defer('close the baseline pool', () => pool.end());
  const now = new Date();
  const rawStart = wallClockMs();
  await inParallel(own.families, own.connections, async (index) => {
    const family = families[index];
    const rows = answers[index].view?.outcomes.filter((o) => o.status === 'booked') ?? [];
    if (!rows.length) return;
    const values: unknown[] = [];
    const tuples = rows.map((outcome, row) => {
      values.push(
        randomUUID(),
        rightOf.get(family.childId),
        family.childId,
        family.actor.accountId,
        activity.id,
        outcome.unitId,
        family.siteId,
        outcome.day,
        'booked',
        family.actor.accountId,
        now,
      );
      const base = row * 11;
      return `(${Array.from({ length: 11 }, (_, column) => `$${base + column + 1}`).join(', ')})`;
    });
    await pool.query(
      `INSERT INTO ${RAW_TABLE} (id, right_id, child_id, household_id, activity_id, unit_id,
         site_id, day, status, requested_by, requested_at)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  });
  const rawMs = wallClockMs() - rawStart;
  // Both sides hold the same rows: the same child, unit and day, booked.
  const { rows: differences } = await reservationDb.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       (SELECT child_id, unit_id, day, status FROM bookings
        EXCEPT SELECT child_id, unit_id, day, status FROM ${RAW_TABLE})
       UNION ALL
       (SELECT child_id, unit_id, day, status FROM ${RAW_TABLE}
        EXCEPT SELECT child_id, unit_id, day, status FROM bookings)) d`,
  );
  if (differences[0].n !== 0) {
    problems.push(`the gateway's bookings and the raw INSERT's differ by ${differences[0].n} rows`);
  }

  // -------------------------------------------------------------------------------------------
  // Views with the whole year booked.
  const drainedMs = await drainOutbox(reservationDb);
  const days = [...new Set(outcomes.map((o) => o.day))].sort();
  const middleDay = days[Math.floor(days.length / 2)];
  const month = middleDay.slice(0, 7);
  const monthDays = days.filter((day) => day.startsWith(month));
  const viewConnections = Math.min(8, own.connections);
  const sample = families[0];
  const monthView = await timed(
    `${gatewayUrl}/api/v1/children/${sample.childId}/slots?month=${month}`,
    {
      headers: { authorization: `Bearer ${sample.actor.accessToken}` },
    },
  );
  if (monthView.status !== 200 || !(JSON.parse(monthView.body) as unknown[]).length) {
    throw new Error(`The month view answered ${monthView.status}: ${monthView.body.slice(0, 300)}`);
  }
  const views: Record<string, ViewFigures> = {};
  const byAccount = new Map<string, Family[]>();
  for (const family of families) {
    byAccount.set(family.actor.accountId, [
      ...(byAccount.get(family.actor.accountId) ?? []),
      family,
    ]);
  }
  views.childMonth = await measureView(
    gatewayUrl,
    sample.actor.accessToken,
    (byAccount.get(sample.actor.accountId) ?? [sample]).map(
      (family) => `/children/${family.childId}/slots?month=${month}`,
    ),
    own.viewRequests,
    viewConnections,
  );
  views.agentDay = await measureView(
    gatewayUrl,
    agent.accessToken,
    monthDays.map((day) => `/agent/activities/${activity.id}/bookings?day=${day}`),
    own.viewRequests,
    viewConnections,
  );
  views.agentMonth = await measureView(
    gatewayUrl,
    agent.accessToken,
    [
      `/agent/activities/${activity.id}/occupancy?from=${month}-01&to=${monthDays[monthDays.length - 1]}`,
    ],
    own.viewRequests,
    viewConnections,
  );
  for (const [name, figures] of Object.entries(views)) {
    if (figures.non2xx) problems.push(`${name}: ${figures.non2xx} non-2xx answers`);
  }
  assertRunning([identity, reservation, gateway]);

  // -------------------------------------------------------------------------------------------
  const gatewayRate = bookedDays / (rushMs / 1000);
  const rawRate = bookedDays / (rawMs / 1000);
  const latencies = summariseLatencies(answers.map((answer) => answer.latencyMs));
  const ratio = round2(gatewayRate / rawRate);
  const valid = problems.length === 0;
  const results = {
    name: NAME,
    date: new Date().toISOString(),
    environment: environment(),
    settings: { ...own, poolSize: POOL_SIZE, weekdays: WEEKDAYS, units: activity.units.length },
    schoolYear: { validFrom, validUntil },
    setupS,
    rush: {
      requests: own.families,
      bookingDaysPerFamily: expectedDays,
      bookingDays: bookedDays,
      totalS: round2(rushMs / 1000),
      bookingDaysPerSecond: Math.round(gatewayRate),
      requestLatencyMs: latencies,
      eventsDrainedAfterS: drainedMs === null ? null : round2(drainedMs / 1000),
    },
    raw: {
      totalS: round2(rawMs / 1000),
      bookingDaysPerSecond: Math.round(rawRate),
    },
    ratio,
    views,
    problems,
    valid,
  };
  const rows = [
    [
      'rush through the gateway',
      String(bookedDays),
      String(round2(rushMs / 1000)),
      String(Math.round(gatewayRate)),
      String(latencies.p50),
      String(latencies.p99),
    ],
    [
      'raw multi-row INSERT',
      String(bookedDays),
      String(round2(rawMs / 1000)),
      String(Math.round(rawRate)),
      '',
      '',
    ],
    ['ratio (gateway ÷ raw)', '', '', String(ratio), '', ''],
  ];
  const viewRows = Object.entries(views).map(([name, figures]) => [
    name,
    figures.path,
    String(figures.requests),
    String(figures.latency.p50),
    String(figures.latency.p99),
  ]);
  const env = environment();
  const summary =
    `## reservation (${results.date.slice(0, 10)} · Node ${env.node} · ${env.cpuCount} CPU (${env.cpuModel}))\n\n` +
    `${own.families} families × ${expectedDays} booking-days (meals and evening care, ${WEEKDAYS.length} days a week, the rest of the school year ${validFrom.slice(0, 4)}-${validUntil.slice(0, 4)}), ${own.connections} requests in flight, ${own.accounts} accounts.\n\n` +
    markdownTable(
      ['target', 'booking-days', 'total s', 'booking-days/s', 'request p50 ms', 'request p99 ms'],
      rows,
      [false, true, true, true, true, true],
    ) +
    `\n\nEvents published ${drainedMs === null ? 'not within 300 s' : `${round2(drainedMs / 1000)} s after the rush`}.\n\n` +
    markdownTable(['view (whole year booked)', 'path', 'requests', 'p50 ms', 'p99 ms'], viewRows, [
      false,
      false,
      true,
      true,
      true,
    ]) +
    (problems.length ? `\n\nProblems:\n${problems.map((p) => `- ${p}`).join('\n')}` : '');
  await writeResults(context.resultsDir, NAME, results, summary);
  return { valid, summary };
}

export const benchmark: Benchmark = {
  name: NAME,
  description:
    'Rentrée rush: every family books its school year at once through the gateway vs a raw multi-row INSERT; month and day views',
  run,
};

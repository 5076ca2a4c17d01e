/**
 * enrolment: what submitting an application, uploading a supporting document and the agents'
 * list of applications cost through the architecture, against a bare Fastify + pg server
 * (bench/support/enrolment-bare-server.ts) doing the same database work in one process.
 *
 * Phase "submit": `POST /api/v1/me/applications/{id}/submit` of drafts prepared beforehand
 *   (a child of the family's household, answers complete, a ~100 KB PDF attached), each draft
 *   submitted once, at a few concurrency levels. Gateway → NATS → enrolment → identity (the
 *   household profile, over NATS) → answers and documents checked → a place taken → history
 *   and outbox in one transaction; then the relay publishes the event and identity handles it.
 *   The bare server locks the application, checks the document rows, takes the place, updates
 *   the application, inserts the history and an outbox row. The drafts are put back between
 *   measurements, so both targets submit the same drafts in the same order.
 * Phase "upload": `POST /api/v1/me/documents` with the ~100 KB PDF as the body.
 * Phase "list": `GET /api/v1/agent/applications` with BENCH_LIST_APPLICATIONS applications
 *   inserted in bulk, for an agent of every service, with a few filters; plus the plan and
 *   execution time of its two queries, the page and the total (`EXPLAIN ANALYZE`).
 *
 * Every process is a `node` child from dist/. The run has its databases, a NATS subject prefix
 * and an events stream of its own; all are removed at the end, and left-overs of a killed run
 * at the start of the next one.
 */
import { generateKeyPairSync } from 'node:crypto';
import { loadavg } from 'node:os';
import type { Client } from 'pg';
import type { ApplicationsPage, ApplicationView, ProcedureView } from '@portail/contracts';
import {
  integerFromEnv,
  type BenchContext,
  type BenchOutcome,
  type Benchmark,
} from './support/benchmark';
import {
  aFamily,
  anAgent,
  createDirectory,
  DOCUMENT_TYPE,
  insertListApplications,
  listProcedures,
  PDF_BYTES,
  prepareDrafts,
  SEARCHED_NAME,
  seasonOf,
  SETUP_CONCURRENCY,
  shiftSeason,
  submitProcedures,
  uploadRequest,
  type Draft,
  type Family,
  type TargetName,
} from './support/enrolment-data';
import {
  agentListQuery,
  BARE_OUTBOX_TABLE,
  DEFAULT_PAGE_SIZE,
  queryString,
  type AgentListFilters,
} from './support/enrolment-sql';
import {
  measure,
  problemsOf,
  summarise,
  warmUp,
  type LoadOptions,
  type Measurement,
  type RequestParts,
  type TargetFigures,
} from './support/load';
import { aScannedPdf } from './support/pdf';
import { anAdministrator, GatewayApi, inParallel, type Actor } from './support/portail-api';
import { freePort, waitForOk } from './support/processes';
import { assertSameAnswerShape, type SampleAnswer } from './support/smoke';
import { environment, markdownTable, writeResults } from './support/report';
import { assertRunning, identityAndServiceRun, startProcess } from './support/run-resources';
import { wallClockMs } from './support/stats';

const NAME = 'enrolment';
const DATABASE_PREFIX = 'portail_bench_enrol_';
const STREAM_PREFIX = 'BENCH_ENROL_';
const POOL_SIZE = 10;
/** The highest values the gateway's configuration accepts (services/gateway/src/config.ts). */
const GATEWAY_RATE_LIMIT_PER_MINUTE = 1_000_000;
/** Access tokens outlive any run. */
const ACCESS_TOKEN_TTL_S = 86_400;
const SUBMITTED_EVENT = 'enrolment.application.submitted';
/** How long the services may take to finish and hand on what a measurement started. */
const SETTLE_TIMEOUT_MS = 120_000;
/** How long identity may take to handle the first submitted event before it is taken not to. */
const IDENTITY_HANDLING_WAIT_MS = 15_000;
/** A list query taking this long on its own (`EXPLAIN ANALYZE`) is reported as slow. */
const SLOW_QUERY_MS = 10;

type ListQueryName = 'all' | 'status' | 'procedure' | 'childName' | 'dateRange' | 'deepPage';

interface EnrolmentSettings {
  /** Families (one child each), made through the gateway (BENCH_ENROLMENT_FAMILIES, 50). */
  families: number;
  /** Drafts to submit (BENCH_SUBMIT_DRAFTS, 3000; rounded up to a multiple of the families). */
  drafts: number;
  /** Concurrency levels of the submit phase (BENCH_SUBMIT_CONNECTIONS, "1,8,32"). */
  submitConnections: number[];
  /** Connections of the upload phase (BENCH_UPLOAD_CONNECTIONS, 8). */
  uploadConnections: number;
  /** Applications inserted for the list phase (BENCH_LIST_APPLICATIONS, 50000). */
  listApplications: number;
  /** Connections of the list phase (BENCH_LIST_CONNECTIONS, 8). */
  listConnections: number;
  /** Measured seconds per target of each upload and list measurement (BENCH_LIST_DURATION_S, 5). */
  shortDurationS: number;
}

interface Target {
  name: TargetName;
  label: string;
  baseUrl: string;
}

/** The services' databases, and whether identity handles enrolment's submitted events. */
interface Databases {
  enrolment: Client;
  identity: Client;
  identityHandlesSubmissions: boolean;
}

interface Setup {
  agent: Actor;
  serviceIds: string[];
  families: Family[];
  submitProcedureIds: string[];
  listProcedures: ProcedureView[];
  /** Every draft to submit, in the order both targets submit them. */
  pool: Draft[];
  currentSeason: string;
  pdf: Buffer;
}

interface SubmitLevel {
  connections: number;
  figures: Record<TargetName, TargetFigures>;
  /** Submissions per second, unrounded. */
  perSecond: Record<TargetName, number>;
  /** From the last response until every event was published and handled by identity. */
  eventsDrainedMs: number;
  checks: Record<TargetName, SubmitCheck>;
  ratio: { perSecond: number; latencyP50: number; latencyP99: number };
}

interface SubmitCheck {
  answered: number;
  submitted: number;
  placesTaken: number;
  historyRows: number;
  outboxRows: number;
}

interface UploadPhase {
  connections: number;
  durationS: number;
  bytes: number;
  figures: Record<TargetName, TargetFigures>;
  perSecond: Record<TargetName, number>;
  megabytesPerSecond: Record<TargetName, number>;
  ratio: { perSecond: number; latencyP50: number; latencyP99: number };
}

interface ListQuery {
  name: ListQueryName;
  label: string;
  filters: AgentListFilters;
}

interface PlanSummary {
  executionMs: number;
  planningMs: number;
  /** How `applications` is read, e.g. "Seq Scan", "Index Scan using applications_procedure_idx". */
  applicationsAccess: string[];
  sortMethod: string | null;
  seqScan: boolean;
  /** Rows of `applications` the scans returned or filtered out (what the query read). */
  applicationsRowsRead: number;
  /** Rows the `count(*) OVER ()` window went through (every matching row), if any. */
  windowRows: number | null;
}

interface ListResult {
  query: ListQuery;
  path: string;
  total: number;
  figures: Record<TargetName, TargetFigures>;
  ratio: { requestsPerSecond: number; latencyP50: number; latencyP99: number };
  /** The two queries of the use case, run alone: the page and the total. */
  plans: Record<ListQueryKind, PlanSummary>;
}

type ListQueryKind = 'page' | 'count';

function loadEnrolmentSettings(): EnrolmentSettings {
  const families = integerFromEnv('BENCH_ENROLMENT_FAMILIES', 50, 1, 1000);
  const drafts = integerFromEnv('BENCH_SUBMIT_DRAFTS', 3000, 1, 100_000);
  const rawLevels = process.env.BENCH_SUBMIT_CONNECTIONS?.trim() || '1,8,32';
  const submitConnections = rawLevels.split(',').map((raw) => Number(raw.trim()));
  if (submitConnections.some((level) => !Number.isInteger(level) || level < 1 || level > 1000)) {
    throw new Error(
      `BENCH_SUBMIT_CONNECTIONS must be integers from 1 to 1000, comma-separated (got "${rawLevels}")`,
    );
  }
  const settings: EnrolmentSettings = {
    families,
    drafts: Math.ceil(drafts / families) * families,
    submitConnections,
    uploadConnections: integerFromEnv('BENCH_UPLOAD_CONNECTIONS', 8, 1, 1000),
    listApplications: integerFromEnv('BENCH_LIST_APPLICATIONS', 50_000, 1000, 5_000_000),
    listConnections: integerFromEnv('BENCH_LIST_CONNECTIONS', 8, 1, 1000),
    shortDurationS: integerFromEnv('BENCH_LIST_DURATION_S', 5, 1, 3600),
  };
  // enrolment keeps at most 5 uploads in progress per account: more would drop some.
  if (settings.uploadConnections > families * 5) {
    throw new Error('BENCH_UPLOAD_CONNECTIONS must not exceed 5 × BENCH_ENROLMENT_FAMILIES');
  }
  if (Math.max(...submitConnections) > settings.drafts) {
    throw new Error('BENCH_SUBMIT_CONNECTIONS must not exceed BENCH_SUBMIT_DRAFTS');
  }
  return settings;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round2 = (value: number) => Math.round(value * 100) / 100;
const round3 = (value: number) => Math.round(value * 1000) / 1000;

// ---------------------------------------------------------------------------------------------
// Checks and bookkeeping between measurements.

interface Counters {
  submitted: number;
  places: number;
  history: number;
  events: number;
  bareEvents: number;
}

async function counters(enrolmentDb: Client, setup: Setup): Promise<Counters> {
  const { rows } = await enrolmentDb.query<Counters>(
    `SELECT
       (SELECT count(*) FROM applications
         WHERE id = ANY($1::uuid[]) AND status = 'submitted')::int AS submitted,
       (SELECT COALESCE(sum(places_taken), 0) FROM procedures WHERE id = ANY($2::uuid[]))::int AS places,
       (SELECT count(*) FROM application_history
         WHERE application_id = ANY($1::uuid[]) AND status = 'submitted')::int AS history,
       (SELECT count(*) FROM outbox WHERE type = $3)::int AS events,
       (SELECT count(*) FROM ${BARE_OUTBOX_TABLE})::int AS "bareEvents"`,
    [setup.pool.map((draft) => draft.id), setup.submitProcedureIds, SUBMITTED_EVENT],
  );
  return rows[0];
}

/** The drafts as they were: nothing submitted, no place taken (the events stay in the outboxes). */
async function resetDrafts(enrolmentDb: Client, setup: Setup): Promise<void> {
  const ids = setup.pool.map((draft) => draft.id);
  await enrolmentDb.query(
    `UPDATE applications
        SET status = 'draft', submitted_at = NULL, holds_place = false, message = NULL,
            decided_at = NULL, updated_at = created_at
      WHERE id = ANY($1::uuid[]) AND status <> 'draft'`,
    [ids],
  );
  await enrolmentDb.query(
    `DELETE FROM application_history WHERE application_id = ANY($1::uuid[]) AND status <> 'draft'`,
    [ids],
  );
  await enrolmentDb.query(
    'UPDATE procedures SET places_taken = 0 WHERE id = ANY($1::uuid[]) AND places_taken <> 0',
    [setup.submitProcedureIds],
  );
  // The same table state for every measurement: no dead rows left by the one before.
  await enrolmentDb.query('VACUUM applications, application_history, procedures');
}

/**
 * Waits until the services have finished what the load started: no transaction running on
 * enrolment's database (requests still in progress when the client hung up), nothing left in
 * its outbox, and every submitted event handled by identity. Returns how long it took.
 */
async function settle(db: Databases): Promise<number> {
  const start = wallClockMs();
  let previous = '';
  while (wallClockMs() - start < SETTLE_TIMEOUT_MS) {
    const enrolment = await db.enrolment.query<{ busy: number; pending: number; events: number }>(
      `SELECT
         (SELECT count(*) FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid()
             AND backend_type = 'client backend'
             AND (state = 'active' OR state LIKE 'idle in transaction%'))::int AS busy,
         (SELECT count(*) FROM outbox WHERE published_at IS NULL)::int AS pending,
         (SELECT count(*) FROM outbox WHERE type = $1)::int AS events`,
      [SUBMITTED_EVENT],
    );
    const { busy, pending, events } = enrolment.rows[0];
    const handled = db.identityHandlesSubmissions ? await handledByIdentity(db) : events;
    const state = `${busy} ${pending} ${events} ${handled}`;
    if (busy === 0 && pending === 0 && handled >= events && state === previous) {
      return Math.round(wallClockMs() - start);
    }
    previous = state;
    await sleep(100);
  }
  throw new Error(`The services were still busy ${SETTLE_TIMEOUT_MS} ms after the load`);
}

async function handledByIdentity(db: Databases): Promise<number> {
  const { rows } = await db.identity.query<{ handled: number }>(
    'SELECT count(*)::int AS handled FROM inbox WHERE type = $1',
    [SUBMITTED_EVENT],
  );
  return rows[0].handled;
}

/** What one submitted application looks like in the answer of each target. */
function shapeOfSubmitted(body: string, draft: Draft): string {
  const view = JSON.parse(body) as Partial<ApplicationView>;
  return JSON.stringify({
    id: view.id === draft.id,
    status: view.status,
    documents: view.documents?.map((document) => [document.documentType, document.documentId]),
    history: view.history?.map((entry) => [entry.status, entry.actor.kind]),
  });
}

/**
 * Both targets submit a draft with the same answer and the same writes; then both are put
 * back. Also finds out whether identity handles the submitted event (it links the household
 * to the service), so that `settle` waits for it.
 */
async function checkSubmitEquivalent(
  targets: Target[],
  setup: Setup,
  db: Databases,
  log: (message: string) => void,
): Promise<void> {
  const before = await counters(db.enrolment, setup);
  const handledBefore = await handledByIdentity(db);
  const shapes: string[] = [];
  for (const [index, target] of targets.entries()) {
    const draft = setup.pool[index];
    const parts = submitRequest(target.name, draft);
    const response = await fetch(`${target.baseUrl}${parts.path}`, {
      method: 'POST',
      headers: parts.headers,
    });
    const body = await response.text();
    if (response.status !== 200) {
      throw new Error(`${target.label} answered ${response.status} to a submission: ${body}`);
    }
    shapes.push(shapeOfSubmitted(body, draft));
  }
  const expected = JSON.stringify({
    id: true,
    status: 'submitted',
    documents: [[DOCUMENT_TYPE, setup.pool[0].family.documentId]],
    history: [
      ['draft', 'family'],
      ['submitted', 'family'],
    ],
  });
  if (shapes[0] !== expected) {
    throw new Error(`Unexpected submission through ${targets[0].label}: ${shapes[0]}`);
  }
  const bareShape = shapes[1].replace(setup.pool[1].family.documentId, '');
  const gatewayShape = shapes[0].replace(setup.pool[0].family.documentId, '');
  if (bareShape !== gatewayShape) {
    throw new Error(`The submissions of both targets differ:\n${shapes.join('\n')}`);
  }
  await settle(db);
  const deadline = wallClockMs() + IDENTITY_HANDLING_WAIT_MS;
  while (!db.identityHandlesSubmissions && wallClockMs() < deadline) {
    db.identityHandlesSubmissions = (await handledByIdentity(db)) > handledBefore;
    if (!db.identityHandlesSubmissions) await sleep(100);
  }
  if (!db.identityHandlesSubmissions) {
    log(`identity did not handle ${SUBMITTED_EVENT}: the benchmark does not wait for it`);
  }
  const after = await counters(db.enrolment, setup);
  const delta = {
    submitted: after.submitted - before.submitted,
    places: after.places - before.places,
    history: after.history - before.history,
    events: after.events - before.events,
    bareEvents: after.bareEvents - before.bareEvents,
  };
  if (
    JSON.stringify(delta) !==
    JSON.stringify({ submitted: 2, places: 2, history: 2, events: 1, bareEvents: 1 })
  ) {
    throw new Error(`The submissions did not write what was expected: ${JSON.stringify(delta)}`);
  }
  await resetDrafts(db.enrolment, setup);
}

/** Both targets list the same applications in the same order, with the same total. */
async function checkListEquivalent(
  targets: Target[],
  agent: Actor,
  query: ListQuery,
): Promise<number> {
  const pages: ApplicationsPage[] = [];
  const answers: SampleAnswer[] = [];
  for (const target of targets) {
    const parts = listRequest(target.name, agent, query);
    const response = await fetch(`${target.baseUrl}${parts.path}`, { headers: parts.headers });
    const body = await response.text();
    if (response.status !== 200) {
      throw new Error(`${target.label} answered ${response.status} to ${parts.path}: ${body}`);
    }
    answers.push({ label: target.label, status: response.status, body });
    pages.push(JSON.parse(body) as ApplicationsPage);
  }
  assertSameAnswerShape(`GET /api/v1/agent/applications (${query.label})`, answers);
  const shape = (page: ApplicationsPage) =>
    JSON.stringify({ total: page.total, ids: page.items.map((item) => item.id) });
  if (shape(pages[0]) !== shape(pages[1])) {
    throw new Error(
      `${query.label}: the targets list different applications:\n${pages.map(shape).join('\n')}`,
    );
  }
  if (pages[0].total === 0 || pages[0].items.length === 0) {
    throw new Error(`${query.label}: nothing listed (total ${pages[0].total})`);
  }
  return pages[0].total;
}

// ---------------------------------------------------------------------------------------------
// Requests.

function submitRequest(target: TargetName, draft: Draft): RequestParts {
  return {
    method: 'POST',
    path: `/api/v1/me/applications/${draft.id}/submit`,
    headers:
      target === 'gateway' ? { authorization: `Bearer ${draft.family.actor.accessToken}` } : {},
  };
}

function listRequest(target: TargetName, agent: Actor, query: ListQuery): RequestParts {
  return {
    method: 'GET',
    path: `/api/v1/agent/applications${queryString(query.filters)}`,
    headers: target === 'gateway' ? { authorization: `Bearer ${agent.accessToken}` } : {},
  };
}

/** Each call gives the next draft: every draft is submitted once per measurement. */
function submissions(target: TargetName, pool: Draft[]): () => RequestParts {
  let next = 0;
  return () => submitRequest(target, pool[next++ % pool.length]);
}

function roundRobin(items: RequestParts[]): () => RequestParts {
  let next = 0;
  return () => items[next++ % items.length];
}

// ---------------------------------------------------------------------------------------------
// Phases.

async function submitPhase(
  context: BenchContext,
  targets: Target[],
  setup: Setup,
  enrolmentSettings: EnrolmentSettings,
  db: Databases,
  problems: string[],
): Promise<SubmitLevel[]> {
  const { settings, log } = context;
  const warmed = new Set<TargetName>();
  const levels: SubmitLevel[] = [];
  for (const [levelIndex, connections] of enrolmentSettings.submitConnections.entries()) {
    const order = levelIndex % 2 === 0 ? targets : [...targets].reverse();
    const figures = {} as Record<TargetName, TargetFigures>;
    const checks = {} as Record<TargetName, SubmitCheck>;
    let eventsDrainedMs = 0;
    for (const target of order) {
      const load: LoadOptions = {
        url: `${target.baseUrl}/api/v1/me/applications`,
        connections,
        distinctClients: settings.distinctClients,
        durationS: settings.durationS,
        amount: setup.pool.length,
        nextRequest: submissions(target.name, setup.pool),
      };
      if (!warmed.has(target.name) && settings.warmupS > 0) {
        log(`submit, ${target.label}: warm-up ${settings.warmupS} s`);
        await measure({
          ...load,
          durationS: settings.warmupS,
          nextRequest: submissions(target.name, setup.pool),
        });
        await settle(db);
        await resetDrafts(db.enrolment, setup);
      }
      warmed.add(target.name);
      log(
        `submit, ${target.label}: ${connections} connection(s), at most ${settings.durationS} s or ${setup.pool.length} drafts`,
      );
      const before = await counters(db.enrolment, setup);
      const measurement: Measurement = await measure(load);
      const drained = await settle(db);
      if (target.name === 'gateway') eventsDrainedMs = drained;
      const after = await counters(db.enrolment, setup);
      const f = summarise([measurement]);
      figures[target.name] = f;
      const check: SubmitCheck = {
        answered: f.responses - f.non2xx,
        submitted: after.submitted - before.submitted,
        placesTaken: after.places - before.places,
        historyRows: after.history - before.history,
        outboxRows:
          target.name === 'gateway'
            ? after.events - before.events
            : after.bareEvents - before.bareEvents,
      };
      checks[target.name] = check;
      const name = `submit ${connections} ${target.name}`;
      problems.push(...problemsOf(name, f));
      // Requests in flight when a time-bounded run stopped still commit, unanswered.
      if (check.submitted < check.answered || check.submitted > check.answered + connections) {
        problems.push(
          `${name}: ${check.submitted} applications submitted for ${check.answered} answers`,
        );
      }
      for (const [what, value] of [
        ['places taken', check.placesTaken],
        ['history rows', check.historyRows],
        ['outbox rows', check.outboxRows],
      ] as const) {
        if (value !== check.submitted) {
          problems.push(`${name}: ${value} ${what} for ${check.submitted} submissions`);
        }
      }
      await resetDrafts(db.enrolment, setup);
    }
    const perSecond = {
      gateway: figures.gateway.responses / figures.gateway.durationS,
      bare: figures.bare.responses / figures.bare.durationS,
    };
    levels.push({
      connections,
      figures,
      perSecond,
      eventsDrainedMs,
      checks,
      ratio: {
        perSecond: perSecond.gateway / perSecond.bare,
        latencyP50: figures.gateway.latencyMs.p50 / figures.bare.latencyMs.p50,
        latencyP99: figures.gateway.latencyMs.p99 / figures.bare.latencyMs.p99,
      },
    });
  }
  return levels;
}

async function uploadPhase(
  context: BenchContext,
  targets: Target[],
  setup: Setup,
  enrolmentSettings: EnrolmentSettings,
  db: Databases,
  problems: string[],
): Promise<UploadPhase> {
  const { settings, log } = context;
  const connections = enrolmentSettings.uploadConnections;
  const durationS = enrolmentSettings.shortDurationS;
  const figures = {} as Record<TargetName, TargetFigures>;
  for (const target of targets) {
    const requests = setup.families.map((family) =>
      uploadRequest(target.name, family.actor, family.householdId, setup.pdf),
    );
    const load: LoadOptions = {
      url: `${target.baseUrl}/api/v1/me/documents`,
      connections,
      distinctClients: settings.distinctClients,
      durationS,
      nextRequest: roundRobin(requests),
    };
    log(`upload, ${target.label}: ${connections} connections, ${durationS} s`);
    await warmUp({ ...load, durationS: Math.min(settings.warmupS, 1) });
    await settle(db);
    figures[target.name] = summarise([await measure(load)]);
    await settle(db);
    problems.push(...problemsOf(`upload ${target.name}`, figures[target.name]));
  }
  const perSecond = {
    gateway: figures.gateway.responses / figures.gateway.durationS,
    bare: figures.bare.responses / figures.bare.durationS,
  };
  const megabytes = (uploads: number) => round2((uploads * setup.pdf.length) / 1e6);
  return {
    connections,
    durationS,
    bytes: setup.pdf.length,
    figures,
    perSecond,
    megabytesPerSecond: { gateway: megabytes(perSecond.gateway), bare: megabytes(perSecond.bare) },
    ratio: {
      perSecond: perSecond.gateway / perSecond.bare,
      latencyP50: figures.gateway.latencyMs.p50 / figures.bare.latencyMs.p50,
      latencyP99: figures.gateway.latencyMs.p99 / figures.bare.latencyMs.p99,
    },
  };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Sort Method'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

interface PlanWalk {
  access: string[];
  sorts: string[];
  rowsRead: number;
  windowRows: number | null;
}

function walkPlan(plan: PlanNode, walk: PlanWalk): void {
  const loops = plan['Actual Loops'] ?? 1;
  if (plan['Relation Name'] === 'applications') {
    walk.rowsRead += ((plan['Actual Rows'] ?? 0) + (plan['Rows Removed by Filter'] ?? 0)) * loops;
  }
  if (plan['Relation Name'] === 'applications' || plan['Node Type'] === 'Bitmap Index Scan') {
    const index = plan['Index Name'];
    if (plan['Node Type'] !== 'Bitmap Index Scan' || index?.startsWith('applications')) {
      walk.access.push(index ? `${plan['Node Type']} using ${index}` : plan['Node Type']);
    }
  }
  if (plan['Node Type'] === 'WindowAgg') walk.windowRows = (plan['Actual Rows'] ?? 0) * loops;
  if (plan['Sort Method']) walk.sorts.push(plan['Sort Method']);
  for (const child of plan.Plans ?? []) walkPlan(child, walk);
}

/** The plan of a query and its execution time (median of three runs). */
async function explain(enrolmentDb: Client, text: string, values: unknown[]): Promise<PlanSummary> {
  const runs: Array<{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }> = [];
  for (let run = 0; run < 3; run += 1) {
    const { rows } = await enrolmentDb.query<{
      'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }>;
    }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, values);
    runs.push(rows[0]['QUERY PLAN'][0]);
  }
  runs.sort((a, b) => a['Execution Time'] - b['Execution Time']);
  const median = runs[1];
  const walk: PlanWalk = { access: [], sorts: [], rowsRead: 0, windowRows: null };
  walkPlan(median.Plan, walk);
  return {
    executionMs: round2(median['Execution Time']),
    planningMs: round2(median['Planning Time']),
    applicationsAccess: [...new Set(walk.access)],
    sortMethod: walk.sorts[0] ?? null,
    seqScan: walk.access.some((node) => node.startsWith('Seq Scan')),
    applicationsRowsRead: walk.rowsRead,
    windowRows: walk.windowRows,
  };
}

async function listPhase(
  context: BenchContext,
  targets: Target[],
  setup: Setup,
  enrolmentSettings: EnrolmentSettings,
  enrolmentDb: Client,
  problems: string[],
): Promise<ListResult[]> {
  const { settings, log } = context;
  const previousSeason = shiftSeason(setup.currentSeason, -1);
  const september = `${previousSeason.slice(0, 4)}-09`;
  const procedure =
    setup.listProcedures.find((candidate) => candidate.season === setup.currentSeason) ??
    setup.listProcedures[0];
  const queries: ListQuery[] = [
    { name: 'all', label: 'no filter, page 1', filters: {} },
    { name: 'status', label: 'status=submitted', filters: { status: 'submitted' } },
    {
      name: 'procedure',
      label: 'procedureId (one procedure)',
      filters: { procedureId: procedure.id },
    },
    {
      name: 'childName',
      label: `childName=${SEARCHED_NAME}`,
      filters: { childName: SEARCHED_NAME },
    },
    {
      name: 'dateRange',
      label: `submitted in ${september}`,
      filters: { submittedFrom: `${september}-01`, submittedTo: `${september}-30` },
    },
    { name: 'deepPage', label: 'no filter, page 200', filters: { page: 200 } },
  ];
  const results: ListResult[] = [];
  for (const [index, query] of queries.entries()) {
    const total = await checkListEquivalent(targets, setup.agent, query);
    const sql = agentListQuery(setup.serviceIds, query.filters);
    const order = index % 2 === 0 ? targets : [...targets].reverse();
    const figures = {} as Record<TargetName, TargetFigures>;
    for (const target of order) {
      const parts = listRequest(target.name, setup.agent, query);
      const load: LoadOptions = {
        url: `${target.baseUrl}${parts.path}`,
        connections: enrolmentSettings.listConnections,
        distinctClients: settings.distinctClients,
        durationS: enrolmentSettings.shortDurationS,
        nextRequest: () => parts,
      };
      log(`list ${query.label}, ${target.label}: ${load.durationS} s`);
      await warmUp({ ...load, durationS: Math.min(settings.warmupS, 1) });
      figures[target.name] = summarise([await measure(load)]);
      problems.push(...problemsOf(`list ${query.name} ${target.name}`, figures[target.name]));
    }
    results.push({
      query,
      path: listRequest('gateway', setup.agent, query).path ?? '',
      total,
      figures,
      ratio: {
        requestsPerSecond: figures.gateway.requestsPerSecond / figures.bare.requestsPerSecond,
        latencyP50: figures.gateway.latencyMs.p50 / figures.bare.latencyMs.p50,
        latencyP99: figures.gateway.latencyMs.p99 / figures.bare.latencyMs.p99,
      },
      plans: {
        page: await explain(enrolmentDb, sql.pageText, sql.values),
        count: await explain(enrolmentDb, sql.countText, sql.values),
      },
    });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Report.

function format(value: number, digits = 2): string {
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

const ratio = (value: number) => `${format(value)}×`;

/** Why a list query is slow, as its plan shows it, and what would fix it. */
const SLOW_QUERY_CAUSES = {
  countWindow:
    '`count(*) OVER ()` goes through every matching row, each joined to its procedure, before ' +
    'the page is cut: no index avoids that. Count separately and serve the page from an index ' +
    'in the list order, `applications (submitted_at DESC NULLS FIRST, id DESC)`.',
  exactCount:
    'The exact total counts every matching row: its cost grows with them, not with the page. ' +
    'An index-only scan reads less than the table (e.g. an index on `applications ' +
    '(municipal_service_id, status) INCLUDE (filed_by_kind)`, with the visibility map kept ' +
    'current by autovacuum); beyond that, cap the count ("1 000+") or estimate it.',
  offsetPaging:
    'OFFSET pagination reads and throws away every row of the pages before (and, in list ' +
    'order, the families’ drafts first): keyset pagination, `WHERE (submitted_at, id) < ' +
    '(the last row seen)`, reads one page whatever its depth.',
  indexWalk:
    'The page walks the index in list order and throws away most of what it reads: an index ' +
    'leading with the filtered column, then the list order, stops at the page.',
  nameContains:
    "`child_search LIKE '%…%'` is read with a Seq Scan (a btree cannot serve a leading " +
    'wildcard): a trigram index serves it, `CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE ' +
    'INDEX … ON applications USING gin (child_search gin_trgm_ops)`.',
  seqScan: 'The whole table is read (Seq Scan).',
  diskSort: 'The sort spills to disk (more than work_mem).',
} as const;
type SlowQueryCause = keyof typeof SLOW_QUERY_CAUSES;

/** The causes a plan shows, when the query takes SLOW_QUERY_MS or more on its own. */
function slowQueryCauses(result: ListResult, kind: ListQueryKind): SlowQueryCause[] {
  const plan = result.plans[kind];
  if (plan.executionMs < SLOW_QUERY_MS) return [];
  const pageSize = result.query.filters.pageSize ?? DEFAULT_PAGE_SIZE;
  const wanted = pageSize * (result.query.filters.page ?? 1);
  const causes: SlowQueryCause[] = [];
  // The window dominates when most of what was read is counted, far more than one page.
  if (
    plan.windowRows !== null &&
    plan.windowRows > 10 * pageSize &&
    plan.windowRows >= plan.applicationsRowsRead / 2
  ) {
    causes.push('countWindow');
  }
  if (kind === 'count') causes.push('exactCount');
  if (result.query.name === 'childName' && plan.seqScan) causes.push('nameContains');
  else if (plan.seqScan && kind === 'page' && !causes.length) causes.push('seqScan');
  const skipped = wanted - pageSize;
  if (kind === 'page' && skipped > 0 && plan.applicationsRowsRead >= skipped) {
    causes.push('offsetPaging');
  } else if (kind === 'page' && !plan.seqScan && plan.applicationsRowsRead > 20 * wanted) {
    causes.push('indexWalk');
  }
  if (plan.sortMethod === 'external merge') causes.push('diskSort');
  return causes;
}

function slowQueryNotes(lists: ListResult[]): string[] {
  const seen: SlowQueryCause[] = [];
  const lines: string[] = [];
  for (const result of lists) {
    for (const kind of ['page', 'count'] as const) {
      const plan = result.plans[kind];
      if (plan.executionMs < SLOW_QUERY_MS) continue;
      const causes = slowQueryCauses(result, kind);
      for (const cause of causes) if (!seen.includes(cause)) seen.push(cause);
      const refs = causes.map((cause) => `[${seen.indexOf(cause) + 1}]`).join(' ');
      lines.push(
        `- **${result.query.label}**, ${kind} query (${format(result.total, 0)} matching): ` +
          `${format(plan.executionMs)} ms, ${format(plan.applicationsRowsRead, 0)} rows of ` +
          `applications read (${plan.applicationsAccess.join(', ')})${refs ? ` ${refs}` : ''}`,
      );
    }
  }
  if (!lines.length) return [];
  return [...lines, '', ...seen.map((cause, index) => `${index + 1}. ${SLOW_QUERY_CAUSES[cause]}`)];
}

function markdown(
  date: string,
  settings: BenchContext['settings'],
  enrolmentSettings: EnrolmentSettings,
  targets: Target[],
  submit: SubmitLevel[],
  uploads: UploadPhase,
  lists: ListResult[],
  setupS: number,
  loadAverage: { start: number[]; end: number[] },
  problems: string[],
): string {
  const env = environment();
  const label = (name: TargetName) => targets.find((target) => target.name === name)?.label ?? name;
  const submitRows: string[][] = [];
  for (const level of submit) {
    for (const name of ['gateway', 'bare'] as const) {
      const f = level.figures[name];
      submitRows.push([
        String(level.connections),
        label(name),
        format(level.perSecond[name], 1),
        format(f.latencyMs.p50),
        format(f.latencyMs.p99),
        String(f.responses),
        String(f.errors),
        String(f.non2xx),
      ]);
    }
    submitRows.push([
      String(level.connections),
      `gateway / bare (events drained ${format(level.eventsDrainedMs / 1000, 1)} s after)`,
      ratio(level.ratio.perSecond),
      ratio(level.ratio.latencyP50),
      ratio(level.ratio.latencyP99),
      '',
      '',
      '',
    ]);
  }
  const submitTable = markdownTable(
    ['conn.', 'target', 'submits/s', 'p50 ms', 'p99 ms', 'submits', 'errors', 'non-2xx'],
    submitRows,
    [true, false, true, true, true, true, true, true],
  );
  const uploadRows = (['gateway', 'bare'] as const).map((name) => {
    const f = uploads.figures[name];
    return [
      label(name),
      format(uploads.perSecond[name], 1),
      format(uploads.megabytesPerSecond[name]),
      format(f.latencyMs.p50),
      format(f.latencyMs.p99),
      String(f.errors),
      String(f.non2xx),
    ];
  });
  uploadRows.push([
    'gateway / bare',
    ratio(uploads.ratio.perSecond),
    '',
    ratio(uploads.ratio.latencyP50),
    ratio(uploads.ratio.latencyP99),
    '',
    '',
  ]);
  const uploadTable = markdownTable(
    ['target', 'uploads/s', 'MB/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'],
    uploadRows,
    [false, true, true, true, true, true, true],
  );
  const listRows = lists.map((result) => [
    result.query.label,
    format(result.total, 0),
    format(result.figures.gateway.requestsPerSecond, 0),
    format(result.figures.gateway.latencyMs.p50),
    format(result.figures.gateway.latencyMs.p99),
    format(result.figures.bare.requestsPerSecond, 0),
    format(result.figures.bare.latencyMs.p50),
    format(result.figures.bare.latencyMs.p99),
    ratio(result.ratio.latencyP50),
    format(result.plans.page.executionMs),
    format(result.plans.count.executionMs),
    result.plans.page.applicationsAccess.join(', '),
  ]);
  const listTable = markdownTable(
    [
      'query',
      'matching',
      'gw req/s',
      'gw p50',
      'gw p99',
      'bare req/s',
      'bare p50',
      'bare p99',
      'p50 ×',
      'page ms',
      'count ms',
      'the page reads applications by',
    ],
    listRows,
    [false, true, true, true, true, true, true, true, true, true, true, false],
  );
  const slowNotes = slowQueryNotes(lists);
  const clients = settings.distinctClients
    ? 'one client (X-Forwarded-For) per connection'
    : 'all connections as one client';
  return [
    `# ${NAME}`,
    '',
    'Submitting an application, uploading a supporting document and the agents’ list, through',
    'gateway → NATS → enrolment (→ identity) → PostgreSQL, against a bare Fastify + pg server',
    'doing the same database work in one process.',
    '',
    `${date} · Node ${env.node} · ${env.cpuCount} CPU (${env.cpuModel}) · ${clients} · ` +
      `set-up ${format(setupS, 1)} s · load average ${loadAverage.start.join(' ')} at start, ` +
      `${loadAverage.end.join(' ')} at end`,
    '',
    `## Submissions (\`POST /api/v1/me/applications/{id}/submit\`)`,
    '',
    `${submitSetupDescription(enrolmentSettings)} Each measurement submits drafts until ` +
      `${settings.durationS} s have passed or all ${enrolmentSettings.drafts} are submitted ` +
      `(then they are put back); warm-up ${settings.warmupS} s per target. The gateway's ` +
      'events are published and handled by identity during and after the measurement ' +
      '("drained": after the last answer).',
    '',
    submitTable,
    '',
    `## Document upload (\`POST /api/v1/me/documents\`, ${format(uploads.bytes / 1024, 0)} KiB PDF)`,
    '',
    `${uploads.connections} connections, ${uploads.durationS} s per target, round-robin over the families.`,
    '',
    uploadTable,
    '',
    `## Agents’ list (\`GET /api/v1/agent/applications\`, ${format(enrolmentSettings.listApplications, 0)} applications)`,
    '',
    `${enrolmentSettings.listConnections} connections, ${enrolmentSettings.shortDurationS} s per ` +
      'target and query, an agent of the 4 services (every application but families’ drafts); ' +
      'latencies in ms. Enrolment runs two queries per request, side by side: the page and the ' +
      'total; "page ms" and "count ms" are their `EXPLAIN ANALYZE` execution times, each alone ' +
      '(median of 3).',
    '',
    listTable,
    '',
    ...(slowNotes.length
      ? [`Queries taking ${SLOW_QUERY_MS} ms or more on their own:`, '', ...slowNotes, '']
      : [`No query takes ${SLOW_QUERY_MS} ms or more on its own.`, '']),
    problems.length
      ? `**Not valid:** ${problems.join('; ')}`
      : 'Valid: no connection error, timeout or non-2xx answer on any target; every answered ' +
        'submission took one place and wrote one history and one outbox row.',
  ].join('\n');
}

function submitSetupDescription(enrolmentSettings: EnrolmentSettings): string {
  return (
    `${enrolmentSettings.families} families made through the gateway, each with a child and ` +
    `a ${format(PDF_BYTES / 1024, 0)} KiB PDF uploaded; ${enrolmentSettings.drafts} drafts ` +
    `(${enrolmentSettings.drafts / enrolmentSettings.families} open procedures × the families, ` +
    'complete answers, the PDF attached), submitted in a shuffled order.'
  );
}

// ---------------------------------------------------------------------------------------------

async function run(context: BenchContext): Promise<BenchOutcome> {
  const { settings, log } = context;
  const enrolmentSettings = loadEnrolmentSettings();
  const loadAtStart = loadavg();
  const {
    runId,
    identityDatabase,
    serviceDatabase: enrolmentDatabase,
    common,
  } = await identityAndServiceRun(context, {
    databasePrefix: DATABASE_PREFIX,
    streamPrefix: STREAM_PREFIX,
    subjectPrefix: 'benchenrol',
    service: 'enrolment',
  });
  const identityDb = identityDatabase.client;
  const identityAccess = {
    db: identityDb,
    natsUrl: common.NATS_URL,
    subjectPrefix: common.NATS_SUBJECT_PREFIX,
  };
  const enrolmentDb = enrolmentDatabase.client;

  const [identityPort, enrolmentPort, gatewayPort, barePort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  log(
    `run ${runId}: identity :${identityPort}, enrolment :${enrolmentPort}, gateway :${gatewayPort}, bare :${barePort}`,
  );
  const identity = startProcess(context, 'identity', 'dist/services/identity/src/main.js', {
    ...common,
    DATABASE_URL: identityDatabase.url,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    HTTP_PORT: String(identityPort),
    // In production identity refuses to start without a signing key.
    JWT_PRIVATE_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    ACCESS_TOKEN_TTL_S: String(ACCESS_TOKEN_TTL_S),
  });
  const enrolment = startProcess(context, 'enrolment', 'dist/services/enrolment/src/main.js', {
    ...common,
    DATABASE_URL: enrolmentDatabase.url,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    HTTP_PORT: String(enrolmentPort),
  });
  const gateway = startProcess(context, 'gateway', 'dist/services/gateway/src/main.js', {
    ...common,
    DATABASE_URL: undefined,
    HTTP_PORT: String(gatewayPort),
    RATE_LIMIT_PER_MINUTE: String(GATEWAY_RATE_LIMIT_PER_MINUTE),
    AUTH_RATE_LIMIT_PER_MINUTE: String(GATEWAY_RATE_LIMIT_PER_MINUTE),
    // The load generator's X-Forwarded-For names the client, as the ingress would.
    TRUST_PROXY: '127.0.0.1',
  });
  await waitForOk(identity, `http://127.0.0.1:${identityPort}/health/ready`, 60_000);
  await waitForOk(enrolment, `http://127.0.0.1:${enrolmentPort}/health/ready`, 60_000);
  await waitForOk(gateway, `http://127.0.0.1:${gatewayPort}/health/ready`, 60_000);
  await enrolmentDb.query(`CREATE TABLE ${BARE_OUTBOX_TABLE} (LIKE outbox INCLUDING ALL)`);

  const setupStart = wallClockMs();
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const api = new GatewayApi(gatewayUrl);
  const admin = await anAdministrator(api, identityDb, `admin.${runId}@portail-famille.test`);
  const { organisationId, serviceIds } = await createDirectory(api, admin);
  const agent = await anAgent(api, admin, organisationId, serviceIds, runId);
  const bare = startProcess(context, 'bare server', 'dist/bench/support/enrolment-bare-server.js', {
    ...common,
    DATABASE_URL: enrolmentDatabase.url,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    HTTP_PORT: String(barePort),
    AGENT_SERVICE_IDS: serviceIds.join(','),
  });

  const currentSeason = seasonOf(new Date());
  const proceduresForDrafts = enrolmentSettings.drafts / enrolmentSettings.families;
  log(`creating ${proceduresForDrafts + 24} procedures and ${enrolmentSettings.families} families`);
  const submitProcedureIds = await submitProcedures(
    api,
    agent,
    serviceIds,
    currentSeason,
    proceduresForDrafts,
    10 * enrolmentSettings.families,
  );
  const forList = await listProcedures(api, agent, serviceIds, currentSeason);
  const pdf = aScannedPdf(PDF_BYTES);
  const families = await inParallel(enrolmentSettings.families, SETUP_CONCURRENCY, (index) =>
    aFamily(api, identityAccess, runId, index, pdf),
  );
  log(`preparing ${enrolmentSettings.drafts} drafts`);
  const pool = await prepareDrafts(api, enrolmentDb, families, submitProcedureIds);
  if (pool.length !== enrolmentSettings.drafts) {
    throw new Error(`${pool.length} drafts prepared instead of ${enrolmentSettings.drafts}`);
  }
  log(`inserting ${enrolmentSettings.listApplications} applications for the list`);
  const template = await enrolmentDb.query<{ answers: unknown; summary: unknown }>(
    'SELECT answers, summary FROM applications WHERE id = $1',
    [pool[0].id],
  );
  await insertListApplications(
    enrolmentDb,
    enrolmentSettings.listApplications,
    forList,
    currentSeason,
    template.rows[0],
  );
  await waitForOk(bare, `http://127.0.0.1:${barePort}/health/ready`);
  const setupS = round2((wallClockMs() - setupStart) / 1000);
  log(`set-up done in ${setupS} s`);

  const setup: Setup = {
    agent,
    serviceIds,
    families,
    submitProcedureIds,
    listProcedures: forList,
    pool,
    currentSeason,
    pdf,
  };
  const targets: Target[] = [
    { name: 'gateway', label: 'gateway → NATS → enrolment', baseUrl: gatewayUrl },
    { name: 'bare', label: 'bare Fastify + pg', baseUrl: `http://127.0.0.1:${barePort}` },
  ];
  const db: Databases = {
    enrolment: enrolmentDb,
    identity: identityDb,
    identityHandlesSubmissions: false,
  };
  await settle(db);
  await checkSubmitEquivalent(targets, setup, db, log);
  const processes = [identity, enrolment, gateway, bare];

  const problems: string[] = [];
  const submit = await submitPhase(context, targets, setup, enrolmentSettings, db, problems);
  assertRunning(processes);
  const uploads = await uploadPhase(context, targets, setup, enrolmentSettings, db, problems);
  assertRunning(processes);
  const lists = await listPhase(context, targets, setup, enrolmentSettings, enrolmentDb, problems);
  assertRunning(processes);

  const date = new Date().toISOString();
  const loadAverage = { start: loadAtStart.map(round2), end: loadavg().map(round2) };
  const summary = markdown(
    date,
    settings,
    enrolmentSettings,
    targets,
    submit,
    uploads,
    lists,
    setupS,
    loadAverage,
    problems,
  );
  const byTarget = <T extends object>(pick: (name: TargetName) => T) => ({
    gateway: { label: targets[0].label, ...pick('gateway') },
    bare: { label: targets[1].label, ...pick('bare') },
  });
  const json = {
    benchmark: NAME,
    description: benchmark.description,
    date,
    valid: problems.length === 0,
    problems,
    environment: environment(),
    loadAverage: { ...loadAverage, meaning: '1, 5 and 15 minutes (os.loadavg) at start and end' },
    settings: {
      ...settings,
      ...enrolmentSettings,
      pipelining: 1,
      setupS,
      pdfBytes: pdf.length,
      proceduresForDrafts,
      listProcedures: forList.length,
      databasePoolSize: POOL_SIZE,
      gatewayRateLimitPerMinute: GATEWAY_RATE_LIMIT_PER_MINUTE,
      gatewayTrustProxy: '127.0.0.1',
      loadGenerator: 'autocannon, in the bench process',
      latency: 'per response, from autocannon response events, microsecond resolution',
    },
    submit: {
      request: 'POST /api/v1/me/applications/{id}/submit, each draft once, shuffled',
      levels: submit.map((level) => ({
        connections: level.connections,
        eventsDrainedMs: level.eventsDrainedMs,
        targets: byTarget((name) => ({
          ...level.figures[name],
          requestsPerSecond: round2(level.perSecond[name]),
          check: level.checks[name],
        })),
        ratio: {
          perSecond: round3(level.ratio.perSecond),
          latencyP50: round3(level.ratio.latencyP50),
          latencyP99: round3(level.ratio.latencyP99),
          meaning:
            'gateway divided by bare: below 1 for submits/s and above 1 for latency is the cost of the architecture',
        },
      })),
    },
    upload: {
      request: `POST /api/v1/me/documents (application/pdf, ${pdf.length} bytes)`,
      connections: uploads.connections,
      durationS: uploads.durationS,
      targets: byTarget((name) => ({
        ...uploads.figures[name],
        requestsPerSecond: round2(uploads.perSecond[name]),
        megabytesPerSecond: uploads.megabytesPerSecond[name],
      })),
      ratio: {
        perSecond: round3(uploads.ratio.perSecond),
        latencyP50: round3(uploads.ratio.latencyP50),
        latencyP99: round3(uploads.ratio.latencyP99),
      },
    },
    list: {
      applications: enrolmentSettings.listApplications,
      connections: enrolmentSettings.listConnections,
      durationS: enrolmentSettings.shortDurationS,
      queries: lists.map((result) => ({
        name: result.query.name,
        label: result.query.label,
        path: result.path,
        matching: result.total,
        targets: byTarget((name) => result.figures[name]),
        ratio: {
          requestsPerSecond: round3(result.ratio.requestsPerSecond),
          latencyP50: round3(result.ratio.latencyP50),
          latencyP99: round3(result.ratio.latencyP99),
        },
        plans: result.plans,
        slowBecause: {
          page: slowQueryCauses(result, 'page').map((cause) => SLOW_QUERY_CAUSES[cause]),
          count: slowQueryCauses(result, 'count').map((cause) => SLOW_QUERY_CAUSES[cause]),
        },
      })),
    },
  };
  const files = await writeResults(context.resultsDir, NAME, json, summary);
  log(`results written to ${files.join(' and ')}`);
  return { valid: problems.length === 0, summary };
}

export const benchmark: Benchmark = {
  name: NAME,
  description:
    'Application submission (with a 100 KB PDF attached), document upload and the agents’ list over 50 000 applications, through gateway → NATS → enrolment, against a bare Fastify + pg server doing the same database work',
  run,
};

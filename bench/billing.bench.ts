/**
 * billing: month end. A régie's month of attendance (BENCH_BILLING_FAMILIES households, their
 * children's meals and morning care: ≈ 20 attendance rows per household) goes through the real
 * path — gateway → NATS → billing's run, a dry run then the issuance, each answered 202 when
 * longer than BILLING_RUN_WAIT_MS and followed at GET …/runs/{runId} to its end — against the
 * raw SQL aggregation of the same lines (one GROUP BY over the same rows), in the same run.
 * Then the same run again (it must issue nothing), the month's SEPA direct-debit file for every
 * household (each given a mandate) against the pain.008 document alone built in this process,
 * and the cost of rendering an invoice's PDF (invoice-pdf.ts) against a minimal pdfkit document.
 *
 * Set-up (not measured): identity, billing and the gateway as child processes; an agent, the
 * régie and its two tariffs through the gateway; households, children, bookings, attendance and
 * the month's locks inserted in bulk in billing's database (what identity's and reservation's
 * events leave in billing's copies).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { DataSource } from 'typeorm';
import { todayInParis, type DebitFileView, type RegieView, type RunView } from '@portail/contracts';
import type { BillingConfig } from '../services/billing/src/config';
import { renderInvoicePdf } from '../services/billing/src/invoices/invoice-pdf';
import {
  INVOICE_SELECT,
  withLines,
  type InvoiceRow,
} from '../services/billing/src/invoices/invoice-store';
import type { RegieRow } from '../services/billing/src/regies/regie-store';
import { BILLABLE_ITEMS } from '../services/billing/src/runs/start-run.use-case';
import { earliestCollectionDate } from '../services/billing/src/sepa/collection-calendar';
import { pain008Xml } from '../services/billing/src/sepa/pain008-document';
import { SepaSettings } from '../services/billing/src/sepa/sepa-settings';
import {
  integerFromEnv,
  type BenchContext,
  type BenchOutcome,
  type Benchmark,
} from './support/benchmark';
import { anAgent, createDirectory } from './support/enrolment-data';
import { anAdministrator, GatewayApi } from './support/portail-api';
import { freePort, waitForOk } from './support/processes';
import { environment, markdownTable, writeResults } from './support/report';
import { assertRunning, identityAndServiceRun, startProcess } from './support/run-resources';
import { wallClockMs } from './support/stats';

const NAME = 'billing';
const DATABASE_PREFIX = 'portail_bench_billing_';
const STREAM_PREFIX = 'BENCH_BILLING_';
const POOL_SIZE = 10;
const GATEWAY_RATE_LIMIT_PER_MINUTE = 1_000_000;
const RAW_REPEATS = 3;
const DRAIN_TIMEOUT_MS = 300_000;

/** The régie's SEPA creditor (invented ICS, the Banque de France's example IBAN) and a debtor's. */
const SEPA_CREDITOR = {
  creditorId: 'FR72ZZZ123456',
  name: 'Regie Affaires Scolaires de Vichy',
  iban: 'FR7630001007941234567890185',
  bic: 'BDFEFRPPCCT',
};
const DEBTOR_IBAN = 'FR7630006000011234567890189';
/** How long an agent waits for the debit file before asking the list (a 504 past 5 s). */
const DEBIT_FILE_TIMEOUT_MS = 600_000;

const MEAL_UNIT_ID = '0193a000-0000-7000-8000-000000000001';
const CARE_UNIT_ID = '0193a000-0000-7000-8000-000000000002';

const TARIFF_TERMS = {
  siblingReductionPercents: [10, 20],
  lateCancellationPercent: 100,
  unjustifiedAbsencePercent: 100,
  unexpectedPresencePercent: 150,
};

interface BillingSettings {
  /** Households billed (BENCH_BILLING_FAMILIES, 10000). */
  families: number;
  /** Invoices rendered as PDF (BENCH_BILLING_PDFS, 200). */
  pdfs: number;
  /** Billing's BILLING_RUN_WAIT_MS (BENCH_BILLING_RUN_WAIT_MS, 2000, its default). */
  runWaitMs: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const seconds = (ms: number) => round2(ms / 1000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** The month before today's (Paris): the month an agent bills at the start of this one. */
function previousMonth(now = new Date()): { month: string; first: string; last: string } {
  const [year, month] = todayInParis(now).split('-').map(Number);
  const previous = month === 1 ? { y: year - 1, m: 12 } : { y: year, m: month - 1 };
  const text = `${previous.y}-${String(previous.m).padStart(2, '0')}`;
  const last = new Date(Date.UTC(previous.y, previous.m, 0)).getUTCDate();
  return { month: text, first: `${text}-01`, last: `${text}-${last}` };
}

/** A minimal pdfkit document: one line of text, what any PDF costs at least. */
function minimalPdf(line: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );
  doc.fontSize(12).text(line);
  doc.end();
  return done;
}

async function run(context: BenchContext): Promise<BenchOutcome> {
  const { log } = context;
  const own: BillingSettings = {
    families: integerFromEnv('BENCH_BILLING_FAMILIES', 10_000, 1, 200_000),
    pdfs: integerFromEnv('BENCH_BILLING_PDFS', 200, 1, 10_000),
    runWaitMs: integerFromEnv('BENCH_BILLING_RUN_WAIT_MS', 2000, 0, 60_000),
  };
  const {
    runId,
    identityDatabase,
    serviceDatabase: billingDatabase,
    common,
  } = await identityAndServiceRun(context, {
    databasePrefix: DATABASE_PREFIX,
    streamPrefix: STREAM_PREFIX,
    subjectPrefix: 'benchbilling',
    service: 'billing',
  });
  const billingDb = billingDatabase.client;
  const [identityPort, billingPort, gatewayPort] = [
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
    ACCESS_TOKEN_TTL_S: '86400',
  });
  const sepaKey = randomBytes(32).toString('base64');
  const sepaSettings = {
    SEPA_CREDITORS: JSON.stringify({ '000070': SEPA_CREDITOR }),
    SEPA_IBAN_KEY: sepaKey,
  };
  const billing = startProcess(context, 'billing', 'dist/services/billing/src/main.js', {
    ...common,
    ...sepaSettings,
    DATABASE_URL: billingDatabase.url,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    HTTP_PORT: String(billingPort),
    // Smoke mode sets 0, so that its small runs answer 202 and are followed like long ones.
    BILLING_RUN_WAIT_MS: String(own.runWaitMs),
  });
  const gateway = startProcess(context, 'gateway', 'dist/services/gateway/src/main.js', {
    ...common,
    DATABASE_URL: undefined,
    HTTP_PORT: String(gatewayPort),
    RATE_LIMIT_PER_MINUTE: String(GATEWAY_RATE_LIMIT_PER_MINUTE),
    AUTH_RATE_LIMIT_PER_MINUTE: String(GATEWAY_RATE_LIMIT_PER_MINUTE),
    // SERVICE_TIMEOUT_MS at its default (5 s): a long run answers 202 within it.
  });
  await waitForOk(identity, `http://127.0.0.1:${identityPort}/health/ready`, 60_000);
  await waitForOk(billing, `http://127.0.0.1:${billingPort}/health/ready`, 60_000);
  await waitForOk(gateway, `http://127.0.0.1:${gatewayPort}/health/ready`, 60_000);

  // -------------------------------------------------------------------------------------------
  // Set-up: the régie and its tariffs through the gateway, the month's facts in bulk.
  const setupStart = wallClockMs();
  const api = new GatewayApi(`http://127.0.0.1:${gatewayPort}`);
  const admin = await anAdministrator(
    api,
    identityDatabase.client,
    `admin.${runId}@portail-famille.test`,
  );
  const { organisationId, serviceIds } = await createDirectory(api, admin);
  const [cateringServiceId, careServiceId] = serviceIds;
  const agent = await anAgent(api, admin, organisationId, serviceIds, runId);
  const { month, first, last } = previousMonth();
  const regie = await api.call<RegieView>('POST', '/agent/regies', {
    token: admin.accessToken,
    expect: 201,
    body: {
      organisationId,
      name: 'Affaires Scolaires de Vichy',
      municipalServiceIds: [cateringServiceId, careServiceId],
      treasuryAddress: [
        'CDFIP de CUSSET - Trésorerie de Vichy',
        '8 rue du bief',
        'BP 42657',
        '03307 CUSSET Cedex',
      ],
      payfipCollectivityNumber: '000070',
      debtReferenceFormat: '{year}-CA-00-{number}',
      dueDateRule: { kind: 'day-of-next-month', day: 10 },
    },
  });
  const validity = { validFrom: first, validUntil: `${Number(month.slice(0, 4)) + 1}-08-31` };
  for (const tariff of [
    {
      activityCode: 'restauration-scolaire',
      unitCode: 'repas',
      label: 'Vichy Restauration Scolaire',
      brackets: [
        { upToQuotient: 500, residentCents: 105, nonResidentCents: 210 },
        { upToQuotient: 900, residentCents: 230, nonResidentCents: 350 },
        { upToQuotient: null, residentCents: 320, nonResidentCents: 455 },
      ],
    },
    {
      activityCode: 'accueil-matin',
      unitCode: 'matin',
      label: 'Accueil du matin',
      brackets: [
        { upToQuotient: 700, residentCents: 90, nonResidentCents: 150 },
        { upToQuotient: null, residentCents: 160, nonResidentCents: 240 },
      ],
    },
  ]) {
    await api.call('POST', `/agent/regies/${regie.id}/tariffs`, {
      token: admin.accessToken,
      expect: 201,
      body: { ...tariff, ...validity, ...TARIFF_TERMS },
    });
  }
  // Households: one in ten outside the régie's communes, one in twenty without a quotient and
  // one in twenty with an expired one; a second child in one household in four.
  await billingDb.query(
    `CREATE TABLE bench_households AS
       SELECT n, gen_random_uuid() AS id FROM generate_series(1, $1) AS n`,
    [own.families],
  );
  await billingDb.query(
    `INSERT INTO households (id, guardians, family_quotient, family_quotient_valid_until,
       updated_at)
     SELECT h.id,
       jsonb_build_array(jsonb_build_object('id', gen_random_uuid(), 'accountId', NULL,
         'primary', true, 'civility', 'madame', 'firstName', 'Camille',
         'lastName', 'Famille' || h.n,
         'address', jsonb_build_object('line1', h.n || ' rue de Paris', 'line2', NULL,
           'postalCode', '03200', 'city', 'Vichy'),
         'commune', jsonb_build_object('organisationId',
           CASE WHEN h.n % 10 = 0 THEN NULL ELSE $1::text END, 'inseeCode', NULL,
           'name', CASE WHEN h.n % 10 = 0 THEN 'Clermont-Ferrand' ELSE 'Vichy' END))),
       CASE WHEN h.n % 20 = 0 THEN NULL ELSE 250 + (h.n * 37) % 1100 END,
       CASE WHEN h.n % 20 = 1 THEN date '2020-12-31' ELSE date '2099-12-31' END,
       now()
     FROM bench_households h`,
    [organisationId],
  );
  await billingDb.query(
    `INSERT INTO children (id, household_id, first_name, last_name, birth_date, updated_at)
     SELECT gen_random_uuid(), h.id, c.first_name, 'Famille' || h.n,
       date '2014-01-01' + ((h.n * 13 + c.rank * 400) % 2500), now()
     FROM bench_households h
     CROSS JOIN LATERAL (VALUES (1, 'Iris'), (2, 'Louis')) AS c(rank, first_name)
     WHERE c.rank = 1 OR h.n % 4 = 0`,
  );
  // Every child has lunch on school days (Monday, Tuesday, Thursday, Friday); one in ten comes
  // to morning care on Mondays and Thursdays. Of the days: 2 % unexpected (no booking), 4 %
  // justified absences (not billed), 4 % unjustified, the rest present.
  await billingDb.query(
    `CREATE TABLE bench_days AS
       SELECT c.id AS child_id, c.household_id, u.unit_id, u.unit_code, u.activity_code,
         u.service_id, d::date AS day,
         CASE WHEN abs(hashtext(c.id::text || d::date)) % 100 < 2 THEN 'unexpected'
              WHEN abs(hashtext(c.id::text || d::date)) % 100 < 6 THEN 'absent-justified'
              WHEN abs(hashtext(c.id::text || d::date)) % 100 < 10 THEN 'absent-unjustified'
              ELSE 'present' END AS status
       FROM children c
       CROSS JOIN generate_series($1::date, $2::date, interval '1 day') AS d
       JOIN (VALUES ($3::uuid, 'repas', 'restauration-scolaire', $4::uuid, ARRAY[1, 2, 4, 5]),
                    ($5::uuid, 'matin', 'accueil-matin', $6::uuid, ARRAY[1, 4]))
         AS u(unit_id, unit_code, activity_code, service_id, weekdays)
         ON extract(isodow FROM d)::int = ANY(u.weekdays)
       WHERE u.unit_code = 'repas' OR abs(hashtext(c.id::text)) % 10 = 0`,
    [first, last, MEAL_UNIT_ID, cateringServiceId, CARE_UNIT_ID, careServiceId],
  );
  await billingDb.query(
    `ALTER TABLE bench_days ADD COLUMN booking_id uuid;
     UPDATE bench_days SET booking_id = gen_random_uuid() WHERE status <> 'unexpected'`,
  );
  await billingDb.query(
    `INSERT INTO booked_days (booking_id, municipal_service_id, activity_code, unit_id, unit_code,
       day, child_id, household_id, billing, status, late_cancellation, updated_at)
     SELECT booking_id, service_id, activity_code, unit_id, unit_code, day, child_id,
       household_id, 'post-billing', 'booked', false, now()
     FROM bench_days WHERE booking_id IS NOT NULL`,
  );
  await billingDb.query(
    `INSERT INTO attendance (unit_id, child_id, day, municipal_service_id, activity_code,
       unit_code, household_id, booking_id, status, recorded_at)
     SELECT unit_id, child_id, day, service_id, activity_code, unit_code, household_id,
       booking_id, status, now()
     FROM bench_days`,
  );
  await billingDb.query(
    `INSERT INTO month_locks (municipal_service_id, month, locked_at)
     SELECT unnest($1::uuid[]), $2, now()`,
    [[cateringServiceId, careServiceId], month],
  );
  await billingDb.query('DROP TABLE bench_days; DROP TABLE bench_households');
  await billingDb.query('VACUUM ANALYZE');
  const {
    rows: [facts],
  } = await billingDb.query<{ attendance: number; children: number }>(
    `SELECT (SELECT count(*) FROM attendance)::int AS attendance,
            (SELECT count(*) FROM children)::int AS children`,
  );
  const setupS = seconds(wallClockMs() - setupStart);
  log(
    `set-up in ${setupS} s: ${own.families} households, ${facts.children} children, ${facts.attendance} attendance rows of ${month}`,
  );

  // -------------------------------------------------------------------------------------------
  // The baseline: the same lines aggregated by PostgreSQL alone (warmed once, median of 3).
  const RAW_LINES = `
    SELECT household_id, child_id, unit_code, kind, count(*)::int AS quantity
    FROM (${BILLABLE_ITEMS}) AS item(child_id, household_id, activity_code, unit_code, day, kind)
    GROUP BY household_id, child_id, unit_code, kind`;
  const rawParameters = [[cateringServiceId, careServiceId], first, last];
  await billingDb.query(RAW_LINES, rawParameters);
  const rawTimes: number[] = [];
  let rawLines = 0;
  for (let repeat = 0; repeat < RAW_REPEATS; repeat += 1) {
    const start = wallClockMs();
    rawLines = (await billingDb.query(RAW_LINES, rawParameters)).rowCount ?? 0;
    rawTimes.push(wallClockMs() - start);
  }
  const rawMs = median(rawTimes);
  // Phase: the billable items alone, read out of PostgreSQL into a process (what the run reads).
  const itemsStart = wallClockMs();
  const items = (await billingDb.query(BILLABLE_ITEMS, rawParameters)).rowCount ?? 0;
  const itemsMs = wallClockMs() - itemsStart;

  // -------------------------------------------------------------------------------------------
  // The run through the gateway: a dry run, the issuance, the issuance again.
  /**
   * A run as an agent makes it: the request (200 with the result when done within
   * BILLING_RUN_WAIT_MS, else 202), then GET …/runs/{runId} every 100 ms until it is done.
   */
  const runOnce = async (dryRun: boolean) => {
    const start = wallClockMs();
    const response = await fetch(`${api.baseUrl}/api/v1/agent/regies/${regie.id}/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.accessToken}` },
      body: JSON.stringify({ month, dryRun }),
    });
    const answeredMs = wallClockMs() - start;
    if (response.status !== 200 && response.status !== 202) {
      throw new Error(`The run answered ${response.status}: ${await response.text()}`);
    }
    let view = (await response.json()) as RunView;
    while (view.status === 'running') {
      await sleep(100);
      view = await api.call<RunView>('GET', `/agent/regies/${regie.id}/runs/${view.id}`, {
        token: agent.accessToken,
      });
    }
    if (view.status !== 'done') throw new Error(`The run failed: ${JSON.stringify(view.error)}`);
    return { ms: wallClockMs() - start, answeredMs, status: response.status, view };
  };
  log(`dry run of ${month}`);
  const dry = await runOnce(true);
  log(
    `dry run: answered ${dry.status} in ${seconds(dry.answeredMs)} s, done in ${seconds(dry.ms)} s, ${dry.view.householdCount} households; issuing`,
  );
  const issue = await runOnce(false);
  log(
    `issued ${issue.view.issuedCount} invoices: answered ${issue.status} in ${seconds(issue.answeredMs)} s, done in ${seconds(issue.ms)} s; running again`,
  );
  const again = await runOnce(false);
  assertRunning([identity, billing, gateway]);

  const problems: string[] = [];
  const households = await billingDb.query<{ n: number }>(
    `SELECT count(DISTINCT household_id)::int AS n FROM (${BILLABLE_ITEMS}) AS item(child_id, household_id)`,
    rawParameters,
  );
  if (dry.view.householdCount !== households.rows[0].n) {
    problems.push(
      `the dry run counts ${dry.view.householdCount} households, the raw SQL ${households.rows[0].n}`,
    );
  }
  if (dry.view.issuedCount !== 0) problems.push('the dry run issued invoices');
  if (issue.view.issuedCount !== dry.view.householdCount) {
    problems.push(`${issue.view.issuedCount} issued for ${dry.view.householdCount} households`);
  }
  if (issue.view.totalCents !== dry.view.totalCents) {
    problems.push('the issuance and the dry run total differently');
  }
  if (again.view.issuedCount !== 0 || again.view.alreadyIssuedCount !== issue.view.issuedCount) {
    problems.push(
      `the second run issued ${again.view.issuedCount} (already issued: ${again.view.alreadyIssuedCount})`,
    );
  }
  const {
    rows: [stored],
  } = await billingDb.query<{
    invoices: number;
    numbers: number;
    highest: number;
    total: string;
    lines: number;
  }>(
    `SELECT count(*)::int AS invoices, count(DISTINCT number)::int AS numbers,
            coalesce(max(number), 0)::int AS highest, coalesce(sum(total_cents), 0) AS total,
            (SELECT count(*) FROM invoice_lines)::int AS lines
     FROM invoices WHERE regie_id = $1`,
    [regie.id],
  );
  if (
    stored.invoices !== issue.view.issuedCount ||
    stored.numbers !== stored.invoices ||
    stored.highest !== stored.invoices
  ) {
    problems.push(
      `${stored.invoices} invoices stored, ${stored.numbers} distinct numbers, the highest ${stored.highest}: not 1…n`,
    );
  }
  if (Number(stored.total) !== issue.view.totalCents) {
    problems.push(
      `stored invoices total ${stored.total}, the run answered ${issue.view.totalCents}`,
    );
  }
  // The run's lines are the raw aggregation's: same child, kind and quantity, both ways.
  const { rows: differences } = await billingDb.query<{ n: number }>(
    `WITH raw AS (SELECT child_id, kind, quantity FROM (${RAW_LINES}) AS r),
          issued AS (SELECT child_id, kind, quantity FROM invoice_lines)
     SELECT ((SELECT count(*) FROM (SELECT * FROM raw EXCEPT ALL SELECT * FROM issued) a)
           + (SELECT count(*) FROM (SELECT * FROM issued EXCEPT ALL SELECT * FROM raw) b))::int AS n`,
    rawParameters,
  );
  if (differences[0].n !== 0) {
    problems.push(`the invoices' lines and the raw aggregation differ by ${differences[0].n} rows`);
  }
  if (stored.lines !== rawLines) {
    problems.push(`${stored.lines} invoice lines for ${rawLines} raw lines`);
  }

  // Events: how long the relay takes to publish the billing.invoice.issued events.
  const drainStart = wallClockMs();
  let drainedMs: number | null = null;
  while (wallClockMs() - drainStart < DRAIN_TIMEOUT_MS) {
    const { rows } = await billingDb.query<{ pending: number }>(
      'SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL',
    );
    if (rows[0].pending === 0) {
      drainedMs = wallClockMs() - drainStart;
      break;
    }
    await sleep(250);
  }

  // -------------------------------------------------------------------------------------------
  // The month's direct-debit file: every household given a mandate (in bulk, its IBAN encrypted
  // with billing's key), then the file made through the gateway as an agent makes it, against
  // the pain.008 document of as many debits built here (the `sepa` package alone).
  const sepa = new SepaSettings({
    ...sepaSettings,
    SEPA_PRENOTIFICATION_DAYS: 14,
    SEPA_XML_PART_BYTES: 262_144,
  } as BillingConfig);
  await billingDb.query(
    `INSERT INTO sepa_mandates (id, regie_id, household_id, creditor_id, rum, debtor_name,
       iban_ciphertext, iban_masked, signed_on, consent_channel, consent_by, consent_at, state,
       next_sequence, created_at)
     SELECT gen_random_uuid(), $1, h.id, $2, 'R000070-' || lpad(row_number() OVER ()::text, 7, '0'),
       'Camille FAMILLE', $3, 'FR76 **** 189', current_date - 30, 'paper', $4, now(), 'active',
       'FRST', now()
     FROM households h`,
    [regie.id, SEPA_CREDITOR.creditorId, sepa.encrypt(DEBTOR_IBAN), admin.accountId],
  );
  const collectionDate = earliestCollectionDate(todayInParis(new Date()), 14);
  const debitStart = wallClockMs();
  const debitResponse = await fetch(
    `${api.baseUrl}/api/v1/agent/regies/${regie.id}/direct-debits`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.accessToken}` },
      body: JSON.stringify({ month, collectionDate }),
    },
  );
  const debitAnsweredMs = wallClockMs() - debitStart;
  let debitFile: DebitFileView | undefined;
  if (debitResponse.status === 201 || debitResponse.status === 200) {
    debitFile = (await debitResponse.json()) as DebitFileView;
  } else {
    // Longer than the gateway's SERVICE_TIMEOUT_MS (504): billing goes on; the agent looks again.
    await debitResponse.text();
    while (!debitFile && wallClockMs() - debitStart < DEBIT_FILE_TIMEOUT_MS) {
      await sleep(500);
      const [listed] = await api.call<DebitFileView[]>(
        'GET',
        `/agent/regies/${regie.id}/direct-debits`,
        { token: agent.accessToken },
      );
      debitFile = listed;
    }
  }
  const debitMs = wallClockMs() - debitStart;
  if (!debitFile) throw new Error('The direct-debit file was not made within 10 minutes');
  const {
    rows: [due],
  } = await billingDb.query<{ n: number; cents: string }>(
    `SELECT count(*)::int AS n, coalesce(sum(total_cents - credited_cents - paid_cents), 0) AS cents
     FROM invoices WHERE regie_id = $1 AND month = $2`,
    [regie.id, month],
  );
  if (debitFile.transactionCount !== due.n || debitFile.controlSumCents !== Number(due.cents)) {
    problems.push(
      `the debit file holds ${debitFile.transactionCount} debits of ${debitFile.controlSumCents} cents for ${due.n} invoices of ${due.cents}`,
    );
  }
  const xmlStart = wallClockMs();
  const xml = pain008Xml({
    messageId: 'BENCH',
    createdAt: new Date(),
    collectionDate,
    creditor: SEPA_CREDITOR,
    debits: Array.from({ length: debitFile.transactionCount }, (_, index) => ({
      endToEndId: `PF${String(index).padStart(32, '0')}`,
      amountCents: 1000 + index,
      sequence: 'FRST' as const,
      rum: `R000070-${String(index).padStart(7, '0')}`,
      signedOn: '2026-09-01',
      debtorName: 'Camille FAMILLE',
      debtorIban: DEBTOR_IBAN,
      debtorBic: null,
      remittance: 'Facture 1 - Affaires Scolaires de Vichy',
      amendment: null,
    })),
  });
  const xmlMs = wallClockMs() - xmlStart;

  // -------------------------------------------------------------------------------------------
  // PDF rendering in this process: invoice-pdf.ts against a minimal pdfkit document.
  const dataSource = new DataSource({ type: 'postgres', url: billingDatabase.url, poolSize: 2 });
  await dataSource.initialize();
  context.defer('close the PDF data source', () => dataSource.destroy());
  const rows = await dataSource.query<InvoiceRow[]>(
    `${INVOICE_SELECT} WHERE i.regie_id = $2 ORDER BY i.number LIMIT ${own.pdfs}`,
    [todayInParis(new Date()), regie.id],
  );
  const invoices = await withLines(dataSource.manager, rows);
  const [regieRow] = await dataSource.query<RegieRow[]>('SELECT * FROM regies WHERE id = $1', [
    regie.id,
  ]);
  await renderInvoicePdf({ invoice: invoices[0], regie: regieRow, addressee: rows[0].addressee });
  await minimalPdf('warm-up');
  let pdfBytes = 0;
  const pdfStart = wallClockMs();
  for (const [index, invoice] of invoices.entries()) {
    const bytes = await renderInvoicePdf({
      invoice,
      regie: regieRow,
      addressee: rows[index].addressee,
    });
    pdfBytes += bytes.length;
  }
  const pdfMs = wallClockMs() - pdfStart;
  const minimalStart = wallClockMs();
  for (const invoice of invoices) await minimalPdf(`FACTURE n° ${invoice.number}`);
  const minimalMs = wallClockMs() - minimalStart;
  if (invoices.length !== Math.min(own.pdfs, stored.invoices)) {
    problems.push(`${invoices.length} invoices rendered`);
  }

  // -------------------------------------------------------------------------------------------
  const invoiceCount = issue.view.issuedCount;
  const perInvoiceMs = invoiceCount ? round2(issue.ms / invoiceCount) : null;
  const ratio = round2(issue.ms / rawMs);
  const pdfPerInvoiceMs = invoices.length ? round2(pdfMs / invoices.length) : null;
  const minimalPerInvoiceMs = invoices.length ? round2(minimalMs / invoices.length) : null;
  const valid = problems.length === 0;
  const env = environment();
  const results = {
    name: NAME,
    date: new Date().toISOString(),
    environment: env,
    settings: { ...own, poolSize: POOL_SIZE },
    month,
    setupS,
    data: {
      households: own.families,
      children: facts.children,
      attendanceRows: facts.attendance,
      billableItems: items,
      invoiceLines: stored.lines,
    },
    raw: { aggregationMs: round2(rawMs), repeatsMs: rawTimes.map(round2), lines: rawLines },
    phases: { billableItemsReadMs: round2(itemsMs) },
    dryRun: {
      totalS: seconds(dry.ms),
      answeredS: seconds(dry.answeredMs),
      status: dry.status,
      households: dry.view.householdCount,
    },
    issue: {
      totalS: seconds(issue.ms),
      invoices: invoiceCount,
      perInvoiceMs,
      totalCents: issue.view.totalCents,
      answeredS: seconds(issue.answeredMs),
      status: issue.status,
      eventsDrainedAfterS: drainedMs === null ? null : seconds(drainedMs),
    },
    rerun: {
      totalS: seconds(again.ms),
      status: again.status,
      alreadyIssued: again.view.alreadyIssuedCount,
    },
    ratio,
    directDebit: {
      debits: debitFile.transactionCount,
      totalS: seconds(debitMs),
      answeredStatus: debitResponse.status,
      answeredS: seconds(debitAnsweredMs),
      perDebitMs: debitFile.transactionCount ? round2(debitMs / debitFile.transactionCount) : null,
      pain008AloneS: seconds(xmlMs),
      xmlBytes: xml.length,
      ratio: round2(debitMs / Math.max(xmlMs, 1)),
    },
    pdf: {
      invoices: invoices.length,
      perInvoiceMs: pdfPerInvoiceMs,
      meanBytes: invoices.length ? Math.round(pdfBytes / invoices.length) : null,
      minimalPdfPerInvoiceMs: minimalPerInvoiceMs,
      ratio:
        pdfPerInvoiceMs && minimalPerInvoiceMs
          ? round2(pdfPerInvoiceMs / minimalPerInvoiceMs)
          : null,
    },
    problems,
    valid,
  };
  const answered = (run: { status: number; answeredMs: number }) =>
    `${run.status} in ${seconds(run.answeredMs)} s`;
  const table = markdownTable(
    ['target', 'answered', 'total s', 'per invoice ms', 'ratio to raw'],
    [
      ['raw SQL aggregation of the lines', '', String(seconds(rawMs)), '', '1'],
      [
        'billable items read (SQL → process)',
        '',
        String(seconds(itemsMs)),
        '',
        String(round2(itemsMs / rawMs)),
      ],
      [
        'dry run (gateway → billing)',
        answered(dry),
        String(seconds(dry.ms)),
        '',
        String(round2(dry.ms / rawMs)),
      ],
      [
        'issuance (gateway → billing)',
        answered(issue),
        String(seconds(issue.ms)),
        String(perInvoiceMs),
        String(ratio),
      ],
      [
        'same run again (nothing issued)',
        answered(again),
        String(seconds(again.ms)),
        '',
        String(round2(again.ms / rawMs)),
      ],
    ],
    [false, false, true, true, true],
  );
  const debitTable = markdownTable(
    ['direct debit', 'debits', 'answered', 'total s', 'per debit ms', 'ratio'],
    [
      [
        'pain.008 document alone (sepa package)',
        String(debitFile.transactionCount),
        '',
        String(seconds(xmlMs)),
        '',
        '1',
      ],
      [
        "the month's file (gateway → billing)",
        String(debitFile.transactionCount),
        `${debitResponse.status} in ${seconds(debitAnsweredMs)} s`,
        String(seconds(debitMs)),
        String(results.directDebit.perDebitMs),
        String(results.directDebit.ratio),
      ],
    ],
    [false, true, false, true, true, true],
  );
  const pdfTable = markdownTable(
    ['PDF', 'invoices', 'per invoice ms', 'mean bytes'],
    [
      [
        'invoice-pdf.ts',
        String(invoices.length),
        String(pdfPerInvoiceMs),
        String(results.pdf.meanBytes),
      ],
      ['minimal pdfkit document', String(invoices.length), String(minimalPerInvoiceMs), ''],
    ],
    [false, true, true, true],
  );
  const summary =
    `## billing (${results.date.slice(0, 10)} · Node ${env.node} · ${env.cpuCount} CPU (${env.cpuModel}))\n\n` +
    `Month end of ${month}: ${own.families} households, ${facts.children} children, ${facts.attendance} attendance rows → ${invoiceCount} invoices, ${stored.lines} lines.\n\n` +
    table +
    `\n\nEvents published ${drainedMs === null ? 'not within 300 s' : `${seconds(drainedMs)} s after the issuance`}.\n\n` +
    debitTable +
    '\n\n' +
    pdfTable +
    (problems.length ? `\n\nProblems:\n${problems.map((p) => `- ${p}`).join('\n')}` : '');
  await writeResults(context.resultsDir, NAME, results, summary);
  return { valid, summary };
}

export const benchmark: Benchmark = {
  name: NAME,
  description:
    "Month end: a régie run over 10,000 households through the gateway vs the raw SQL aggregation of the same lines; the month's direct-debit file vs its pain.008 document alone; PDF rendering per invoice",
  run,
};

/**
 * identity-auth: what logging in and an authenticated read cost through the architecture,
 * against a bare Fastify + pg server doing the same work in one process.
 *
 * Phase "login": `POST /api/v1/auth/login`, round-robin over verified family accounts.
 *   - gateway: the real gateway (throttlers, validation) → NATS → identity (TypeORM read,
 *     argon2id verify, refresh-token insert, EdDSA signature);
 *   - bare: bench/support/bare-auth-server.ts, the same read, verify, insert and signature.
 *   Also measured, in this process: `argon2.verify` alone on an account's stored hash at the
 *   same concurrency, the ceiling that both targets are bound by.
 * Phase "me": `GET /api/v1/me` with a valid access token per account, round-robin.
 *   - gateway: JWT verified at the gateway (JWKS from identity), NATS → identity GetMyAccount;
 *   - bare: the same JWT verified with jose against the same public key, the same query.
 *
 * Every process is a `node` child built by `npm run build`. The run has a database, a NATS
 * subject prefix and an events stream of its own (a developer's `npm start` on the same NATS
 * is not disturbed); all are removed at the end, and left-overs of a killed run at the start
 * of the next one.
 */
import { verify as argon2Verify } from 'argon2';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { connect } from 'nats';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase, withDatabase } from '@portail/database';
import type { BenchContext, BenchOutcome, Benchmark } from './support/benchmark';
import {
  measure,
  problemsOf,
  summarise,
  type Measurement,
  type RequestParts,
  type TargetFigures,
} from './support/load';
import {
  freePort,
  requireInfrastructure,
  spawnNode,
  waitForOk,
  type ManagedProcess,
} from './support/processes';
import { assertSameAnswerShape } from './support/smoke';
import { environment, markdownTable, writeResults } from './support/report';
import { summariseLatencies, wallClockMs, type LatencySummary } from './support/stats';
import { verificationTokenOf, type IdentityAccess } from './support/portail-api';

const NAME = 'identity-auth';
const DATABASE_PREFIX = 'portail_bench_auth_';
const STREAM_PREFIX = 'BENCH_AUTH_';
/** A stream of this benchmark older than this is left over by a run that was killed. */
const LEFTOVER_STREAM_AGE_MS = 6 * 3600 * 1000;
const LOGIN_PATH = '/api/v1/auth/login';
const ME_PATH = '/api/v1/me';
const POOL_SIZE = 10;
/** The highest values the gateway's configuration accepts (services/gateway/src/config.ts). */
const GATEWAY_RATE_LIMIT_PER_MINUTE = 1_000_000;
const GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE = 1_000_000;
/** Access tokens outlive any run, so that the tokens of the "me" phase stay valid. */
const ACCESS_TOKEN_TTL_S = 86_400;
/**
 * Least unmeasured load before each login measurement: every connection must have a login in
 * flight (seconds each) when measuring starts.
 */
const LOGIN_MIN_LEAD_IN_S = 5;
/** Sign-ups and verifications in flight at once while creating the accounts. */
const SETUP_CONCURRENCY = 4;
const PASSWORD = 'Vichy-Thermes-2025';

type PhaseName = 'login' | 'me';
type TargetName = 'gateway' | 'bare';

interface AuthBenchSettings {
  /** Verified family accounts (BENCH_AUTH_ACCOUNTS, default 50). */
  accounts: number;
  /** Connections of the login phase (BENCH_LOGIN_CONNECTIONS, default 8): argon2 is CPU bound. */
  loginConnections: number;
  /**
   * Measured seconds of the login phase per target and round (BENCH_LOGIN_DURATION_S, default
   * 30): a few logins per second need longer than BENCH_DURATION_S for a meaningful p99.
   */
  loginDurationS: number;
}

interface Account {
  accountId: string;
  email: string;
  accessToken: string;
}

interface Target {
  name: TargetName;
  label: string;
  baseUrl: string;
}

interface PhaseResult {
  connections: number;
  durationS: number;
  leadInS: number;
  /** Responses per second, unrounded. */
  requestsPerSecond: Record<TargetName, number>;
  figures: Record<TargetName, TargetFigures>;
  ratio: { requestsPerSecond: number; latencyP50: number; latencyP99: number };
}

interface Argon2Alone {
  concurrency: number;
  durationS: number;
  verifications: number;
  perSecond: number;
  latencyMs: LatencySummary;
  /** m (KiB), t, p of the stored hash: the parameters identity hashed with. */
  parameters: string;
}

function integerFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function loadAuthSettings(): AuthBenchSettings {
  return {
    accounts: integerFromEnv('BENCH_AUTH_ACCOUNTS', 50, 1, 10_000),
    loginConnections: integerFromEnv('BENCH_LOGIN_CONNECTIONS', 8, 1, 1000),
    loginDurationS: integerFromEnv('BENCH_LOGIN_DURATION_S', 30, 1, 3600),
  };
}

// ---------------------------------------------------------------------------------------------
// Resources: left-overs, database, stream.

/**
 * Drops the databases of runs that were killed (no connection open on them: a running
 * benchmark holds one on its own for its whole run) and their streams (created long ago).
 */
async function removeLeftovers(
  serverUrl: string,
  natsUrl: string,
  log: (message: string) => void,
): Promise<void> {
  const admin = new Client({
    connectionString: withDatabase(serverUrl, 'postgres'),
    connectionTimeoutMillis: 5000,
  });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database d
        WHERE starts_with(datname, $1)
          AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datid = d.oid)`,
      [DATABASE_PREFIX],
    );
    for (const { datname } of rows) {
      if (!/^[a-z0-9_]{1,63}$/.test(datname)) continue;
      try {
        // Without FORCE: if a run connected to it meanwhile, it is not a left-over.
        await admin.query(`DROP DATABASE IF EXISTS "${datname}"`);
        log(`dropped database ${datname}, left over by a run that was killed`);
      } catch {
        // in use: not a left-over
      }
    }
  } finally {
    await admin.end();
  }
  const connection = await connect({ servers: natsUrl });
  try {
    const jsm = await connection.jetstreamManager();
    for await (const info of jsm.streams.list()) {
      const age = Date.now() - Date.parse(info.created);
      if (info.config.name.startsWith(STREAM_PREFIX) && age > LEFTOVER_STREAM_AGE_MS) {
        await jsm.streams.delete(info.config.name).catch(() => false);
        log(`deleted stream ${info.config.name}, left over by a run that was killed`);
      }
    }
  } finally {
    await connection.close();
  }
}

async function deleteStream(natsUrl: string, stream: string): Promise<void> {
  const connection = await connect({ servers: natsUrl });
  try {
    const jsm = await connection.jetstreamManager();
    await jsm.streams.delete(stream).catch((error: unknown) => {
      // identity may have stopped before creating it
      if (!String(error).includes('stream not found')) throw error;
    });
  } finally {
    await connection.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Accounts.

async function expectStatus(response: Response, status: number, what: string): Promise<void> {
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${await response.text()}`);
  }
}

function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** A family that signs up through the gateway, verifies its address and logs in. */
async function aFamily(
  gatewayUrl: string,
  identity: IdentityAccess,
  email: string,
): Promise<Account> {
  const signUp = {
    email,
    password: PASSWORD,
    firstName: 'Camille',
    lastName: 'Martin',
    phone: '04 70 30 17 17',
    address: { line1: '12 rue de Paris', postalCode: '03200', city: 'Vichy' },
    acceptTerms: true,
  };
  await expectStatus(await postJson(`${gatewayUrl}/api/v1/accounts`, signUp), 202, 'sign-up');
  const token = await verificationTokenOf(identity, email);
  await expectStatus(
    await postJson(`${gatewayUrl}/api/v1/accounts/verify-email`, { token }),
    204,
    `verification of ${email}`,
  );
  const login = await postJson(`${gatewayUrl}${LOGIN_PATH}`, { email, password: PASSWORD });
  await expectStatus(login, 200, `login of ${email}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return { accountId: subjectOf(accessToken), email, accessToken };
}

async function createAccounts(
  gatewayUrl: string,
  identity: IdentityAccess,
  runId: string,
  count: number,
): Promise<Account[]> {
  const accounts: Account[] = new Array<Account>(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      accounts[i] = await aFamily(gatewayUrl, identity, `bench.${runId}.${i}@example.fr`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SETUP_CONCURRENCY, count) }, worker));
  return accounts;
}

// ---------------------------------------------------------------------------------------------
// Tokens and answers.

function decodePart(part: string | undefined): Record<string, unknown> {
  if (!part) throw new Error('Not a JWT');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function jwtParts(token: string): {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
} {
  const [header, claims] = token.split('.');
  return { header: decodePart(header), claims: decodePart(claims) };
}

function subjectOf(token: string): string {
  const sub = jwtParts(token).claims.sub;
  if (typeof sub !== 'string') throw new Error('Access token without sub');
  return sub;
}

/** What must be equal in two token pairs of one account (the random parts aside). */
function shapeOfPair(body: string): unknown {
  const pair = JSON.parse(body) as Record<string, unknown>;
  if (typeof pair.accessToken !== 'string' || typeof pair.refreshToken !== 'string') {
    throw new Error(`Not a token pair: ${body}`);
  }
  const { header, claims } = jwtParts(pair.accessToken);
  return {
    keys: Object.keys(pair),
    expiresIn: pair.expiresIn,
    tokenType: pair.tokenType,
    refreshToken: /^[A-Za-z0-9_-]{43}$/.test(pair.refreshToken) ? '43 base64url chars' : 'other',
    header,
    claimKeys: Object.keys(claims).sort(),
    sub: claims.sub,
    kind: claims.kind,
    iss: claims.iss,
    aud: claims.aud,
    lifetime: Number(claims.exp) - Number(claims.iat),
  };
}

/**
 * Both targets must give equivalent answers, or the comparison means nothing: the same token
 * pair (apart from its random and time-dependent parts) for a login, tokens that work on the
 * other target, and byte-identical profiles.
 */
async function checkEquivalent(targets: Target[], accounts: Account[]): Promise<void> {
  const [first] = accounts;
  const pairs: string[] = [];
  for (const target of targets) {
    const response = await postJson(`${target.baseUrl}${LOGIN_PATH}`, {
      email: first.email,
      password: PASSWORD,
    });
    const body = await response.text();
    if (response.status !== 200) {
      throw new Error(`${target.label} answered ${response.status} to login: ${body}`);
    }
    pairs.push(body);
  }
  const shapes = pairs.map((body) => JSON.stringify(shapeOfPair(body)));
  if (shapes.some((shape) => shape !== shapes[0])) {
    throw new Error(`The logins of both targets differ:\n${shapes.join('\n')}`);
  }
  // Each target accepts the tokens of the other: same key, same claims.
  for (const [index, target] of targets.entries()) {
    const other = JSON.parse(pairs[1 - index]) as { accessToken: string };
    const response = await fetch(`${target.baseUrl}${ME_PATH}`, {
      headers: { authorization: `Bearer ${other.accessToken}` },
    });
    await expectStatus(response, 200, `${target.label}, ${ME_PATH} with the other's token`);
    await response.arrayBuffer();
  }
  for (const account of accounts.slice(0, 3)) {
    const bodies: string[] = [];
    for (const target of targets) {
      const response = await fetch(`${target.baseUrl}${ME_PATH}`, {
        headers: { authorization: `Bearer ${account.accessToken}` },
      });
      const body = await response.text();
      if (response.status !== 200) {
        throw new Error(`${target.label} answered ${response.status} to ${ME_PATH}: ${body}`);
      }
      bodies.push(body);
    }
    const profile = JSON.parse(bodies[0]) as { id?: string; email?: string };
    if (profile.id !== account.accountId || profile.email !== account.email) {
      throw new Error(`${ME_PATH} did not answer the profile of ${account.email}: ${bodies[0]}`);
    }
    assertSameAnswerShape(
      `GET ${ME_PATH}`,
      bodies.map((body, index) => ({ label: targets[index].label, status: 200, body })),
    );
    if (bodies.some((body) => body !== bodies[0])) {
      throw new Error(`${ME_PATH} answers differ:\n${bodies.join('\n')}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Load.

/** Round-robin over the accounts, shared by every connection of one measurement. */
function roundRobin<T>(items: T[], build: (item: T) => RequestParts): () => RequestParts {
  const built = items.map(build);
  let next = 0;
  return () => {
    const parts = built[next];
    next = (next + 1) % built.length;
    return parts;
  };
}

function requestsOf(phase: PhaseName, accounts: Account[]): () => RequestParts {
  if (phase === 'login') {
    return roundRobin(accounts, (account) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: account.email, password: PASSWORD }),
    }));
  }
  return roundRobin(accounts, (account) => ({
    method: 'GET',
    headers: { authorization: `Bearer ${account.accessToken}` },
  }));
}

/**
 * Waits until the target has answered the requests it still had when the load stopped (the
 * server finishes them after the client hung up: seconds of argon2 work for logins), so that
 * they do not take CPU from the next measurement. The probe queues behind them.
 */
async function drain(target: Target, phase: PhaseName, path: string, accounts: Account[]) {
  const parts = requestsOf(phase, accounts)();
  const response = await fetch(`${target.baseUrl}${path}`, {
    method: parts.method,
    headers: parts.headers,
    body: parts.body,
    signal: AbortSignal.timeout(120_000),
  });
  await response.arrayBuffer();
}

interface PhaseOptions {
  phase: PhaseName;
  path: string;
  connections: number;
  durationS: number;
  /** Unmeasured load in the same autocannon run before each measurement (see LoadOptions.leadInS). */
  leadInS: number;
}

async function runPhase(
  options: PhaseOptions,
  targets: Target[],
  accounts: Account[],
  context: BenchContext,
): Promise<PhaseResult> {
  const { settings, log } = context;
  const { phase, path, connections, durationS, leadInS } = options;
  const measurements: Record<TargetName, Measurement[]> = { gateway: [], bare: [] };
  for (let round = 0; round < settings.rounds; round += 1) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      log(
        `${phase}, ${target.label}: ${leadInS} s lead-in, then measuring ${durationS} s at ${connections} connections (round ${round + 1}/${settings.rounds})`,
      );
      measurements[target.name].push(
        await measure({
          url: `${target.baseUrl}${path}`,
          connections,
          distinctClients: settings.distinctClients,
          durationS,
          leadInS,
          nextRequest: requestsOf(phase, accounts),
        }),
      );
      await drain(target, phase, path, accounts);
    }
  }
  const figures = { gateway: summarise(measurements.gateway), bare: summarise(measurements.bare) };
  // summarise rounds req/s to a whole number, too coarse for a few logins per second.
  const exact = (f: TargetFigures) => f.responses / f.durationS;
  return {
    connections,
    durationS,
    leadInS,
    requestsPerSecond: { gateway: exact(figures.gateway), bare: exact(figures.bare) },
    figures,
    ratio: {
      requestsPerSecond: exact(figures.gateway) / exact(figures.bare),
      latencyP50: figures.gateway.latencyMs.p50 / figures.bare.latencyMs.p50,
      latencyP99: figures.gateway.latencyMs.p99 / figures.bare.latencyMs.p99,
    },
  };
}

/** `argon2.verify` of a stored hash, `concurrency` at a time in this process, for `durationS`. */
async function argon2Alone(
  hash: string,
  concurrency: number,
  durationS: number,
): Promise<Argon2Alone> {
  const latencies: number[] = [];
  const start = wallClockMs();
  const end = start + durationS * 1000;
  const worker = async () => {
    while (wallClockMs() < end) {
      const begun = wallClockMs();
      if (!(await argon2Verify(hash, PASSWORD))) throw new Error('argon2.verify answered false');
      latencies.push(wallClockMs() - begun);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedS = (wallClockMs() - start) / 1000;
  return {
    concurrency,
    durationS: Math.round(elapsedS * 100) / 100,
    verifications: latencies.length,
    perSecond: Math.round((latencies.length / elapsedS) * 100) / 100,
    latencyMs: summariseLatencies(latencies),
    parameters: /\$(m=\d+,t=\d+,p=\d+)\$/.exec(hash)?.[1] ?? 'unknown',
  };
}

// ---------------------------------------------------------------------------------------------
// Report.

function format(value: number, digits = 2): string {
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const round3 = (value: number) => Math.round(value * 1000) / 1000;

function markdown(
  date: string,
  settings: BenchContext['settings'],
  authSettings: AuthBenchSettings,
  targets: Target[],
  phases: Record<PhaseName, PhaseResult>,
  argon2: Argon2Alone,
  loadAverage: { start: number[]; end: number[] },
  problems: string[],
): string {
  const env = environment();
  const rows: string[][] = [];
  const titles: Record<PhaseName, string> = {
    login: `POST ${LOGIN_PATH}`,
    me: `GET ${ME_PATH}`,
  };
  for (const phase of ['login', 'me'] as const) {
    const result = phases[phase];
    for (const target of targets) {
      const f = result.figures[target.name];
      rows.push([
        titles[phase],
        target.label,
        String(result.connections),
        format(result.requestsPerSecond[target.name], phase === 'login' ? 2 : 0),
        format(f.latencyMs.p50),
        format(f.latencyMs.p99),
        String(f.errors),
        String(f.non2xx),
      ]);
    }
    rows.push([
      titles[phase],
      'gateway / bare',
      '',
      `${format(result.ratio.requestsPerSecond)}×`,
      `${format(result.ratio.latencyP50)}×`,
      `${format(result.ratio.latencyP99)}×`,
      '',
      '',
    ]);
    if (phase === 'login') {
      rows.push([
        'argon2.verify',
        'alone, in the bench process',
        String(argon2.concurrency),
        format(argon2.perSecond, 2),
        format(argon2.latencyMs.p50),
        format(argon2.latencyMs.p99),
        '',
        '',
      ]);
    }
  }
  const table = markdownTable(
    ['request', 'target', 'conn.', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'],
    rows,
    [false, false, true, true, true, true, true, true],
  );
  return [
    `# ${NAME}`,
    '',
    `Login (argon2id ${argon2.parameters}) and an authenticated \`GET ${ME_PATH}\` through`,
    'gateway → NATS → identity → PostgreSQL, against a bare Fastify + pg server doing the same',
    'work in one process (same query, argon2 verification, refresh-token insert, EdDSA',
    `signature / verification with jose). ${authSettings.accounts} verified family accounts,`,
    'created through the gateway (sign-up, then the token of the verification e-mail read',
    "from identity's outbox), requests round-robin over them.",
    '',
    `${date} · Node ${env.node} · ${env.cpuCount} CPU (${env.cpuModel}) · ` +
      `${settings.rounds} round(s) per target, each ${phases.login.leadInS} s lead-in + ` +
      `${phases.login.durationS} s measured (login), ${phases.me.leadInS} s + ` +
      `${phases.me.durationS} s (me) · ` +
      (settings.distinctClients
        ? 'one client (X-Forwarded-For) per connection'
        : 'all connections as one client') +
      ` · load average ${loadAverage.start.join(' ')} at start, ${loadAverage.end.join(' ')} at end`,
    '',
    table,
    '',
    problems.length
      ? `**Not valid:** ${problems.join('; ')}`
      : 'Valid: no connection error, timeout or non-2xx answer on any target.',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------

async function run(context: BenchContext): Promise<BenchOutcome> {
  const { settings, rootDir, log } = context;
  const authSettings = loadAuthSettings();
  const loadAtStart = loadavg();
  const { serverUrl, natsUrl } = await requireInfrastructure();
  await removeLeftovers(serverUrl, natsUrl, log);

  const runId = randomBytes(4).toString('hex');
  const database = `${DATABASE_PREFIX}${runId}`;
  const databaseUrl = withDatabase(serverUrl, database);
  await ensureDatabase(serverUrl, database);
  context.defer(`drop database ${database}`, () => dropDatabase(serverUrl, database));
  // Held for the whole run: a database with a connection is not taken for a left-over.
  const db = new Client({ connectionString: databaseUrl, application_name: 'portail-bench' });
  await db.connect();
  context.defer('close the database client', () => db.end());

  const stream = `${STREAM_PREFIX}${runId.toUpperCase()}`;
  context.defer(`delete stream ${stream}`, () => deleteStream(natsUrl, stream));
  const messaging = {
    NATS_URL: natsUrl,
    // Requests and events of this run stay apart from any other copy on this NATS.
    NATS_SUBJECT_PREFIX: `benchauth${runId}.`,
  };

  const start = (name: string, script: string, env: NodeJS.ProcessEnv): ManagedProcess => {
    const managed = spawnNode(name, rootDir, script, env);
    context.defer(`stop ${name}`, () => managed.stop());
    return managed;
  };
  const common = { NODE_ENV: 'production', LOG_LEVEL: 'warn', SHUTDOWN_TIMEOUT_MS: '3000' };
  // In production identity refuses to start without a signing key; the bare server signs
  // and verifies with the same key and key id.
  const signing = {
    JWT_PRIVATE_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    JWT_KEY_ID: `bench-${runId}`,
    ACCESS_TOKEN_TTL_S: String(ACCESS_TOKEN_TTL_S),
  };

  const [identityPort, gatewayPort, barePort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  log(
    `database ${database}, stream ${stream}; identity on :${identityPort}, gateway on :${gatewayPort}, bare server on :${barePort}`,
  );
  const identity = start('identity', 'dist/services/identity/src/main.js', {
    ...common,
    ...messaging,
    ...signing,
    EVENTS_STREAM: stream,
    EVENTS_SUBJECT_PREFIX: `benchauth${runId}.events`,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    RUN_MIGRATIONS: 'true',
    HTTP_PORT: String(identityPort),
  });
  const gateway = start('gateway', 'dist/services/gateway/src/main.js', {
    ...common,
    ...messaging,
    DATABASE_URL: undefined,
    HTTP_PORT: String(gatewayPort),
    RATE_LIMIT_PER_MINUTE: String(GATEWAY_RATE_LIMIT_PER_MINUTE),
    AUTH_RATE_LIMIT_PER_MINUTE: String(GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE),
    // The load generator's X-Forwarded-For names the client, as the ingress would.
    TRUST_PROXY: '127.0.0.1',
  });
  await waitForOk(identity, `http://127.0.0.1:${identityPort}/health/ready`);
  // The bare server reads tables that identity's migrations create.
  const bare = start('bare server', 'dist/bench/support/bare-auth-server.js', {
    ...common,
    ...signing,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    HTTP_PORT: String(barePort),
  });
  await waitForOk(gateway, `http://127.0.0.1:${gatewayPort}/health/ready`);
  await waitForOk(bare, `http://127.0.0.1:${barePort}/health/ready`);

  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const setupStart = wallClockMs();
  const accounts = await createAccounts(
    gatewayUrl,
    { db, natsUrl, subjectPrefix: messaging.NATS_SUBJECT_PREFIX },
    runId,
    authSettings.accounts,
  );
  const setupS = Math.round((wallClockMs() - setupStart) / 100) / 10;
  log(`${accounts.length} verified family accounts created through the gateway in ${setupS} s`);

  const targets: Target[] = [
    { name: 'gateway', label: 'gateway → NATS → identity', baseUrl: gatewayUrl },
    { name: 'bare', label: 'bare Fastify + pg', baseUrl: `http://127.0.0.1:${barePort}` },
  ];
  await checkEquivalent(targets, accounts);

  const { rows } = await db.query<{ password_hash: string }>(
    'SELECT password_hash FROM accounts WHERE id = $1',
    [accounts[0].accountId],
  );
  log(
    `argon2.verify alone: ${authSettings.loginDurationS} s at ${authSettings.loginConnections} at a time`,
  );
  const argon2 = await argon2Alone(
    rows[0].password_hash,
    authSettings.loginConnections,
    authSettings.loginDurationS,
  );

  const phases: Record<PhaseName, PhaseResult> = {
    login: await runPhase(
      {
        phase: 'login',
        path: LOGIN_PATH,
        connections: authSettings.loginConnections,
        durationS: authSettings.loginDurationS,
        leadInS: Math.max(settings.warmupS, LOGIN_MIN_LEAD_IN_S),
      },
      targets,
      accounts,
      context,
    ),
    me: await runPhase(
      {
        phase: 'me',
        path: ME_PATH,
        connections: settings.connections,
        durationS: settings.durationS,
        leadInS: settings.warmupS,
      },
      targets,
      accounts,
      context,
    ),
  };
  for (const managed of [identity, gateway, bare]) {
    if (!managed.running)
      throw new Error(`${managed.name} stopped during the run.\n${managed.describe()}`);
  }

  const problems = (['login', 'me'] as const).flatMap((phase) =>
    targets.flatMap((target) =>
      problemsOf(`${phase} ${target.name}`, phases[phase].figures[target.name]),
    ),
  );
  const date = new Date().toISOString();
  // Anything else running moves the figures: the load average says whether the machine was quiet.
  const loadAverage = { start: loadAtStart.map(round2), end: loadavg().map(round2) };
  const summary = markdown(
    date,
    settings,
    authSettings,
    targets,
    phases,
    argon2,
    loadAverage,
    problems,
  );
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
      ...authSettings,
      meConnections: settings.connections,
      pipelining: 1,
      requests: {
        login: `POST ${LOGIN_PATH} {email, password}, round-robin over the accounts`,
        me: `GET ${ME_PATH} with Authorization: Bearer <access token of the account>, round-robin`,
      },
      accountsCreated:
        'through the gateway: POST /api/v1/accounts, then POST /api/v1/accounts/verify-email with ' +
        "the token of identity's outbox event identity.account.email-verification-requested, then a login",
      accountSetupS: setupS,
      argon2: `argon2id ${argon2.parameters} (identity's PasswordHasher, library defaults)`,
      databasePoolSize: POOL_SIZE,
      accessTokenTtlS: ACCESS_TOKEN_TTL_S,
      gatewayRateLimitPerMinute: GATEWAY_RATE_LIMIT_PER_MINUTE,
      gatewayAuthRateLimitPerMinute: GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE,
      gatewayTrustProxy: '127.0.0.1',
      clients: settings.distinctClients
        ? 'one X-Forwarded-For address per connection (distinct clients behind a proxy)'
        : 'every connection from 127.0.0.1 (one client)',
      loadGenerator: 'autocannon, in the bench process',
      latency: 'per response, from autocannon response events, microsecond resolution',
    },
    phases: Object.fromEntries(
      (['login', 'me'] as const).map((phase) => [
        phase,
        {
          request: phase === 'login' ? `POST ${LOGIN_PATH}` : `GET ${ME_PATH}`,
          connections: phases[phase].connections,
          leadInS: phases[phase].leadInS,
          durationS: phases[phase].durationS,
          targets: Object.fromEntries(
            targets.map((target) => [
              target.name,
              {
                label: target.label,
                ...phases[phase].figures[target.name],
                requestsPerSecond:
                  Math.round(phases[phase].requestsPerSecond[target.name] * 100) / 100,
              },
            ]),
          ),
          ratio: {
            requestsPerSecond: round3(phases[phase].ratio.requestsPerSecond),
            latencyP50: round3(phases[phase].ratio.latencyP50),
            latencyP99: round3(phases[phase].ratio.latencyP99),
            meaning:
              'gateway divided by bare: below 1 for req/s and above 1 for latency is the cost of the architecture',
          },
        },
      ]),
    ),
    argon2Alone: {
      ...argon2,
      meaning:
        'argon2.verify of a stored hash in the bench process, as many at a time as login connections: the ceiling of both login targets',
    },
  };
  const files = await writeResults(context.resultsDir, NAME, json, summary);
  log(`results written to ${files.join(' and ')}`);
  return { valid: problems.length === 0, summary };
}

export const benchmark: Benchmark = {
  name: NAME,
  description:
    'POST /api/v1/auth/login (argon2 bound) and an authenticated GET /api/v1/me through gateway → NATS → identity, against a bare Fastify + pg server doing the same work',
  run,
};

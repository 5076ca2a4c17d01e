/**
 * gateway-roundtrip: what the gateway → NATS → service → gateway round trip costs.
 *
 * Target "gateway": `GET /api/v1/organisations` on the real gateway, which asks the real
 * identity service over NATS; identity reads the organisations from PostgreSQL (TypeORM).
 * Target "bare": a bare Fastify handler (bench/bare-server.ts) that runs the same query with
 * `pg` on the same database and returns the same JSON, in one process.
 * Both run as separate `node` processes built by `npm run build`, measured one after the
 * other in the same run with the same load, so the ratio says what the architecture costs.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { Subjects } from '@portail/contracts';
import type { BenchContext, BenchOutcome, Benchmark } from './support/benchmark';
import {
  measure,
  problemsOf,
  summarise,
  warmUp,
  type Measurement,
  type TargetFigures,
} from './support/load';
import {
  freePort,
  requireInfrastructure,
  spawnNode,
  waitForOk,
  type ManagedProcess,
} from './support/processes';
import { environment, markdownTable, writeResults } from './support/report';
import { deferStreamDeletion, freshDatabase, removeLeftovers } from './support/run-resources';
import { checkSameAnswerShape } from './support/smoke';
import { measureValidationCost, type ValidationCost } from './support/validation-cost';
import { measureCallerProofCost, type CallerProofCost } from './support/caller-proof-cost';

const NAME = 'gateway-roundtrip';
/** Each run has a database `portail_bench_roundtrip_<random>` and a stream of its own. */
const DATABASE_PREFIX = 'portail_bench_roundtrip_';
const STREAM_PREFIX = 'BENCH_ROUNDTRIP_';
const PATH = '/api/v1/organisations';
const POOL_SIZE = 10;
/** The gateway's configuration accepts at most 1 000 000 (RATE_LIMIT_PER_MINUTE). */
const GATEWAY_RATE_LIMIT_PER_MINUTE = 1_000_000;

/** The directory as it is in production: Vichy Communauté and its three communes. */
const ORGANISATIONS = [
  { slug: 'vichy-communaute', name: 'Vichy Communauté', kind: 'intercommunality' },
  { slug: 'vichy', name: 'Vichy', kind: 'commune' },
  { slug: 'cusset', name: 'Cusset', kind: 'commune' },
  { slug: 'bellerive-sur-allier', name: 'Bellerive-sur-Allier', kind: 'commune' },
] as const;

type TargetName = 'gateway' | 'bare';

interface Target {
  name: TargetName;
  label: string;
  url: string;
}

async function seedOrganisations(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const organisation of ORGANISATIONS) {
      await client.query(
        'INSERT INTO organisations (id, slug, name, kind) VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO NOTHING',
        [uuidv7(), organisation.slug, organisation.name, organisation.kind],
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * Both targets must give the same answer, or the comparison means nothing: the same status
 * and JSON shape (the smoke check, with a readable difference), then byte-identical bodies.
 */
async function checkSameAnswer(targets: Target[]): Promise<void> {
  const answers = await checkSameAnswerShape(
    `GET ${PATH}`,
    targets.map((target) => ({ label: target.label, url: target.url })),
  );
  const [reference, ...others] = answers.map((answer) => answer.body);
  const parsed = JSON.parse(reference) as unknown[];
  if (parsed.length !== ORGANISATIONS.length) {
    throw new Error(`Expected ${ORGANISATIONS.length} organisations, got: ${reference}`);
  }
  others.forEach((body, index) => {
    if (body !== reference) {
      throw new Error(
        `${targets[index + 1].label} does not answer like ${targets[0].label}:\n${body}\n${reference}`,
      );
    }
  });
}

function format(value: number, digits = 2): string {
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function markdown(
  date: string,
  settings: BenchContext['settings'],
  targets: Target[],
  figures: Record<TargetName, TargetFigures>,
  ratio: { requestsPerSecond: number; latencyP50: number; latencyP99: number },
  problems: string[],
  validation: ValidationCost,
  load: LoadAverage,
  callerProof: CallerProofCost,
): string {
  const env = environment();
  const rows = targets.map((target) => {
    const f = figures[target.name];
    return [
      target.label,
      format(f.requestsPerSecond, 0),
      format(f.latencyMs.p50),
      format(f.latencyMs.p99),
      String(f.errors),
      String(f.non2xx),
    ];
  });
  rows.push([
    'gateway / bare',
    `${format(ratio.requestsPerSecond)}×`,
    `${format(ratio.latencyP50)}×`,
    `${format(ratio.latencyP99)}×`,
    '',
    '',
  ]);
  const table = markdownTable(['target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'], rows, [
    false,
    true,
    true,
    true,
    true,
    true,
  ]);
  return [
    `# ${NAME}`,
    '',
    `\`GET ${PATH}\` through gateway → NATS → identity → PostgreSQL, against a bare Fastify`,
    'handler running the same query with `pg` in one process.',
    '',
    `${date} · Node ${env.node} · ${env.cpuCount} CPU (${env.cpuModel}) · ` +
      `${settings.connections} connections · ${settings.warmupS} s warm-up · ` +
      `${settings.rounds} × ${settings.durationS} s measured per target · ` +
      (settings.distinctClients
        ? 'one client (X-Forwarded-For) per connection'
        : 'all connections as one client'),
    '',
    `Load average (1 min) at start ${format(load.start[0])}, at end ${format(load.end[0])} on ` +
      `${cpus().length} CPU: above the CPU count, other processes took CPU and the figures are low.`,
    '',
    table,
    '',
    problems.length
      ? `**Not valid:** ${problems.join('; ')}`
      : 'Valid: no connection error, timeout or non-2xx answer on either target.',
    '',
    validationMarkdown(validation),
    '',
    callerProofMarkdown(callerProof, figures.gateway),
  ].join('\n');
}

function callerProofMarkdown(cost: CallerProofCost, gateway: TargetFigures): string {
  const both = cost.figures.find((f) => f.operation === 'sign + verify');
  const addedMs = (both?.microsecondsPerOperation ?? 0) / 1000;
  const share = (addedMs / gateway.latencyMs.p50) * 100;
  // At saturation the machine's CPUs are what a request costs: CPU count / req/s.
  const cpuPerRequestMs = (cpus().length * 1000) / gateway.requestsPerSecond;
  return [
    '## Verifiable callers: cost per request',
    '',
    'Every request the gateway forwards carries a proof (`x-portail-caller-proof`): the gateway',
    'signs the caller, subject, SHA-256 of the body, issued-at and a unique id with Ed25519; the',
    'service checks signature, subject, body, freshness and its replay cache before the handler.',
    'The gateway target above runs with them (as in production); timed here in the bench process',
    `before the services start, on an agent's request, ${cost.iterations.toLocaleString('en-US')} operations`,
    'each in 10 batches (median batch, beside the fastest and slowest):',
    '',
    markdownTable(
      ['operation', 'µs / request', 'batches, µs'],
      cost.figures.map((f) => [
        f.operation,
        format(f.microsecondsPerOperation),
        `${format(f.batchMicroseconds.min)} – ${format(f.batchMicroseconds.max)}`,
      ]),
      [false, true, true],
    ),
    '',
    `The proof adds ${cost.headerBytes} bytes of header to each request. Sign + verify is ` +
      `${format(share)} % of the gateway's p50 latency in this run; at saturation, where CPU ` +
      `is the limit, it is ${format((addedMs / cpuPerRequestMs) * 100)} % of the CPU time a ` +
      `request takes (${cpus().length} CPU / ${format(gateway.requestsPerSecond, 0)} req/s = ` +
      `${format(cpuPerRequestMs)} ms), i.e. about that share of throughput.`,
  ].join('\n');
}

interface LoadAverage {
  start: number[];
  end: number[];
}

function validationMarkdown(validation: ValidationCost): string {
  const rows = validation.figures.map((f) => [
    f.tool,
    f.body,
    format(f.microsecondsPerValidation),
    `${format(f.batchMicroseconds.min)} – ${format(f.batchMicroseconds.max)}`,
    format(f.validationsPerSecond, 0),
  ]);
  rows.push(['zod ÷ class-validator', 'valid', `${format(validation.ratio.valid)}×`, '', '']);
  rows.push(['zod ÷ class-validator', 'invalid', `${format(validation.ratio.invalid)}×`, '', '']);
  return [
    '## Validation cost per request',
    '',
    'The sign-up body (`SignUpCommand`: e-mail, password rules, names, phone, nested postal',
    'address, acceptTerms) validated in the bench process before the services start:',
    "class-validator + class-transformer as the gateway's ValidationPipe runs them",
    '(`plainToInstance`, then `validate` with `whitelist` and `forbidNonWhitelisted`) against a',
    'zod 4 `strictObject` schema of the same rules (`safeParse`). Invalid body: refused by both',
    `on ${validation.invalidFields.join(', ')}. ` +
      `${validation.iterations.toLocaleString('en-US')} validations each after ` +
      `${validation.warmupIterations.toLocaleString('en-US')} of warm-up, one after the other in ` +
      '10 batches: µs / validation is the median batch, beside the fastest and slowest.',
    '',
    markdownTable(['tool', 'body', 'µs / validation', 'batches, µs', 'validations/s'], rows, [
      false,
      false,
      true,
      true,
      true,
    ]),
  ].join('\n');
}

async function run(context: BenchContext): Promise<BenchOutcome> {
  const { settings, rootDir, log } = context;
  const { serverUrl, natsUrl } = await requireInfrastructure();
  const loadAtStart = loadavg();

  // In-process and before any child process starts: nothing else competes for the CPU.
  log('validation cost: class-validator + class-transformer against zod, sign-up body');
  const validation = await measureValidationCost();
  for (const f of validation.figures) {
    log(`validation cost: ${f.tool}, ${f.body} body: ${f.microsecondsPerValidation} µs`);
  }
  log('caller proof cost: Ed25519 sign (gateway) and verify (service)');
  const callerProof = measureCallerProofCost();
  for (const f of callerProof.figures) {
    log(`caller proof cost: ${f.operation}: ${f.microsecondsPerOperation} µs`);
  }

  const prefixes = { databasePrefix: DATABASE_PREFIX, streamPrefix: STREAM_PREFIX };
  await removeLeftovers(serverUrl, natsUrl, prefixes, log);
  const runId = randomBytes(4).toString('hex');
  const { url: databaseUrl } = await freshDatabase(
    context,
    serverUrl,
    `${DATABASE_PREFIX}${runId}`,
  );
  const stream = `${STREAM_PREFIX}${runId.toUpperCase()}`;
  deferStreamDeletion(context, natsUrl, stream);
  // Requests and events of this run stay apart from any other copy (`npm start`) on this NATS.
  const messaging = {
    NATS_URL: natsUrl,
    NATS_SUBJECT_PREFIX: `benchroundtrip${runId}.`,
    EVENTS_STREAM: stream,
    EVENTS_SUBJECT_PREFIX: `benchroundtrip${runId}.events`,
  };

  const start = (name: string, script: string, env: NodeJS.ProcessEnv): ManagedProcess => {
    const managed = spawnNode(name, rootDir, script, env);
    context.defer(`stop ${name}`, () => managed.stop());
    return managed;
  };
  const common = { NODE_ENV: 'production', LOG_LEVEL: 'warn', SHUTDOWN_TIMEOUT_MS: '3000' };

  const [identityPort, gatewayPort, barePort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  log(
    `starting identity on :${identityPort}, gateway on :${gatewayPort}, bare server on :${barePort}`,
  );
  const identity = start('identity', 'dist/services/identity/src/main.js', {
    ...common,
    ...messaging,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    RUN_MIGRATIONS: 'true',
    HTTP_PORT: String(identityPort),
    // In production identity refuses to start without a signing key.
    JWT_PRIVATE_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  });
  const gateway = start('gateway', 'dist/services/gateway/src/main.js', {
    ...common,
    ...messaging,
    DATABASE_URL: undefined,
    HTTP_PORT: String(gatewayPort),
    RATE_LIMIT_PER_MINUTE: String(GATEWAY_RATE_LIMIT_PER_MINUTE),
    // The load generator's X-Forwarded-For names the client, as an ingress would.
    TRUST_PROXY: '127.0.0.1',
  });
  const bare = start('bare server', 'dist/bench/bare-server.js', {
    ...common,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    HTTP_PORT: String(barePort),
  });
  // identity applies its migrations before it reports ready; the rows go in after that.
  await waitForOk(identity, `http://127.0.0.1:${identityPort}/health/ready`);
  await seedOrganisations(databaseUrl);
  await waitForOk(gateway, `http://127.0.0.1:${gatewayPort}/health/ready`);
  await waitForOk(bare, `http://127.0.0.1:${barePort}/health/ready`);

  const targets: Target[] = [
    {
      name: 'gateway',
      label: 'gateway → NATS → identity',
      url: `http://127.0.0.1:${gatewayPort}${PATH}`,
    },
    { name: 'bare', label: 'bare Fastify + pg', url: `http://127.0.0.1:${barePort}${PATH}` },
  ];
  await checkSameAnswer(targets);

  const measurements: Record<TargetName, Measurement[]> = { gateway: [], bare: [] };
  for (let round = 0; round < settings.rounds; round += 1) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const load = {
        url: target.url,
        connections: settings.connections,
        distinctClients: settings.distinctClients,
      };
      if (round === 0) {
        log(`${target.label}: warm-up ${settings.warmupS} s`);
        await warmUp({ ...load, durationS: settings.warmupS });
      }
      log(
        `${target.label}: measuring ${settings.durationS} s (round ${round + 1}/${settings.rounds})`,
      );
      measurements[target.name].push(await measure({ ...load, durationS: settings.durationS }));
    }
  }
  for (const managed of [identity, gateway, bare]) {
    if (!managed.running)
      throw new Error(`${managed.name} stopped during the run.\n${managed.describe()}`);
  }

  const figures = { gateway: summarise(measurements.gateway), bare: summarise(measurements.bare) };
  const ratio = {
    requestsPerSecond: figures.gateway.requestsPerSecond / figures.bare.requestsPerSecond,
    latencyP50: figures.gateway.latencyMs.p50 / figures.bare.latencyMs.p50,
    latencyP99: figures.gateway.latencyMs.p99 / figures.bare.latencyMs.p99,
  };
  const problems = targets.flatMap((target) => problemsOf(target.name, figures[target.name]));
  const date = new Date().toISOString();
  const round2 = (value: number) => Math.round(value * 100) / 100;
  const load = { start: loadAtStart.map(round2), end: loadavg().map(round2) };
  const summary = markdown(
    date,
    settings,
    targets,
    figures,
    ratio,
    problems,
    validation,
    load,
    callerProof,
  );
  const json = {
    benchmark: NAME,
    description: benchmark.description,
    date,
    valid: problems.length === 0,
    problems,
    environment: environment(),
    loadAverage: { ...load, meaning: '1, 5 and 15 minutes (os.loadavg) at start and end' },
    settings: {
      ...settings,
      pipelining: 1,
      request: `GET ${PATH}`,
      organisations: ORGANISATIONS.length,
      databasePoolSize: POOL_SIZE,
      gatewayRateLimitPerMinute: GATEWAY_RATE_LIMIT_PER_MINUTE,
      clients: settings.distinctClients
        ? 'one X-Forwarded-For address per connection (distinct clients behind a proxy)'
        : 'every connection from 127.0.0.1 (one client)',
      loadGenerator: 'autocannon, in the bench process',
      latency: 'per response, from autocannon response events, microsecond resolution',
    },
    targets: Object.fromEntries(
      targets.map((target) => [target.name, { label: target.label, ...figures[target.name] }]),
    ),
    ratio: {
      requestsPerSecond: Math.round(ratio.requestsPerSecond * 1000) / 1000,
      latencyP50: Math.round(ratio.latencyP50 * 1000) / 1000,
      latencyP99: Math.round(ratio.latencyP99 * 1000) / 1000,
      meaning:
        'gateway divided by bare: below 1 for req/s and above 1 for latency is the cost of the round trip',
    },
    validation: {
      request: 'sign-up body (SignUpCommand), valid and invalid',
      classValidator:
        'plainToInstance(SignUpCommand, body) then validate(instance, { whitelist: true, forbidNonWhitelisted: true })',
      zod: 'z.strictObject of the same rules, safeParse',
      ...validation,
      ratioMeaning:
        'zod divided by class-validator, µs per validation: below 1 means zod is cheaper',
    },
    callerProof: {
      request: `${Subjects.identity.organisationsList} with an agent caller, as the gateway forwards it`,
      ...callerProof,
      meaning: 'µs per request on one CPU, in the bench process; the gateway target runs with them',
    },
  };
  const files = await writeResults(context.resultsDir, NAME, json, summary);
  log(`results written to ${files.join(' and ')}`);
  return { valid: problems.length === 0, summary };
}

export const benchmark: Benchmark = {
  name: NAME,
  description:
    'GET /api/v1/organisations through gateway → NATS → identity → PostgreSQL, against a bare Fastify + pg handler doing the same query',
  run,
};

/**
 * content-home: what the public portal home costs through the architecture, and what
 * `If-None-Match` saves.
 *
 * Targets, measured one after the other in the same run with the same load:
 * - "gateway": `GET /api/v1/content/home` on the real gateway, which asks the real content
 *   service over NATS; content runs three queries (pinned news, latest news, tiles) with
 *   TypeORM; the gateway hashes the JSON into an ETag.
 * - "gateway 304": the same request with the ETag in `If-None-Match`: the same work behind
 *   the gateway (the ETag is a hash of what the service answers), no body on the wire.
 * - "bare" and "bare 304": one Fastify handler (bench/support/content-home-bare-server.ts)
 *   running the same queries with `pg` and answering the same JSON and ETag.
 * Services run from dist/ as separate processes, on a fresh database, with a NATS subject
 * prefix and an events stream of this run's own.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { dropDatabase, ensureDatabase, withDatabase } from '@portail/database';
import type { BenchContext, BenchOutcome, Benchmark } from './support/benchmark';
import {
  measure,
  problemsOf,
  summarise,
  warmUp,
  type Measurement,
  type TargetFigures,
} from './support/load';
import { freePort, spawnNode, type ManagedProcess, waitForOk } from './support/processes';
import { environment, markdownTable, writeResults } from './support/report';
import { clearedInfrastructure } from './support/run-resources';
import { assertSameAnswerShape } from './support/smoke';

const NAME = 'content-home';
/** Each run has databases `portail_bench_content_<random>_{content,identity}` of its own. */
const DATABASE_PREFIX = 'portail_bench_content_';
const STREAM_PREFIX = 'BENCH_CONTENT_';
const PATH = '/api/v1/content/home';
const POOL_SIZE = 10;
const GATEWAY_RATE_LIMIT_PER_MINUTE = 1_000_000;
const NEWS_PER_ORGANISATION = 6;

type TargetName = 'gateway' | 'gateway304' | 'bare' | 'bare304';

interface Target {
  name: TargetName;
  label: string;
  url: string;
  conditional: boolean;
}

/** A home as the demo has it: four organisations, news (two pinned), an activity and a contact tile each. */
async function seedContent(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const day = 86_400_000;
    for (let organisation = 0; organisation < 4; organisation += 1) {
      const organisationId = uuidv7();
      for (let index = 0; index < NEWS_PER_ORGANISATION; index += 1) {
        await client.query(
          `INSERT INTO news_items (id, organisation_id, title, summary, body_markdown, body_html,
             body_text, category, publish_from, pinned, status, published_at)
           VALUES ($1, $2, $3, $4, $5, $6, $5, 'periscolaire', $7, $8, 'published', $7)`,
          [
            uuidv7(),
            organisationId,
            `Inscriptions périscolaires ${organisation}-${index}`,
            'Inscriptions périscolaires 2021-2022 ouvertes à partir du 1er juillet 2021',
            'Les inscriptions se font sur le portail famille.',
            '<p>Les inscriptions se font sur le <strong>portail famille</strong>.</p>',
            new Date(Date.now() - (organisation * NEWS_PER_ORGANISATION + index + 1) * day),
            index === 0 && organisation < 2,
          ],
        );
      }
      await client.query(
        `INSERT INTO tiles (id, organisation_id, kind, title, body_html, blocks, position, status)
         VALUES ($1, $2, 'activity', 'Préinscriptions scolaires', $3, $4, 1, 'published'),
                ($5, $2, 'contact', 'Vos interlocuteurs', '', $6, 2, 'published')`,
        [
          uuidv7(),
          organisationId,
          '<ul><li>Les préinscriptions scolaires sont possibles tout au long de l’année</li></ul>',
          JSON.stringify({
            schools: [
              {
                name: 'École maternelle Jean Zay',
                address: 'Rue de la Perche',
                phone: '04 70 32 31 42',
                directorRole: 'Directrice',
                directorName: 'Claire DUVAL',
              },
              {
                name: 'École élémentaire Marx Dormoy',
                address: '14 rue Adrien Cavy',
                phone: '04 70 32 07 65',
                directorRole: 'Directrice',
                directorName: 'Nathalie ROUSSEL',
              },
            ],
            openingHours: [{ label: 'Écoles maternelles', hours: 'de 8h30 à 11h45' }],
          }),
          uuidv7(),
          JSON.stringify({
            contacts: [
              {
                service: 'Restauration scolaire',
                phone: '04 70 30 55 04',
                voicemail: '04 70 30 55 90',
              },
            ],
          }),
        ],
      );
    }
  } finally {
    await client.end();
  }
}

/** Both servers must give the same body and ETag, or the comparison means nothing. */
async function sameAnswer(gatewayUrl: string, bareUrl: string): Promise<string> {
  const answers = await Promise.all(
    [gatewayUrl, bareUrl].map(async (url) => {
      const response = await fetch(url);
      const body = await response.text();
      return { status: response.status, body, etag: response.headers.get('etag') ?? '' };
    }),
  );
  const [gateway, bare] = answers;
  assertSameAnswerShape('GET /api/v1/content/home', [
    { label: 'gateway', ...gateway },
    { label: 'bare server', ...bare },
  ]);
  if (gateway.body !== bare.body || gateway.etag !== bare.etag) {
    throw new Error(
      `The bare server does not answer like the gateway:\n${bare.body}\n${gateway.body}`,
    );
  }
  const home = JSON.parse(gateway.body) as {
    pinned: unknown[];
    latest: unknown[];
    tiles: unknown[];
  };
  if (home.pinned.length !== 2 || home.latest.length !== 5 || home.tiles.length !== 8) {
    throw new Error(`Unexpected home: ${gateway.body}`);
  }
  return gateway.etag;
}

/** A conditional target is valid when it answered 304 every time, nothing else. */
function problemsOfTarget(target: Target, figures: TargetFigures): string[] {
  if (!target.conditional) return problemsOf(target.name, figures);
  const problems = problemsOf(target.name, figures).filter((p) => !p.includes('not 2xx'));
  const other = Object.entries(figures.non2xxStatuses ?? {}).filter(([status]) => status !== '304');
  if (figures.non2xx === 0) problems.push(`${target.name}: no 304 answer`);
  if (other.length || figures.non2xx < figures.responses) {
    problems.push(
      `${target.name}: answers other than 304 (${JSON.stringify(figures.non2xxStatuses)})`,
    );
  }
  return problems;
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
  problems: string[],
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
      target.conditional ? `${f.non2xx} × 304` : String(f.non2xx),
    ];
  });
  const ratio = (a: TargetName, b: TargetName) =>
    `${format(figures[a].requestsPerSecond / figures[b].requestsPerSecond)}×`;
  rows.push(['gateway / bare (200)', ratio('gateway', 'bare'), '', '', '', '']);
  rows.push(['gateway 304 / bare 304', ratio('gateway304', 'bare304'), '', '', '', '']);
  rows.push(['gateway 304 / gateway 200', ratio('gateway304', 'gateway'), '', '', '', '']);
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
    `\`GET ${PATH}\` (visitor, all organisations: 2 pinned, 5 latest news, 8 tiles) through`,
    'gateway → NATS → content → PostgreSQL, with and without `If-None-Match`, against a bare',
    'Fastify handler running the same queries with `pg` and answering the same JSON and ETag.',
    '',
    `${date} · Node ${env.node} · ${env.cpuCount} CPU (${env.cpuModel}) · ` +
      `${settings.connections} connections · ${settings.warmupS} s warm-up · ` +
      `${settings.rounds} × ${settings.durationS} s measured per target`,
    '',
    table,
    '',
    problems.length
      ? `**Not valid:** ${problems.join('; ')}`
      : 'Valid: no connection error or timeout; 200 targets answered 2xx only, 304 targets 304 only.',
  ].join('\n');
}

async function run(context: BenchContext): Promise<BenchOutcome> {
  const { settings, rootDir, log } = context;
  const { serverUrl, natsUrl } = await clearedInfrastructure(
    { databasePrefix: DATABASE_PREFIX, streamPrefix: STREAM_PREFIX },
    log,
  );
  const id = randomBytes(3).toString('hex');
  const CONTENT_DATABASE = `${DATABASE_PREFIX}${id}_content`;
  const IDENTITY_DATABASE = `${DATABASE_PREFIX}${id}_identity`;
  for (const database of [CONTENT_DATABASE, IDENTITY_DATABASE]) {
    await ensureDatabase(serverUrl, database);
    context.defer(`drop database ${database}`, () => dropDatabase(serverUrl, database));
  }
  const streamEnv = {
    EVENTS_STREAM: `${STREAM_PREFIX}${id.toUpperCase()}`,
    EVENTS_SUBJECT_PREFIX: `benchcontent${id}.events`,
  };
  context.defer(`delete stream ${streamEnv.EVENTS_STREAM}`, async () => {
    const connection = await connect({ servers: natsUrl });
    try {
      await (
        await connection.jetstreamManager()
      ).streams
        .delete(streamEnv.EVENTS_STREAM)
        .catch(() => false);
    } finally {
      await connection.close();
    }
  });

  const start = (name: string, script: string, env: NodeJS.ProcessEnv): ManagedProcess => {
    const managed = spawnNode(name, rootDir, script, env);
    context.defer(`stop ${name}`, () => managed.stop());
    return managed;
  };
  const common: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT_MS: '3000',
    NATS_URL: natsUrl,
    NATS_SUBJECT_PREFIX: `bench${id}.`,
    ...streamEnv,
  };
  const [identityPort, contentPort, gatewayPort, barePort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  log(
    `starting identity :${identityPort}, content :${contentPort}, gateway :${gatewayPort}, bare :${barePort}`,
  );
  // identity answers the gateway's JWKS requests; the home itself needs no token
  const identity = start('identity', 'dist/services/identity/src/main.js', {
    ...common,
    DATABASE_URL: withDatabase(serverUrl, IDENTITY_DATABASE),
    HTTP_PORT: String(identityPort),
    JWT_PRIVATE_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  });
  const contentUrl = withDatabase(serverUrl, CONTENT_DATABASE);
  const content = start('content', 'dist/services/content/src/main.js', {
    ...common,
    DATABASE_URL: contentUrl,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    RUN_MIGRATIONS: 'true',
    HTTP_PORT: String(contentPort),
  });
  const gateway = start('gateway', 'dist/services/gateway/src/main.js', {
    ...common,
    DATABASE_URL: undefined,
    HTTP_PORT: String(gatewayPort),
    RATE_LIMIT_PER_MINUTE: String(GATEWAY_RATE_LIMIT_PER_MINUTE),
  });
  const bare = start('bare server', 'dist/bench/support/content-home-bare-server.js', {
    ...common,
    DATABASE_URL: contentUrl,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    HTTP_PORT: String(barePort),
  });
  await waitForOk(content, `http://127.0.0.1:${contentPort}/health/ready`);
  await seedContent(contentUrl);
  await waitForOk(identity, `http://127.0.0.1:${identityPort}/health/ready`);
  await waitForOk(gateway, `http://127.0.0.1:${gatewayPort}/health/ready`);
  await waitForOk(bare, `http://127.0.0.1:${barePort}/health/ready`);

  const gatewayUrl = `http://127.0.0.1:${gatewayPort}${PATH}`;
  const bareUrl = `http://127.0.0.1:${barePort}${PATH}`;
  const etag = await sameAnswer(gatewayUrl, bareUrl);
  const targets: Target[] = [
    {
      name: 'gateway',
      label: 'gateway → NATS → content (200)',
      url: gatewayUrl,
      conditional: false,
    },
    {
      name: 'gateway304',
      label: 'gateway, If-None-Match (304)',
      url: gatewayUrl,
      conditional: true,
    },
    { name: 'bare', label: 'bare Fastify + pg (200)', url: bareUrl, conditional: false },
    { name: 'bare304', label: 'bare, If-None-Match (304)', url: bareUrl, conditional: true },
  ];

  const measurements: Record<TargetName, Measurement[]> = {
    gateway: [],
    gateway304: [],
    bare: [],
    bare304: [],
  };
  for (let round = 0; round < settings.rounds; round += 1) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const load = {
        url: target.url,
        connections: settings.connections,
        distinctClients: settings.distinctClients,
        ...(target.conditional
          ? { nextRequest: () => ({ headers: { 'if-none-match': etag } }) }
          : {}),
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
  for (const managed of [identity, content, gateway, bare]) {
    if (!managed.running)
      throw new Error(`${managed.name} stopped during the run.\n${managed.describe()}`);
  }

  const figures = Object.fromEntries(
    targets.map((target) => [target.name, summarise(measurements[target.name])]),
  ) as Record<TargetName, TargetFigures>;
  const problems = targets.flatMap((target) => problemsOfTarget(target, figures[target.name]));
  const date = new Date().toISOString();
  const summary = markdown(date, settings, targets, figures, problems);
  const rate = (a: TargetName, b: TargetName) =>
    Math.round((figures[a].requestsPerSecond / figures[b].requestsPerSecond) * 1000) / 1000;
  const json = {
    benchmark: NAME,
    description: benchmark.description,
    date,
    valid: problems.length === 0,
    problems,
    environment: environment(),
    settings: {
      ...settings,
      pipelining: 1,
      request: `GET ${PATH}`,
      home: { pinned: 2, latest: 5, tiles: 8 },
      databasePoolSize: POOL_SIZE,
      gatewayRateLimitPerMinute: GATEWAY_RATE_LIMIT_PER_MINUTE,
      loadGenerator: 'autocannon, in the bench process',
    },
    targets: Object.fromEntries(
      targets.map((target) => [target.name, { label: target.label, ...figures[target.name] }]),
    ),
    ratio: {
      gatewayOverBare: rate('gateway', 'bare'),
      gateway304OverBare304: rate('gateway304', 'bare304'),
      gateway304OverGateway: rate('gateway304', 'gateway'),
      meaning: 'requests per second of the first target divided by those of the second',
    },
  };
  const files = await writeResults(context.resultsDir, NAME, json, summary);
  log(`results written to ${files.join(' and ')}`);
  return { valid: problems.length === 0, summary };
}

export const benchmark: Benchmark = {
  name: NAME,
  description:
    'GET /api/v1/content/home through gateway → NATS → content → PostgreSQL, with and without If-None-Match, against a bare Fastify + pg handler answering the same JSON and ETag',
  run,
};

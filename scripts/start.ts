/**
 * `npm start`: runs the seven services locally against NATS and PostgreSQL (default
 * addresses, or NATS_URL / DATABASE_URL), creating the service databases if missing,
 * with one readable, prefixed log stream. Ctrl-C stops them all gracefully.
 */
import { join } from 'node:path';
import { demoPaymentSettings } from './demo-payments';
import { demoDataDecision, waitUntilHealthy } from './first-run';
import { runSeedSteps } from './seed-all';
import { Supervisor } from './supervisor';
import { createInterface } from 'node:readline';
import { prettyFactory } from 'pino-pretty';
import {
  ALL_SERVICES,
  BACKEND_SERVICES,
  databaseNameOf,
  DEFAULT_HTTP_PORTS,
  type ServiceName,
} from '@portail/contracts';
import { ensureDatabase, withDatabase } from '@portail/database';
import { generateCallerKeys, isReachable } from '@portail/service-kit';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const COLORS = [36, 33, 32, 35, 34, 31, 96];
const pretty = prettyFactory({
  colorize: process.stdout.isTTY,
  translateTime: 'HH:MM:ss.l',
  ignore: 'pid,hostname,service',
  singleLine: true,
});

function redact(url: string): string {
  const parsed = new URL(url.split(',')[0]);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function explainMissing(pgUp: boolean, natsUp: boolean): string {
  const missing = [
    !pgUp && `PostgreSQL at ${redact(DATABASE_URL)}`,
    !natsUp && `NATS at ${redact(NATS_URL)}`,
  ]
    .filter(Boolean)
    .join(' and ');
  return (
    `Portail Famille cannot reach ${missing}. Start them, then run npm start again: with Docker, ` +
    '`docker compose up -d postgres nats` (or `docker compose up` to run the whole system in containers); ' +
    'without Docker, start a local PostgreSQL (Debian: `pg_ctlcluster <version> main start`) and ' +
    'NATS with JetStream (`nats-server -js -sd /var/lib/nats-server`). To use servers elsewhere, set ' +
    'DATABASE_URL (a PostgreSQL server URL; each service gets its own database on it) and NATS_URL.\n'
  );
}

function prefix(service: ServiceName): string {
  const color = COLORS[ALL_SERVICES.indexOf(service) % COLORS.length];
  const label = service.padEnd(12);
  return process.stdout.isTTY ? `\u001b[${color}m${label}\u001b[0m│ ` : `${label}│ `;
}

function pipeLines(
  service: ServiceName,
  stream: NodeJS.ReadableStream,
  out: NodeJS.WritableStream,
): void {
  const lines = createInterface({ input: stream });
  lines.on('line', (line) => {
    let text = line;
    if (line.startsWith('{')) {
      try {
        text = pretty(line).trimEnd();
      } catch {
        // not JSON after all: print it as it came
      }
    }
    out.write(`${prefix(service)}${text}\n`);
  });
}

async function main(): Promise<void> {
  const [pgUp, natsUp] = await Promise.all([
    isReachable(DATABASE_URL, 5432),
    isReachable(NATS_URL, 4222),
  ]);
  if (!pgUp || !natsUp) {
    process.stderr.write(explainMissing(pgUp, natsUp));
    process.exit(1);
  }
  for (const service of BACKEND_SERVICES) {
    if (await ensureDatabase(DATABASE_URL, databaseNameOf(service))) {
      process.stdout.write(`Created database ${databaseNameOf(service)}\n`);
    }
  }

  // Verifiable callers without configuration: an ephemeral key per service for this run, in
  // the environment of the services and of the demo-data steps (unless keys are given).
  if (!process.env.CALLER_PUBLIC_KEYS && !process.env.CALLER_DEV_KEYS) {
    process.env.CALLER_DEV_KEYS = generateCallerKeys(ALL_SERVICES).devKeys;
  }
  const demoPayments = demoPaymentSettings(process.env, join(__dirname, '../..'));
  if (demoPayments.length) {
    process.stderr.write(
      `[launcher] direct debit with the demo SEPA creditor of Vichy (${demoPayments.join(', ')} for development; README "Direct debit")\n`,
    );
  }
  if (!process.env.NATS_USER && !process.env.NATS_NKEY_SEED && !process.env.NATS_CREDS) {
    process.stderr.write(
      `[launcher] NATS at ${redact(NATS_URL)} without credentials (development only; see README "NATS credentials")\n`,
    );
  }

  const supervisor = new Supervisor((line) => process.stderr.write(`[launcher] ${line}\n`));
  let stopping = false;
  const stopAll = (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('Stopping every service…\n');
    void supervisor.stop().then(() => process.exit(exitCode));
  };
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));

  // A service that crashes is restarted with a back-off (as Kubernetes restarts pods); the
  // others keep serving meanwhile.
  for (const service of [...BACKEND_SERVICES, 'gateway'] as ServiceName[]) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORTAIL_PARENT_PID: String(process.pid),
      NATS_URL,
      HTTP_PORT:
        process.env[`${service.toUpperCase()}_HTTP_PORT`] ?? String(DEFAULT_HTTP_PORTS[service]),
      DATABASE_URL:
        service === 'gateway' ? undefined : withDatabase(DATABASE_URL, databaseNameOf(service)),
    };
    supervisor.start({
      name: service,
      command: process.execPath,
      args: [join(__dirname, '../services', service, 'src/main.js')],
      options: { env, stdio: ['ignore', 'pipe', 'pipe'] },
      onStart: (child) => {
        if (child.stdout) pipeLines(service, child.stdout, process.stdout);
        if (child.stderr) pipeLines(service, child.stderr, process.stderr);
      },
    });
  }
  const api = `http://localhost:${process.env.GATEWAY_HTTP_PORT ?? DEFAULT_HTTP_PORTS.gateway}`;
  process.stdout.write(
    `Portail Famille is starting: API ${api}/api/v1, documentation ${api}/docs. Ctrl-C stops everything.\n`,
  );

  const decision = await demoDataDecision(
    process.env,
    withDatabase(DATABASE_URL, databaseNameOf('identity')),
  );
  if (!decision.load) return;
  if (!(await waitUntilHealthy(`${api}/api/v1`, 180_000)) || stopping) return;
  process.stdout.write(
    'First start on empty databases: loading the demo data (npm run seed; SEED_DEMO_DATA=false skips it)…\n',
  );
  const loaded = await runSeedSteps((line) => process.stdout.write(`${line}\n`));
  process.stdout.write(
    loaded
      ? `Demo data loaded: the accounts and passwords are listed above. Portail Famille is ready on ${api}/api/v1.\n`
      : 'Loading the demo data failed (see above); the services keep running. Run npm run seed to retry.\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `npm start failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});

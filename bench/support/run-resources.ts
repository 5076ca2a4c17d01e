/**
 * What a benchmark running the services as child processes needs around them: databases and
 * an events stream of the run's own, removed at the end (and, when a run was killed, at the
 * start of the next one), and child processes stopped at the end. Every resource is released
 * through `context.defer`, so the runner releases it on failure and on Ctrl-C alike.
 *
 *   await removeLeftovers(serverUrl, natsUrl, { databasePrefix, streamPrefix }, log);
 *   const { url, client } = await freshDatabase(context, serverUrl, `${databasePrefix}${runId}`);
 *   const identity = startProcess(context, 'identity', 'dist/services/identity/src/main.js', env);
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase, withDatabase } from '@portail/database';
import type { BenchContext } from './benchmark';
import { requireInfrastructure, spawnNode, type ManagedProcess } from './processes';

/** A stream of a benchmark older than this is left over by a run that was killed. */
export const LEFTOVER_STREAM_AGE_MS = 6 * 3600 * 1000;

/**
 * Drops the databases of runs that were killed (no connection open on them: a running
 * benchmark holds one on each of its databases, see `freshDatabase`) and deletes their
 * streams (created more than LEFTOVER_STREAM_AGE_MS ago).
 */
export async function removeLeftovers(
  serverUrl: string,
  natsUrl: string,
  prefixes: { databasePrefix: string; streamPrefix: string },
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
      [prefixes.databasePrefix],
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
      if (info.config.name.startsWith(prefixes.streamPrefix) && age > LEFTOVER_STREAM_AGE_MS) {
        await jsm.streams.delete(info.config.name).catch(() => false);
        log(`deleted stream ${info.config.name}, left over by a run that was killed`);
      }
    }
  } finally {
    await connection.close();
  }
}

/** PostgreSQL and NATS, checked, once what killed runs with these prefixes left is removed. */
export async function clearedInfrastructure(
  prefixes: { databasePrefix: string; streamPrefix: string },
  log: (message: string) => void,
): Promise<{ serverUrl: string; natsUrl: string }> {
  const { serverUrl, natsUrl } = await requireInfrastructure();
  await removeLeftovers(serverUrl, natsUrl, prefixes, log);
  return { serverUrl, natsUrl };
}

/** What a run of identity and one other service (with the gateway) holds of its own. */
export interface IdentityAndServiceRun {
  runId: string;
  identityDatabase: { url: string; client: Client };
  serviceDatabase: { url: string; client: Client };
  /** The environment every process of the run shares: its NATS subjects and stream apart. */
  common: Record<string, string>;
}

/**
 * A run of identity and `service`: left-overs removed, a database for each (named
 * `<databasePrefix><runId>_identity` and `…_<service>`) and a stream, all released at the end.
 */
export async function identityAndServiceRun(
  context: BenchContext,
  options: { databasePrefix: string; streamPrefix: string; subjectPrefix: string; service: string },
): Promise<IdentityAndServiceRun> {
  const { databasePrefix, streamPrefix, subjectPrefix, service } = options;
  const { serverUrl, natsUrl } = await clearedInfrastructure(
    { databasePrefix, streamPrefix },
    context.log,
  );
  const runId = randomBytes(4).toString('hex');
  const identityDatabase = await freshDatabase(
    context,
    serverUrl,
    `${databasePrefix}${runId}_identity`,
  );
  const serviceDatabase = await freshDatabase(
    context,
    serverUrl,
    `${databasePrefix}${runId}_${service}`,
  );
  const stream = `${streamPrefix}${runId.toUpperCase()}`;
  deferStreamDeletion(context, natsUrl, stream);
  const common = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT_MS: '3000',
    NATS_URL: natsUrl,
    // Requests and events of this run stay apart from any other copy on this NATS.
    NATS_SUBJECT_PREFIX: `${subjectPrefix}${runId}.`,
    EVENTS_STREAM: stream,
    EVENTS_SUBJECT_PREFIX: `${subjectPrefix}${runId}.events`,
  };
  return { runId, identityDatabase, serviceDatabase, common };
}

/** Deletes a JetStream stream; one that was never created (a service that failed early) is fine. */
export async function deleteStream(natsUrl: string, stream: string): Promise<void> {
  const connection = await connect({ servers: natsUrl });
  try {
    const jsm = await connection.jetstreamManager();
    await jsm.streams.delete(stream).catch((error: unknown) => {
      if (!String(error).includes('stream not found')) throw error;
    });
  } finally {
    await connection.close();
  }
}

/** The stream of this run, deleted at the end. */
export function deferStreamDeletion(context: BenchContext, natsUrl: string, stream: string): void {
  context.defer(`delete stream ${stream}`, () => deleteStream(natsUrl, stream));
}

/**
 * A new database for this run, dropped at the end, with a client held open on it for the
 * whole run (a database with a connection is never taken for a left-over).
 */
export async function freshDatabase(
  context: BenchContext,
  serverUrl: string,
  database: string,
): Promise<{ url: string; client: Client }> {
  await ensureDatabase(serverUrl, database);
  context.defer(`drop database ${database}`, () => dropDatabase(serverUrl, database));
  const url = withDatabase(serverUrl, database);
  const client = new Client({ connectionString: url, application_name: 'portail-bench' });
  await client.connect();
  context.defer(`close the client of ${database}`, () => client.end());
  return { url, client };
}

/** `node <script>` as a child process (see spawnNode), stopped at the end of the benchmark. */
export function startProcess(
  context: BenchContext,
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
): ManagedProcess {
  const managed = spawnNode(name, context.rootDir, script, env);
  context.defer(`stop ${name}`, () => managed.stop());
  return managed;
}

/** Fails with the output of the first process that is no longer running. */
export function assertRunning(processes: ManagedProcess[]): void {
  for (const managed of processes) {
    if (!managed.running) {
      throw new Error(`${managed.name} stopped during the run.\n${managed.describe()}`);
    }
  }
}

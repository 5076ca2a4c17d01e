import { Client } from 'pg';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { Subjects, type ServiceHealth } from '@portail/contracts';
import { dropDatabase, ensureDatabase, withDatabase } from '@portail/database';
import { allMigrationsOf } from '@portail/service-kit';
import { spawnService, TestSystem, type ServiceProcess } from '@portail/testing';
import { identityService } from '../../services/identity/src/identity.service';

const codec = JSONCodec<unknown>();
const MIGRATIONS = allMigrationsOf(identityService).length;
const PREFIX = `lifecycle${process.pid}.`;

describe('a service process', () => {
  const database = TestSystem.uniqueDatabaseName('identity');
  const databaseUrl = withDatabase(TestSystem.serverUrl(), database);
  let nats: NatsConnection;
  const processes: ServiceProcess[] = [];

  const start = (env: NodeJS.ProcessEnv = {}, args: string[] = []) => {
    const child = spawnService(
      'identity',
      {
        NATS_URL: process.env.NATS_URL,
        NATS_SUBJECT_PREFIX: PREFIX,
        DATABASE_URL: databaseUrl,
        HTTP_PORT: '0',
        LOG_LEVEL: 'info',
        ...env,
      },
      args,
    );
    processes.push(child);
    return child;
  };

  beforeAll(async () => {
    await ensureDatabase(TestSystem.serverUrl(), database);
    nats = await connect({ servers: process.env.NATS_URL });
  });

  afterAll(async () => {
    processes.forEach((child) => child.kill('SIGKILL'));
    await Promise.all(processes.map((child) => child.exited));
    await nats?.drain();
    await dropDatabase(TestSystem.serverUrl(), database);
  });

  it('refuses a malformed variable with one readable line naming it, and exits 1', async () => {
    const child = start({ HTTP_PORT: 'eighty' });
    expect(await child.exited).toBe(1);
    const lines = child.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Invalid configuration for identity: HTTP_PORT must be a port number .*got "eighty"/,
    );
  });

  it('refuses a missing DATABASE_URL, naming it', async () => {
    const child = start({ DATABASE_URL: undefined });
    expect(await child.exited).toBe(1);
    expect(child.stderr().trim()).toMatch(
      /^Invalid configuration for identity: DATABASE_URL .*it is not set/,
    );
  });

  it('applies migrations with the migrate command and exits 0, twice', async () => {
    const first = start({}, ['migrate']);
    expect(await first.exited).toBe(0);
    expect(first.stdout()).toContain(`Applied ${MIGRATIONS} migration`);
    const second = start({}, ['migrate']);
    expect(await second.exited).toBe(0);
    expect(second.stdout()).toMatch(/Applied 0 migration/);
  });

  it('finishes an in-flight request on SIGTERM, then exits 0', async () => {
    const child = start();
    await child.waitForOutput(/identity ready/);
    // Hold a lock that the health query waits on, so the request is in flight when SIGTERM arrives.
    const blocker = new Client({ connectionString: databaseUrl });
    blocker.on('error', () => undefined); // the database is dropped with FORCE at the end
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE migrations IN ACCESS EXCLUSIVE MODE');
    const reply = nats.request(
      `${PREFIX}${Subjects.health('identity')}`,
      codec.encode({ pattern: Subjects.health('identity'), data: {}, id: randomUUID() }),
      { timeout: 10000 },
    );
    // SIGTERM only once the service's query is waiting on the lock, i.e. truly in flight.
    // (From another connection: inside a transaction pg_stat_activity is a frozen snapshot.)
    const observer = new Client({ connectionString: databaseUrl });
    await observer.connect();
    const deadline = Date.now() + 10000;
    for (;;) {
      const waiting = await observer.query<{ count: string }>(
        "SELECT count(*)::text AS count FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'",
        [database],
      );
      if (Number(waiting.rows[0].count) > 0) break;
      if (Date.now() > deadline) throw new Error('The health request never reached the database');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await observer.end();
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(child.child.exitCode).toBeNull(); // still finishing the request
    await blocker.query('COMMIT');
    await blocker.end();
    const packet = codec.decode((await reply).data) as { response: ServiceHealth };
    expect(packet.response).toMatchObject({
      service: 'identity',
      status: 'up',
      migrations: MIGRATIONS,
    });
    expect(await child.exited).toBe(0);
    expect(child.stdout()).toMatch(/identity stopped/);
  });
});

import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { rateLimitBucketOf, SharedThrottlerStorage } from './shared-throttler-storage';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const MINUTE = 60_000;

/** Two gateway replicas' storages over one real NATS server. */
describe('rate limits shared by the gateway replicas', () => {
  const stream = `RL_SPEC_${randomBytes(4).toString('hex').toUpperCase()}`;
  let connections: NatsConnection[];
  let replicaA: SharedThrottlerStorage;
  let replicaB: SharedThrottlerStorage;
  let now = Date.UTC(2026, 11, 5, 9, 0, 10);

  async function eventually(condition: () => boolean): Promise<void> {
    for (let attempt = 0; attempt < 200 && !condition(); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(condition()).toBe(true);
  }

  const hit = (storage: SharedThrottlerStorage, client: string, limit = 10) =>
    storage.increment(client, MINUTE, limit, MINUTE, 'default');

  beforeAll(async () => {
    connections = await Promise.all([
      connect({ servers: NATS_URL }),
      connect({ servers: NATS_URL }),
    ]);
    replicaA = new SharedThrottlerStorage(connections[0], rateLimitBucketOf(stream), () => now);
    replicaB = new SharedThrottlerStorage(connections[1], rateLimitBucketOf(stream), () => now);
  });

  afterAll(async () => {
    await replicaA.onModuleDestroy();
    await replicaB.onModuleDestroy();
    const jsm = await connections[0].jetstreamManager();
    await jsm.streams.delete(`KV_${rateLimitBucketOf(stream)}`).catch(() => false);
    await Promise.all(connections.map((connection) => connection.close()));
  });

  it('refuses a client once its hits on all replicas together pass the limit', async () => {
    const client = `203.0.113.${randomBytes(1)[0]}-a`;
    for (let index = 0; index < 8; index += 1) {
      expect((await hit(replicaA, client)).isBlocked).toBe(false);
    }
    await replicaA.flush();
    await eventually(() => replicaB.remoteHits('default', client, MINUTE) === 8);

    expect(await hit(replicaB, client)).toMatchObject({ totalHits: 9, isBlocked: false });
    expect(await hit(replicaB, client)).toMatchObject({ totalHits: 10, isBlocked: false });
    const refused = await hit(replicaB, client);
    expect(refused).toMatchObject({ totalHits: 11, isBlocked: true });
    // Until the minute's window ends (09:01:00): 50 s from 09:00:10.
    expect(refused.timeToBlockExpire).toBe(50);
  });

  it('does not let a client double its budget across a window boundary', async () => {
    const client = `203.0.113.${randomBytes(1)[0]}-e`;
    now = Date.UTC(2026, 11, 5, 10, 0, 55);
    for (let index = 0; index < 10; index += 1) await hit(replicaA, client);
    // 10:01:05: the previous window still weighs 10 × 55/60 ≈ 9.2 hits, so one more is too many.
    now = Date.UTC(2026, 11, 5, 10, 1, 5);
    expect(await hit(replicaA, client)).toMatchObject({ totalHits: 11, isBlocked: true });
    // 10:01:59: it weighs 10 × 1/60 ≈ 0.2; with this window's two hits, 2.2.
    now = Date.UTC(2026, 11, 5, 10, 1, 59);
    expect(await hit(replicaA, client)).toMatchObject({ totalHits: 3, isBlocked: false });
  });

  it('counts each client apart, and starts again in the next window', async () => {
    const busy = `198.51.100.${randomBytes(1)[0]}-b`;
    const quiet = `198.51.100.${randomBytes(1)[0]}-c`;
    for (let index = 0; index < 3; index += 1) await hit(replicaA, busy, 2);
    expect((await hit(replicaA, busy, 2)).isBlocked).toBe(true);
    expect((await hit(replicaA, quiet, 2)).isBlocked).toBe(false);

    now += 2 * MINUTE;
    expect(await hit(replicaA, busy, 2)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('still limits with its own counts while NATS is out of reach', async () => {
    const closed = await connect({ servers: NATS_URL });
    await closed.close();
    const alone = new SharedThrottlerStorage(closed, rateLimitBucketOf(stream), () => now);
    const client = `192.0.2.${randomBytes(1)[0]}-d`;
    expect((await hit(alone, client, 1)).isBlocked).toBe(false);
    expect((await hit(alone, client, 1)).isBlocked).toBe(true);
    await alone.flush();
    await alone.onModuleDestroy();
  });
});

import {
  anAggregateId,
  counterService,
  IncrementTallies,
  startDisposableNats,
  tallyboardService,
  TestSystem,
  type DisposableNats,
} from '@portail/testing';

async function eventually(
  check: () => Promise<boolean>,
  timeoutMs = 20000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Longer than nats.js's default give-up (10 reconnect attempts, 2 s apart): services must not go deaf. */
const OUTAGE_MS = 24000;

interface TallyRow {
  aggregate_id: string;
  n: number;
  event_id: string;
}

async function tallies(system: TestSystem): Promise<TallyRow[]> {
  return system.query<TallyRow>(
    'tallyboard',
    'SELECT aggregate_id, n, event_id FROM tallies ORDER BY applied_seq',
  );
}

async function countOf(system: TestSystem, service: string, sql: string): Promise<number> {
  const [row] = await system.query<{ count: string }>(service, sql);
  return Number(row.count);
}

const PENDING = 'SELECT count(*) FROM outbox WHERE published_at IS NULL';

/** Every event applied once, and each aggregate's events in the order they were recorded. */
function expectExactlyOnceInOrder(rows: TallyRow[], expected: Map<string, number>): void {
  expect(new Set(rows.map((row) => row.event_id)).size).toBe(rows.length);
  const seen = new Map<string, number[]>();
  for (const row of rows)
    seen.set(row.aggregate_id, [...(seen.get(row.aggregate_id) ?? []), row.n]);
  expect(new Map([...seen].map(([id, ns]) => [id, ns.length]))).toEqual(expected);
  for (const [id, ns] of seen) {
    // n runs 1, 2, 3… per aggregate: in order, no gap, no repeat.
    expect({ id, ns }).toEqual({ id, ns: Array.from({ length: ns.length }, (_, i) => i + 1) });
  }
}

describe('events backbone: NATS outage', () => {
  let nats: DisposableNats | undefined;
  let system: TestSystem | undefined;

  afterEach(async () => {
    try {
      // The services drain their NATS connections on the way out: give them a server to drain to.
      if (nats && !nats.running) await nats.start().catch(() => undefined);
      await system?.close();
    } finally {
      system = undefined;
      await nats?.dispose();
      nats = undefined;
    }
  });

  it('NATS is unavailable for a while: the producer keeps committing (events wait in the outbox) and everything is delivered once NATS is back', async () => {
    nats = await startDisposableNats();
    system = await TestSystem.start({
      backends: [counterService, tallyboardService],
      env: { NATS_URL: nats.url, EVENTS_ACK_WAIT_MS: '2000' },
    });
    const running = system;
    const increment = running.service('counter').app.get(IncrementTallies);
    const aggregates = Array.from({ length: 5 }, anAggregateId);
    const committed = new Map(aggregates.map((id) => [id, 0]));
    const commitRound = async (perAggregate: number) => {
      await Promise.all(aggregates.map((id) => increment.execute(id, perAggregate)));
      for (const id of aggregates) committed.set(id, (committed.get(id) ?? 0) + perAggregate);
    };
    const total = () => [...committed.values()].reduce((sum, n) => sum + n, 0);

    // NATS up: events flow.
    await commitRound(4);
    await eventually(async () => (await tallies(running)).length === 20, 10000, 'the first 20');

    // NATS down: the use case still commits; its events wait in the outbox.
    await nats.stop();
    for (let round = 0; round < 5; round += 1) await commitRound(3);
    expect(await countOf(running, 'counter', PENDING)).toBeGreaterThan(0);
    await pause(OUTAGE_MS);
    await commitRound(2);
    expect(await countOf(running, 'counter', PENDING)).toBe(total() - 20);
    expect((await tallies(running)).length).toBe(20);

    // NATS back: everything arrives, once, in order per aggregate.
    await nats.start();
    await eventually(
      async () => (await tallies(running)).length >= total(),
      25000,
      `all ${total()} tallies`,
    );
    await eventually(
      async () => (await countOf(running, 'counter', PENDING)) === 0,
      5000,
      'the outbox to drain',
    );
    await pause(2500); // past ack_wait: a redelivery or a second publish would land now
    expect(total()).toBe(20 + 5 * 5 * 3 + 5 * 2);
    expectExactlyOnceInOrder(await tallies(running), committed);
    expect(await countOf(running, 'counter', 'SELECT count(*) FROM outbox')).toBe(total());
    expect(await countOf(running, 'tallyboard', 'SELECT count(*) FROM inbox')).toBe(total());
    expect(await countOf(running, 'tallyboard', 'SELECT count(*) FROM dead_letters')).toBe(0);
    expect(
      running.logs.lines.filter((line) => line.msg === 'Event consumer stopped unexpectedly'),
    ).toEqual([]);
    // Requests over NATS are answered again too (each service's own connection reconnected).
    for (const service of ['counter', 'tallyboard']) {
      expect((await running.request(`${service}.health`, {})).response).toMatchObject({
        service,
        status: 'up',
      });
    }
  }, 120000);
});

import { connect, type NatsConnection } from 'nats';
import { eventSubject } from '@portail/contracts';
import {
  DeadLettersService,
  JETSTREAM_CONNECTION,
  MessagingMetrics,
  OutboxRelay,
} from '@portail/messaging';
import { TestSystem } from '@portail/testing';
import {
  anAggregateId,
  counterService,
  IncrementTallies,
  tallyboardService,
  TallyBehaviour,
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

/** Every event applied once, and each aggregate's events in the order they were recorded. */
function expectExactlyOnceInOrder(rows: TallyRow[], expected: Map<string, number>): void {
  expect(new Set(rows.map((row) => row.event_id)).size).toBe(rows.length);
  const seen = new Map<string, number[]>();
  for (const row of rows)
    seen.set(row.aggregate_id, [...(seen.get(row.aggregate_id) ?? []), row.n]);
  expect(new Map([...seen].map(([id, ns]) => [id, ns.length]))).toEqual(expected);
  for (const ns of seen.values()) expect(ns).toEqual([...ns].sort((a, b) => a - b));
}

async function streamMessages(system: TestSystem): Promise<number> {
  const connection = await connect({ servers: system.env.NATS_URL });
  try {
    const info = await (
      await connection.jetstreamManager()
    ).streams.info(system.env.EVENTS_STREAM!);
    return info.state.messages;
  } finally {
    await connection.close();
  }
}

describe('durable domain events: outbox → JetStream → inbox', () => {
  let system: TestSystem;

  afterEach(async () => {
    await system?.close();
  });

  it('delivers 1 000 events committed while the consumer was down, each exactly once, in order per aggregate', async () => {
    system = await TestSystem.start({ backends: [counterService] });
    const increment = system.service('counter').app.get(IncrementTallies);
    const aggregates = Array.from({ length: 20 }, anAggregateId);
    for (let round = 0; round < 10; round += 1) {
      await Promise.all(aggregates.map((id) => increment.execute(id, 5)));
    }
    await eventually(
      async () =>
        (await countOf(
          system,
          'counter',
          'SELECT count(*) FROM outbox WHERE published_at IS NULL',
        )) === 0,
      20000,
      'the outbox to drain',
    );
    expect(await countOf(system, 'counter', 'SELECT count(*) FROM outbox')).toBe(1000);

    await system.startBackend(tallyboardService);
    await eventually(async () => (await tallies(system)).length >= 1000, 30000, '1 000 tallies');
    await new Promise((resolve) => setTimeout(resolve, 300)); // a late duplicate would land now
    expectExactlyOnceInOrder(await tallies(system), new Map(aggregates.map((id) => [id, 50])));
    const metrics = await system.service('tallyboard').app.get(MessagingMetrics).snapshot();
    expect(metrics.portail_events_handled_total).toBe(1000);
  });

  it('publishes nothing for a rolled-back transaction', async () => {
    system = await TestSystem.start({ backends: [counterService, tallyboardService] });
    const increment = system.service('counter').app.get(IncrementTallies);
    const kept = anAggregateId();
    await expect(increment.execute(anAggregateId(), 3, { fail: true })).rejects.toThrow(
      'rolled back on purpose',
    );
    await increment.execute(kept, 1);
    await eventually(
      async () => (await tallies(system)).length === 1,
      10000,
      'the committed event',
    );
    await system.service('counter').app.get(OutboxRelay).publishPending();
    expect(await countOf(system, 'counter', 'SELECT count(*) FROM outbox')).toBe(1);
    expect(await streamMessages(system)).toBe(1);
    expect((await tallies(system)).map((row) => row.aggregate_id)).toEqual([kept]);
  });

  it('applies each event once when the consumer dies in the middle of a batch and comes back', async () => {
    system = await TestSystem.start({
      backends: [counterService],
      env: { EVENTS_ACK_WAIT_MS: '1000' },
    });
    const increment = system.service('counter').app.get(IncrementTallies);
    const aggregates = Array.from({ length: 10 }, anAggregateId);
    await Promise.all(aggregates.map((id) => increment.execute(id, 30)));

    const first = await system.startBackend(tallyboardService);
    first.app.get(TallyBehaviour).delayMs = 3;
    await eventually(async () => (await tallies(system)).length >= 60, 20000, 'part of the batch');
    // Killed: the connection drops without drain, so handled events lose their acks.
    await first.app.get<NatsConnection>(JETSTREAM_CONNECTION).close();
    await system.stopService('tallyboard');
    const partial = (await tallies(system)).length;
    expect(partial).toBeLessThan(300);

    await system.startBackend(tallyboardService);
    await eventually(async () => (await tallies(system)).length >= 300, 30000, 'all 300 tallies');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // past ack_wait: redeliveries would land now
    expectExactlyOnceInOrder(await tallies(system), new Map(aggregates.map((id) => [id, 30])));
  });

  it('has no duplicate effect when the relay died after publishing and before marking', async () => {
    system = await TestSystem.start({
      backends: [],
      env: { EVENTS_DUPLICATE_WINDOW_S: '2' },
    });
    await system.startBackend(counterService, { EVENTS_RELAY_ENABLED: 'false' });
    await system.startBackend(tallyboardService);
    const increment = system.service('counter').app.get(IncrementTallies);
    const aggregate = anAggregateId();
    await increment.execute(aggregate, 40);

    // What a relay that crashed before its UPDATE left behind: published, still pending in the outbox.
    const nats: NatsConnection = await connect({ servers: system.env.NATS_URL });
    const republishPending = async () => {
      const rows = await system.query<{ id: string; type: string; envelope: unknown }>(
        'counter',
        'SELECT id, type, envelope FROM outbox WHERE published_at IS NULL ORDER BY sequence',
      );
      const js = nats.jetstream();
      for (const row of rows) {
        await js.publish(
          eventSubject(system.env.EVENTS_SUBJECT_PREFIX!, row.type),
          JSON.stringify(row.envelope),
          {
            msgID: row.id,
          },
        );
      }
      return rows.length;
    };
    try {
      expect(await republishPending()).toBe(40);
      await eventually(async () => (await tallies(system)).length >= 40, 10000, 'the first copies');

      // Within the duplicate window JetStream drops the relay's second publish…
      await system.stopService('counter');
      await system.startBackend(counterService, { EVENTS_RELAY_ENABLED: 'false' });
      await system.service('counter').app.get(OutboxRelay).publishPending();
      expect(await streamMessages(system)).toBe(40);

      // …and past it the consumer's inbox drops the copies.
      await system.query('counter', 'UPDATE outbox SET published_at = NULL');
      await new Promise((resolve) => setTimeout(resolve, 2200));
      expect(await republishPending()).toBe(40);
      expect(await streamMessages(system)).toBe(80);
      await eventually(
        async () =>
          (await system.service('tallyboard').app.get(MessagingMetrics).snapshot())
            .portail_events_duplicates_total === 40,
        10000,
        'the copies to be recognised',
      );
    } finally {
      await nats.drain();
    }
    expectExactlyOnceInOrder(await tallies(system), new Map([[aggregate, 40]]));
  });

  it('dead-letters an event that always fails, keeps the others flowing, and replays it once after a fix', async () => {
    system = await TestSystem.start({
      backends: [counterService],
      env: { EVENTS_MAX_ATTEMPTS: '3', EVENTS_RETRY_BASE_MS: '50' },
    });
    const consumer = await system.startBackend(tallyboardService);
    const behaviour = consumer.app.get(TallyBehaviour);
    const broken = anAggregateId();
    const healthy = anAggregateId();
    behaviour.failFor.add(broken);
    const increment = system.service('counter').app.get(IncrementTallies);
    await increment.execute(broken, 1);
    await increment.execute(healthy, 5);

    await eventually(
      async () => (await countOf(system, 'tallyboard', 'SELECT count(*) FROM dead_letters')) === 1,
      15000,
      'the dead letter',
    );
    await eventually(async () => (await tallies(system)).length === 5, 10000, 'the healthy events');
    const [letter] = await system.query<{
      id: string;
      event_id: string;
      attempts: number;
      error: string;
    }>('tallyboard', 'SELECT id, event_id, attempts, error FROM dead_letters');
    expect(letter).toMatchObject({ attempts: 3, error: `tally ${broken} is broken` });
    const logged = system.logs.lines.find((line) => line.msg === 'Event moved to dead letters');
    expect(logged).toMatchObject({
      service: 'tallyboard',
      eventId: letter.event_id,
      error: `tally ${broken} is broken`,
    });
    const metrics = await consumer.app.get(MessagingMetrics).snapshot();
    expect(metrics.portail_events_retried_total).toBe(2);
    expect(metrics.portail_events_dead_lettered_total).toBe(1);

    // The operator lists and replays it over NATS (what `main.js dead-letters` does).
    behaviour.failFor.clear();
    const request = (subject: string, data: unknown) => system.request(subject, data);
    const listed = await request('tallyboard.dead-letters.list', {});
    expect(listed.err).toBeUndefined();
    expect(listed.response).toEqual([
      expect.objectContaining({ id: letter.id, eventId: letter.event_id, attempts: 3 }),
    ]);
    expect((await request('tallyboard.dead-letters.replay', { id: letter.id })).response).toEqual({
      id: letter.id,
      outcome: 'applied',
    });
    expect((await request('tallyboard.dead-letters.replay', { id: letter.id })).response).toEqual({
      id: letter.id,
      outcome: 'duplicate',
    });
    expect((await request('tallyboard.dead-letters.replay', { id: 'nope' })).err).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const rows = await tallies(system);
    expect(rows.filter((row) => row.aggregate_id === broken)).toHaveLength(1);
    expect(await consumer.app.get(DeadLettersService).list()).toEqual([]);

    const metricsText = await (await fetch(`${consumer.httpUrl}/metrics`)).text();
    expect(metricsText).toMatch(
      /portail_events_handled_total\{[^}]*type="counter.tally.incremented"[^}]*\} 6/,
    );
    expect(metricsText).toMatch(/portail_events_dead_lettered_total\{[^}]*\} 1/);
    expect(metricsText).toMatch(/portail_dead_letters_pending\{[^}]*\} 0/);
  });
});

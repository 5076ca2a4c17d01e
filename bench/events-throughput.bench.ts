/**
 * events-throughput: what the durable events backbone costs, from the producer's commit to
 * the consumer's handled event, against raw JetStream publish + consume of the same messages.
 *
 * Target "backbone": the test services `counter` (use case IncrementTallies: a transaction
 * that records events in its outbox) and `tallyboard` (handler ApplyTally: inbox insert and
 * a `tallies` row in one transaction), both booted in this process with startBackendService
 * on fresh databases and a stream of their own. Path measured: commit → NOTIFY → relay →
 * JetStream (msgID) → durable pull consumer → handler transaction with the inbox write.
 * Target "raw": a publisher and a pull consumer (explicit ack) on a stream of their own with
 * the events stream's configuration, messages of the same shape and size, no database.
 *
 * Phases, for each target: a warm-up at the steady rate, a steady moderate rate (latency when
 * nothing queues), then a burst of BENCH_EVENTS events as fast as they can be produced
 * (throughput; latency then includes queueing).
 */
import { randomBytes } from 'node:crypto';
import { connect, type ConsumerMessages, type JetStreamClient, type NatsConnection } from 'nats';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { eventsEnvSchema, loadConfig, type EventsEnv } from '@portail/config';
import { eventSubject } from '@portail/contracts';
import { dropDatabase, ensureDatabase, withDatabase } from '@portail/database';
import { ensureConsumer, eventsStreamConfig, MessagingMetrics } from '@portail/messaging';
import { startBackendService, type RunningService } from '@portail/service-kit';
import {
  counterService,
  IncrementTallies,
  tallyboardService,
  type BackendUnderTest,
} from '@portail/testing';
import type { BenchContext, BenchOutcome, Benchmark } from './support/benchmark';
import { clearedInfrastructure } from './support/run-resources';
import { environment, markdownTable, writeResults } from './support/report';
import { perSecond, summariseLatencies, wallClockMs, type LatencySummary } from './support/stats';
import { benchServiceSecurityEnv } from './support/service-security';

const NAME = 'events-throughput';
/** Each run has databases `portail_bench_events_<random>_{counter,tallyboard}` of its own. */
const DATABASE_PREFIX = 'portail_bench_events_';
const STREAM_PREFIX = 'BENCH_EVENTS_';
const EVENT_TYPE = 'counter.tally.incremented';
/** Events per producer transaction (IncrementTallies records one event per increment). */
const EVENTS_PER_TRANSACTION = 5;
/** Aggregates the events are spread over (the consumer applies one aggregate's events in order). */
const AGGREGATES = 50;
/** Concurrent callers of the use case during the burst; each owns its aggregates (no lock waits). */
const BURST_CALLERS = 10;
const PUBLISH_TIMEOUT_MS = 5000;

interface EventsBenchSettings {
  /** Events of the burst (BENCH_EVENTS, default 20 000). */
  burstEvents: number;
  /** Events per second of the steady phase and the warm-up (BENCH_EVENTS_RATE, default 200). */
  steadyRate: number;
  steadyS: number;
  warmupS: number;
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Figures of one phase of one target; times in ms, rates in events per second. */
interface PhaseFigures {
  events: number;
  /** Offered rate (steady phase) or undefined (burst: as fast as possible). */
  offeredRate?: number;
  /** First commit (publish) to last handled (consumed), in seconds. */
  durationS: number;
  /** Events handled per second over durationS. */
  eventsPerSecond: number;
  /** Events committed (published) per second, first to last. */
  producedPerSecond: number;
  latencyMs: LatencySummary;
  /** Events handled per whole second from the first commit. */
  timeline: number[];
}

function phaseFigures(
  startMs: number,
  lastProducedMs: number,
  handledAtMs: number[],
  latenciesMs: number[],
  offeredRate?: number,
): PhaseFigures {
  const events = handledAtMs.length;
  let lastHandled = startMs;
  for (const at of handledAtMs) lastHandled = Math.max(lastHandled, at);
  const durationS = (lastHandled - startMs) / 1000;
  return {
    events,
    ...(offeredRate === undefined ? {} : { offeredRate }),
    durationS: Math.round(durationS * 1000) / 1000,
    eventsPerSecond: Math.round(events / durationS),
    producedPerSecond: Math.round(events / Math.max(0.001, (lastProducedMs - startMs) / 1000)),
    latencyMs: summariseLatencies(latenciesMs),
    timeline: perSecond(handledAtMs, startMs),
  };
}

/** Calls `produce(i)` for i in [0, count) at `perSecond` calls per second, without waiting for earlier calls (open loop). */
async function atSteadyRate(
  count: number,
  perSecond: number,
  produce: (i: number) => Promise<void>,
): Promise<void> {
  const start = wallClockMs();
  const intervalMs = 1000 / perSecond;
  const running: Array<Promise<void>> = [];
  for (let i = 0; i < count; i += 1) {
    const wait = start + i * intervalMs - wallClockMs();
    if (wait > 0) await sleep(wait);
    running.push(produce(i));
  }
  await Promise.all(running);
}

// ---------------------------------------------------------------------------------------------
// Target "backbone": counter → outbox → relay → JetStream → tallyboard (inbox + handler).

/**
 * Drives IncrementTallies. The transactions of one aggregate run one after the other, so the
 * bench knows which `n` each commit produced and when it committed (as seen by the caller).
 */
class Producer {
  private readonly lastN = new Map<string, number>();
  private readonly chains = new Map<string, Promise<void>>();
  /** `aggregate:n` → wall-clock time at which the caller saw the commit. */
  committedAt = new Map<string, number>();
  lastCommitMs = 0;

  constructor(
    private readonly increment: IncrementTallies,
    readonly aggregates: string[],
  ) {}

  commit(aggregate: string, count: number): Promise<void> {
    const previous = this.chains.get(aggregate) ?? Promise.resolve();
    const current = previous.then(async () => {
      await this.increment.execute(aggregate, count);
      const at = wallClockMs();
      const first = this.lastN.get(aggregate) ?? 0;
      for (let n = first + 1; n <= first + count; n += 1)
        this.committedAt.set(`${aggregate}:${n}`, at);
      this.lastN.set(aggregate, first + count);
      this.lastCommitMs = Math.max(this.lastCommitMs, at);
    });
    this.chains.set(
      aggregate,
      current.catch(() => undefined),
    );
    return current;
  }

  get committed(): number {
    let total = 0;
    for (const n of this.lastN.values()) total += n;
    return total;
  }

  /** Starts a new phase: forgets the commit times of the previous one. */
  newPhase(): void {
    this.committedAt = new Map();
    this.lastCommitMs = 0;
  }
}

interface TallyRow {
  applied_seq: string;
  aggregate_id: string;
  n: number;
  at: number;
}

class Backbone {
  private lastSeq = '0';

  constructor(
    readonly producer: Producer,
    private readonly tallyboardDb: Client,
    readonly counterDb: Client,
  ) {}

  private async countTallies(): Promise<number> {
    const { rows } = await this.tallyboardDb.query<{ count: string }>(
      'SELECT count(*) AS count FROM tallies',
    );
    return Number(rows[0]?.count ?? 0);
  }

  private async waitForAllHandled(timeoutMs: number): Promise<void> {
    const expected = this.producer.committed;
    const deadline = Date.now() + timeoutMs;
    let handled = 0;
    while (Date.now() < deadline) {
      handled = await this.countTallies();
      if (handled >= expected) return;
      await sleep(20);
    }
    throw new Error(
      `backbone: ${handled} of ${expected} events handled after ${timeoutMs} ms (see the warnings above)`,
    );
  }

  /** Rows handled since the previous phase, with their latency from the caller's commit. */
  private async collect(): Promise<{ handledAt: number[]; latencies: number[]; unknown: number }> {
    const { rows } = await this.tallyboardDb.query<TallyRow>(
      `SELECT applied_seq, aggregate_id, n, (extract(epoch FROM applied_at) * 1000)::float8 AS at
       FROM tallies WHERE applied_seq > $1 ORDER BY applied_seq`,
      [this.lastSeq],
    );
    const handledAt: number[] = [];
    const latencies: number[] = [];
    let unknown = 0;
    for (const row of rows) {
      const committed = this.producer.committedAt.get(`${row.aggregate_id}:${row.n}`);
      if (committed === undefined) {
        unknown += 1;
        continue;
      }
      handledAt.push(row.at);
      latencies.push(row.at - committed);
    }
    if (rows.length) this.lastSeq = rows[rows.length - 1].applied_seq;
    return { handledAt, latencies, unknown };
  }

  async steady(events: number, rate: number): Promise<PhaseFigures> {
    this.producer.newPhase();
    const { aggregates } = this.producer;
    const transactions = Math.max(1, Math.round(events / EVENTS_PER_TRANSACTION));
    const start = wallClockMs();
    await atSteadyRate(transactions, rate / EVENTS_PER_TRANSACTION, (i) =>
      this.producer.commit(aggregates[i % aggregates.length], EVENTS_PER_TRANSACTION),
    );
    await this.waitForAllHandled(60_000);
    const { handledAt, latencies, unknown } = await this.collect();
    if (unknown) throw new Error(`backbone: ${unknown} handled events were never committed`);
    return phaseFigures(start, this.producer.lastCommitMs, handledAt, latencies, rate);
  }

  async burst(events: number): Promise<PhaseFigures> {
    this.producer.newPhase();
    const transactions = Math.ceil(events / EVENTS_PER_TRANSACTION);
    let taken = 0;
    const caller = async (own: string[]) => {
      for (let k = 0; taken < transactions; k += 1) {
        taken += 1;
        await this.producer.commit(own[k % own.length], EVENTS_PER_TRANSACTION);
      }
    };
    const start = wallClockMs();
    await Promise.all(
      Array.from({ length: BURST_CALLERS }, (_, c) =>
        caller(this.producer.aggregates.filter((_, i) => i % BURST_CALLERS === c)),
      ),
    );
    await this.waitForAllHandled(Math.max(120_000, transactions * 20));
    const { handledAt, latencies, unknown } = await this.collect();
    if (unknown) throw new Error(`backbone: ${unknown} handled events were never committed`);
    return phaseFigures(start, this.producer.lastCommitMs, handledAt, latencies);
  }

  /** Why the figures cannot be trusted: every committed event handled once, in order per aggregate. */
  async problems(): Promise<string[]> {
    const problems: string[] = [];
    const one = async (db: Client, sql: string) =>
      Number((await db.query<{ value: string }>(sql)).rows[0]?.value ?? 0);
    const committed = this.producer.committed;
    const rows = await one(this.tallyboardDb, 'SELECT count(*) AS value FROM tallies');
    const distinct = await one(
      this.tallyboardDb,
      'SELECT count(DISTINCT event_id) AS value FROM tallies',
    );
    const outOfOrder = await one(
      this.tallyboardDb,
      `SELECT count(*) AS value FROM (
         SELECT n, lag(n) OVER (PARTITION BY aggregate_id ORDER BY applied_seq) AS previous FROM tallies
       ) t WHERE previous IS NOT NULL AND n <> previous + 1`,
    );
    const deadLetters = await one(this.tallyboardDb, 'SELECT count(*) AS value FROM dead_letters');
    const pending = await one(
      this.counterDb,
      'SELECT count(*) AS value FROM outbox WHERE published_at IS NULL',
    );
    if (rows !== committed) problems.push(`backbone: ${rows} tallies for ${committed} events`);
    if (distinct !== rows) problems.push(`backbone: ${rows - distinct} events applied twice`);
    if (outOfOrder) problems.push(`backbone: ${outOfOrder} events applied out of order`);
    if (deadLetters) problems.push(`backbone: ${deadLetters} dead letters`);
    if (pending) problems.push(`backbone: ${pending} events still in the outbox`);
    return problems;
  }

  /** Bytes of one envelope as the relay publishes it (JSON.stringify of the outbox row). */
  async envelopeBytes(): Promise<number> {
    const { rows } = await this.counterDb.query<{ envelope: unknown }>(
      'SELECT envelope FROM outbox ORDER BY sequence DESC LIMIT 1',
    );
    return Buffer.byteLength(JSON.stringify(rows[0]?.envelope ?? {}));
  }
}

// ---------------------------------------------------------------------------------------------
// Target "raw": JetStream publish (msgID) and pull consume (explicit ack), no database.

class RawJetStream {
  private readonly sentAt = new Map<string, number>();
  private readonly lastN = new Map<string, number>();
  /** Size of the last message published. */
  bytes = 0;
  private failure: Error | undefined;
  private readonly received = new Set<string>();
  private handledAt: number[] = [];
  private latencies: number[] = [];
  private lastPublishedMs = 0;
  private published = 0;
  duplicates = 0;
  private waiter: (() => void) | undefined;
  private readonly subject: string;
  private readonly loop: Promise<void>;

  private constructor(
    private readonly publisher: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly messages: ConsumerMessages,
    readonly events: EventsEnv,
  ) {
    this.subject = eventSubject(events.EVENTS_SUBJECT_PREFIX, EVENT_TYPE);
    this.loop = this.consume().catch((error: unknown) => {
      this.failure = error instanceof Error ? error : new Error(JSON.stringify(error));
      this.waiter?.();
    });
  }

  /** Stream (the events stream's config) and durable consumer (the services' config) of their own. */
  static async open(
    natsUrl: string,
    events: EventsEnv,
    defer: BenchContext['defer'],
  ): Promise<RawJetStream> {
    const publisher = await connect({ servers: natsUrl, name: 'bench-raw-publisher' });
    defer('close the raw publisher connection', () => publisher.drain());
    const subscriber = await connect({ servers: natsUrl, name: 'bench-raw-consumer' });
    defer('close the raw consumer connection', () => subscriber.drain());
    const jsm = await publisher.jetstreamManager();
    await jsm.streams.add(eventsStreamConfig(events));
    defer(`delete stream ${events.EVENTS_STREAM}`, async () => {
      const manager = await connect({ servers: natsUrl });
      try {
        await (await manager.jetstreamManager()).streams.delete(events.EVENTS_STREAM);
      } finally {
        await manager.close();
      }
    });
    const durable = await ensureConsumer(jsm, events, 'benchraw', 'counter');
    const consumer = await subscriber.jetstream().consumers.get(events.EVENTS_STREAM, durable);
    // The same prefetch as EventConsumer with the default concurrency (max(64, 16 × 4)).
    const messages = await consumer.consume({
      max_messages: Math.max(64, events.EVENTS_CONSUMER_CONCURRENCY * 4),
    });
    const raw = new RawJetStream(publisher, publisher.jetstream(), messages, events);
    defer('stop the raw consumer', async () => {
      messages.stop();
      await raw.loop;
    });
    return raw;
  }

  private async consume(): Promise<void> {
    for await (const message of this.messages) {
      const at = wallClockMs();
      const envelope = message.json<{ id: string }>();
      if (this.received.has(envelope.id)) {
        this.duplicates += 1;
      } else {
        this.received.add(envelope.id);
        const sent = this.sentAt.get(envelope.id);
        if (sent !== undefined) {
          this.handledAt.push(at);
          this.latencies.push(at - sent);
        }
      }
      message.ack();
      if (this.waiter && this.received.size >= this.published) this.waiter();
    }
  }

  /** An envelope like EventRecorder's, for aggregate `aggregate` and increment `n`. */
  private envelope(aggregate: string, n: number): { id: string; data: string } {
    const id = uuidv7();
    const data = JSON.stringify({
      id,
      type: EVENT_TYPE,
      occurredAt: new Date().toISOString(),
      producer: 'counter',
      aggregateId: aggregate,
      correlationId: null,
      schemaVersion: 1,
      payload: { id: aggregate, n },
    });
    return { id, data };
  }

  private async publish(aggregate: string, count: number): Promise<void> {
    const messages = Array.from({ length: count }, () => {
      const n = (this.lastN.get(aggregate) ?? 0) + 1;
      this.lastN.set(aggregate, n);
      return this.envelope(aggregate, n);
    });
    this.published += messages.length;
    await Promise.all(
      messages.map(({ id, data }) => {
        this.bytes = Buffer.byteLength(data);
        this.sentAt.set(id, wallClockMs());
        return this.js.publish(this.subject, data, { msgID: id, timeout: PUBLISH_TIMEOUT_MS });
      }),
    );
    this.lastPublishedMs = wallClockMs();
  }

  private async waitForAllConsumed(timeoutMs: number): Promise<void> {
    if (this.received.size < this.published && this.failure === undefined) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.waiter = undefined;
          reject(
            new Error(
              `raw: ${this.received.size} of ${this.published} messages consumed after ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        this.waiter = () => {
          clearTimeout(timer);
          this.waiter = undefined;
          resolve();
        };
      });
    }
    if (this.failure !== undefined)
      throw new Error(`raw: the consumer stopped: ${this.failure.message}`);
  }

  private newPhase(): void {
    this.handledAt = [];
    this.latencies = [];
    this.sentAt.clear();
    this.lastPublishedMs = 0;
  }

  async steady(events: number, rate: number, aggregates: string[]): Promise<PhaseFigures> {
    this.newPhase();
    const groups = Math.max(1, Math.round(events / EVENTS_PER_TRANSACTION));
    const start = wallClockMs();
    await atSteadyRate(groups, rate / EVENTS_PER_TRANSACTION, (i) =>
      this.publish(aggregates[i % aggregates.length], EVENTS_PER_TRANSACTION),
    );
    await this.waitForAllConsumed(60_000);
    return phaseFigures(start, this.lastPublishedMs, this.handledAt, this.latencies, rate);
  }

  /** Published as the relay does: batches of OUTBOX_BATCH_SIZE pipelined on one connection. */
  async burst(events: number, aggregates: string[]): Promise<PhaseFigures> {
    this.newPhase();
    const batch = this.events.OUTBOX_BATCH_SIZE;
    const start = wallClockMs();
    for (let sent = 0; sent < events; sent += batch) {
      const size = Math.min(batch, events - sent);
      const groups = Math.ceil(size / EVENTS_PER_TRANSACTION);
      await Promise.all(
        Array.from({ length: groups }, (_, g) =>
          this.publish(
            aggregates[(sent / EVENTS_PER_TRANSACTION + g) % aggregates.length],
            Math.min(EVENTS_PER_TRANSACTION, size - g * EVENTS_PER_TRANSACTION),
          ),
        ),
      );
    }
    await this.waitForAllConsumed(Math.max(120_000, events * 4));
    return phaseFigures(start, this.lastPublishedMs, this.handledAt, this.latencies);
  }

  problems(): string[] {
    const problems: string[] = [];
    if (this.received.size !== this.published)
      problems.push(`raw: ${this.received.size} messages consumed for ${this.published} published`);
    if (this.duplicates) problems.push(`raw: ${this.duplicates} messages delivered twice`);
    return problems;
  }
}

// ---------------------------------------------------------------------------------------------

function format(value: number, digits = 2): string {
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

interface TargetFigures {
  steady: PhaseFigures;
  burst: PhaseFigures;
  messageBytes: number;
}

interface Ratio {
  burstEventsPerSecond: number;
  steadyLatencyP50: number;
  steadyLatencyP99: number;
  burstLatencyP50: number;
  burstLatencyP99: number;
}

const TARGET_LABELS = {
  backbone: 'outbox → relay → JetStream → inbox',
  raw: 'raw JetStream publish + consume',
} as const;

function markdown(
  date: string,
  settings: EventsBenchSettings,
  figures: { backbone: TargetFigures; raw: TargetFigures },
  ratio: Ratio,
  problems: string[],
): string {
  const env = environment();
  const rows: string[][] = [];
  for (const target of ['backbone', 'raw'] as const) {
    for (const phase of ['steady', 'burst'] as const) {
      const f = figures[target][phase];
      rows.push([
        TARGET_LABELS[target],
        phase === 'steady' ? `steady ${format(settings.steadyRate, 0)}/s` : 'burst',
        format(f.events, 0),
        format(f.producedPerSecond, 0),
        format(f.eventsPerSecond, 0),
        format(f.latencyMs.p50),
        format(f.latencyMs.p99),
        format(f.latencyMs.max),
      ]);
    }
  }
  rows.push([
    'backbone / raw',
    '',
    '',
    '',
    `${format(ratio.burstEventsPerSecond)}× (burst)`,
    `${format(ratio.steadyLatencyP50)}× / ${format(ratio.burstLatencyP50)}×`,
    `${format(ratio.steadyLatencyP99)}× / ${format(ratio.burstLatencyP99)}×`,
    '',
  ]);
  const table = markdownTable(
    ['target', 'phase', 'events', 'produced/s', 'handled/s', 'p50 ms', 'p99 ms', 'max ms'],
    rows,
    [false, false, true, true, true, true, true, true],
  );
  return [
    `# ${NAME}`,
    '',
    'Events from the producer’s commit (outbox) to handled by the consumer (handler + inbox, one',
    'transaction), against raw JetStream publish (msgID) + pull consume (explicit ack) of messages',
    'of the same size, no database. Latency per event: commit (publish) → handled (consumed).',
    '',
    `${date} · Node ${env.node} · ${env.cpuCount} CPU (${env.cpuModel}) · ` +
      `steady ${settings.steadyRate} events/s for ${settings.steadyS} s · ` +
      `burst ${settings.burstEvents} events (${BURST_CALLERS} callers, ${EVENTS_PER_TRANSACTION} events per transaction, ` +
      `${AGGREGATES} aggregates) · ${figures.backbone.messageBytes} B per event`,
    '',
    table,
    '',
    'handled/s: events handled per second from the first commit to the last handled event. ' +
      'Ratio row: handled/s under the burst; latencies steady / burst.',
    '',
    problems.length
      ? `**Not valid:** ${problems.join('; ')}`
      : 'Valid: every event handled exactly once, in order per aggregate; nothing left in the outbox, no dead letter; every raw message consumed once.',
  ].join('\n');
}

async function startService(
  backend: BackendUnderTest,
  env: NodeJS.ProcessEnv,
  context: BenchContext,
): Promise<RunningService> {
  const name = backend.definition.name;
  const config = loadConfig(name, backend.schema, { ...benchServiceSecurityEnv(name), ...env });
  const running = await startBackendService(backend.definition, config, { httpHost: '127.0.0.1' });
  context.defer(`stop ${name}`, () => running.stop());
  return running;
}

async function openClient(url: string, context: BenchContext, label: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'portail-bench' });
  await client.connect();
  context.defer(`close ${label}`, () => client.end());
  return client;
}

async function run(context: BenchContext): Promise<BenchOutcome> {
  const { log } = context;
  const settings: EventsBenchSettings = {
    burstEvents:
      Math.ceil(integerFromEnv('BENCH_EVENTS', 20_000, 100, 1_000_000) / EVENTS_PER_TRANSACTION) *
      EVENTS_PER_TRANSACTION,
    steadyRate: integerFromEnv('BENCH_EVENTS_RATE', 200, 10, 100_000),
    steadyS: context.settings.durationS,
    warmupS: context.settings.warmupS,
  };
  const { serverUrl, natsUrl } = await clearedInfrastructure(
    { databasePrefix: DATABASE_PREFIX, streamPrefix: STREAM_PREFIX },
    log,
  );
  const id = randomBytes(3).toString('hex');
  const DATABASES = {
    counter: `${DATABASE_PREFIX}${id}_counter`,
    tallyboard: `${DATABASE_PREFIX}${id}_tallyboard`,
  };
  for (const database of Object.values(DATABASES)) {
    await ensureDatabase(serverUrl, database);
    context.defer(`drop database ${database}`, () => dropDatabase(serverUrl, database));
  }
  const streamEnv = {
    EVENTS_STREAM: `${STREAM_PREFIX}${id.toUpperCase()}`,
    EVENTS_SUBJECT_PREFIX: `bench${id}.events`,
  };
  context.defer(`delete stream ${streamEnv.EVENTS_STREAM}`, async () => {
    const connection = await connect({ servers: natsUrl });
    try {
      await (await connection.jetstreamManager()).streams.delete(streamEnv.EVENTS_STREAM);
    } finally {
      await connection.close();
    }
  });
  const common: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HTTP_PORT: '0',
    SHUTDOWN_TIMEOUT_MS: '3000',
    NATS_URL: natsUrl,
    // Requests of these services stay apart from any other copy on this NATS.
    NATS_SUBJECT_PREFIX: `bench${id}.`,
    ...streamEnv,
  };
  log(`starting counter and tallyboard in this process (stream ${streamEnv.EVENTS_STREAM})`);
  const counterUrl = withDatabase(serverUrl, DATABASES.counter);
  const tallyboardUrl = withDatabase(serverUrl, DATABASES.tallyboard);
  const counter = await startService(
    counterService,
    { ...common, DATABASE_URL: counterUrl },
    context,
  );
  const tallyboard = await startService(
    tallyboardService,
    { ...common, DATABASE_URL: tallyboardUrl },
    context,
  );
  const aggregates = Array.from({ length: AGGREGATES }, () => uuidv7());
  const backbone = new Backbone(
    new Producer(counter.app.get(IncrementTallies), aggregates),
    await openClient(tallyboardUrl, context, 'tallyboard database client'),
    await openClient(counterUrl, context, 'counter database client'),
  );

  const warmupEvents = settings.steadyRate * settings.warmupS;
  const steadyEvents = settings.steadyRate * settings.steadyS;
  if (warmupEvents > 0) {
    log(`backbone: warm-up, ${warmupEvents} events at ${settings.steadyRate}/s`);
    await backbone.steady(warmupEvents, settings.steadyRate);
  }
  log(`backbone: steady, ${steadyEvents} events at ${settings.steadyRate}/s`);
  const backboneSteady = await backbone.steady(steadyEvents, settings.steadyRate);
  log(`backbone: burst of ${settings.burstEvents} events`);
  const backboneBurst = await backbone.burst(settings.burstEvents);
  const backboneProblems = await backbone.problems();
  const metrics = await tallyboard.app.get(MessagingMetrics).snapshot();
  const backboneBytes = await backbone.envelopeBytes();

  const rawEvents = loadConfig('bench', eventsEnvSchema, {
    EVENTS_STREAM: `BENCH_RAW_${id.toUpperCase()}`,
    EVENTS_SUBJECT_PREFIX: `benchraw${id}.events`,
  });
  const raw = await RawJetStream.open(natsUrl, rawEvents, context.defer);
  const rawAggregates = Array.from({ length: AGGREGATES }, () => uuidv7());
  if (warmupEvents > 0) {
    log(`raw: warm-up, ${warmupEvents} messages at ${settings.steadyRate}/s`);
    await raw.steady(warmupEvents, settings.steadyRate, rawAggregates);
  }
  log(`raw: steady, ${steadyEvents} messages at ${settings.steadyRate}/s`);
  const rawSteady = await raw.steady(steadyEvents, settings.steadyRate, rawAggregates);
  log(`raw: burst of ${settings.burstEvents} messages`);
  const rawBurst = await raw.burst(settings.burstEvents, rawAggregates);

  const figures = {
    backbone: { steady: backboneSteady, burst: backboneBurst, messageBytes: backboneBytes },
    raw: { steady: rawSteady, burst: rawBurst, messageBytes: raw.bytes },
  };
  const ratioOf = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : 0);
  const ratio: Ratio = {
    burstEventsPerSecond: ratioOf(backboneBurst.eventsPerSecond, rawBurst.eventsPerSecond),
    steadyLatencyP50: ratioOf(backboneSteady.latencyMs.p50, rawSteady.latencyMs.p50),
    steadyLatencyP99: ratioOf(backboneSteady.latencyMs.p99, rawSteady.latencyMs.p99),
    burstLatencyP50: ratioOf(backboneBurst.latencyMs.p50, rawBurst.latencyMs.p50),
    burstLatencyP99: ratioOf(backboneBurst.latencyMs.p99, rawBurst.latencyMs.p99),
  };
  const problems = [...backboneProblems, ...raw.problems()];
  const date = new Date().toISOString();
  const summary = markdown(date, settings, figures, ratio, problems);
  const json = {
    benchmark: NAME,
    description: benchmark.description,
    date,
    valid: problems.length === 0,
    problems,
    environment: environment(),
    settings: {
      ...settings,
      warmupEvents,
      steadyEvents,
      eventsPerTransaction: EVENTS_PER_TRANSACTION,
      aggregates: AGGREGATES,
      burstCallers: BURST_CALLERS,
      services: 'counter and tallyboard (libs/testing event fixtures), in the bench process',
      servicesConfig: {
        OUTBOX_BATCH_SIZE: rawEvents.OUTBOX_BATCH_SIZE,
        OUTBOX_POLL_INTERVAL_MS: rawEvents.OUTBOX_POLL_INTERVAL_MS,
        EVENTS_CONSUMER_CONCURRENCY: rawEvents.EVENTS_CONSUMER_CONCURRENCY,
        DATABASE_POOL_SIZE: 10,
        LOG_LEVEL: 'warn',
      },
      latency:
        'backbone: caller sees its commit (wall clock) → tallies.applied_at (clock_timestamp() in the handler, same host clock); ' +
        'raw: publish called → message received by the consumer',
      rawPublishing: `steady: groups of ${EVENTS_PER_TRANSACTION} at the same rate; burst: batches of OUTBOX_BATCH_SIZE pipelined, like the relay`,
    },
    targets: {
      backbone: { label: TARGET_LABELS.backbone, ...figures.backbone, consumerMetrics: metrics },
      raw: { label: TARGET_LABELS.raw, ...figures.raw, duplicates: raw.duplicates },
    },
    ratio: {
      ...ratio,
      meaning:
        'backbone divided by raw: below 1 for events/s and above 1 for latency is the cost of the outbox, relay, inbox and handler transaction',
    },
  };
  const files = await writeResults(context.resultsDir, NAME, json, summary);
  log(`results written to ${files.join(' and ')}`);
  return { valid: problems.length === 0, summary };
}

export const benchmark: Benchmark = {
  name: NAME,
  description:
    'Domain events from outbox commit to handled (relay, JetStream, consumer with inbox), against raw JetStream publish + consume of the same messages',
  run,
};

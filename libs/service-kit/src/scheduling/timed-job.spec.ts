import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { dropDatabase, ensureDatabase, withDatabase } from '@portail/database';
import { TestSystem } from '@portail/testing';
import { Clock } from '../clock/clock';
import { TimedJob, lockKeyOf, type TimedJobDefinition } from './timed-job';
import { registerTimedJobMetrics } from './timed-job.metrics';
import { createTimedJobsTable } from './timed-jobs.table';

const MINUTE = 60_000;
const T0 = new Date('2026-10-01T08:00:00Z');

/** A clock the test moves by hand. */
class MovingClock extends Clock {
  current = T0;
  override now(): Date {
    return this.current;
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** A job's work the test controls: counts its runs, may block until released, may fail. */
function aJob(name: string) {
  const calls: Date[] = [];
  let gate: Promise<void> | undefined;
  let open: () => void = () => undefined;
  let failWith: string | undefined;
  const definition: TimedJobDefinition = {
    name,
    intervalMs: 5 * MINUTE,
    async run(now) {
      calls.push(now);
      await gate;
      if (failWith) throw new Error(failWith);
      return 3;
    },
  };
  return {
    definition,
    calls,
    block() {
      gate = new Promise((resolve) => (open = resolve));
    },
    release() {
      open();
      gate = undefined;
    },
    fail(message: string | undefined) {
      failWith = message;
    },
  };
}

describe('TimedJob: once across replicas, state in the database, judged by the Clock', () => {
  const database = TestSystem.uniqueDatabaseName('timedjobs');
  let dataSource: DataSource;
  let clock: MovingClock;
  let jobCount = 0;
  const uniqueName = () => `test.job-${(jobCount += 1)}`;

  const stateOf = async (name: string) => {
    const [row] = await dataSource.query<
      Array<{
        last_run_at: Date | null;
        last_success_at: Date | null;
        last_duration_ms: number | null;
        last_error: string | null;
        runs_total: string;
        failures_total: string;
        consecutive_failures: number;
      }>
    >('SELECT * FROM timed_jobs WHERE name = $1', [name]);
    return row;
  };

  beforeAll(async () => {
    await ensureDatabase(TestSystem.serverUrl(), database);
    dataSource = new DataSource({
      type: 'postgres',
      url: withDatabase(TestSystem.serverUrl(), database),
      poolSize: 4,
    });
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    await createTimedJobsTable(runner);
    await runner.release();
  });

  beforeEach(() => {
    clock = new MovingClock();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(TestSystem.serverUrl(), database);
  });

  it('runs the work at the Clock and records the run, the success and the duration', async () => {
    const work = aJob(uniqueName());
    const job = new TimedJob(work.definition, { dataSource, clock });
    expect(await job.isDue()).toBe(true);
    const run = await job.runOnce();
    expect(run).toMatchObject({ ran: true, handled: 3 });
    expect(work.calls).toEqual([T0]);
    const state = await stateOf(work.definition.name);
    expect(state).toMatchObject({
      last_run_at: T0,
      last_success_at: T0,
      last_error: null,
      runs_total: '1',
      failures_total: '0',
    });
    expect(state.last_duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('is due again only once the interval has passed by the Clock, even in a new process', async () => {
    const work = aJob(uniqueName());
    await new TimedJob(work.definition, { dataSource, clock }).runOnce();
    // Another instance, as after a restart: it knows nothing but the database.
    const restarted = new TimedJob(work.definition, { dataSource, clock });
    clock.advance(5 * MINUTE - 1);
    expect(await restarted.isDue()).toBe(false);
    clock.advance(1);
    expect(await restarted.isDue()).toBe(true);
  });

  it('runs once when two instances start together: the second finds the lock taken', async () => {
    const work = aJob(uniqueName());
    const first = new TimedJob(work.definition, { dataSource, clock });
    const second = new TimedJob(work.definition, { dataSource, clock });
    work.block();
    const firstRun = first.runOnce();
    // Wait until the first holds the lock and is inside its work.
    while (work.calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(await second.runOnce()).toEqual({ ran: false, reason: 'locked' });
    work.release();
    expect(await firstRun).toMatchObject({ ran: true, handled: 3 });
    expect(work.calls).toHaveLength(1);
    // The lock is released after the run: the next call runs.
    expect(await second.runOnce()).toMatchObject({ ran: true });
    expect((await stateOf(work.definition.name)).runs_total).toBe('2');
  });

  it('records failures, and a later success resets the consecutive count', async () => {
    const work = aJob(uniqueName());
    const job = new TimedJob(work.definition, { dataSource, clock });
    work.fail('base indisponible');
    expect(await job.runOnce()).toMatchObject({
      ran: true,
      failed: true,
      error: 'base indisponible',
    });
    clock.advance(MINUTE);
    await job.runOnce();
    expect(await stateOf(work.definition.name)).toMatchObject({
      last_run_at: clock.now(),
      last_success_at: null,
      last_error: 'base indisponible',
      failures_total: '2',
      consecutive_failures: 2,
    });
    work.fail(undefined);
    clock.advance(MINUTE);
    await job.runOnce();
    expect(await stateOf(work.definition.name)).toMatchObject({
      last_success_at: clock.now(),
      last_error: null,
      failures_total: '2',
      consecutive_failures: 0,
    });
  });

  it('runs from its loop when due, and not again before the interval', async () => {
    const work = aJob(uniqueName());
    const job = new TimedJob(work.definition, { dataSource, clock, pollMs: 5 });
    const checks = jest.spyOn(job, 'isDue');
    job.start();
    try {
      await until(() => work.calls.length === 1);
      // Five more polls of the database, and still one run: the Clock has not moved.
      const seen = checks.mock.calls.length;
      await until(() => checks.mock.calls.length >= seen + 5);
      expect(work.calls).toHaveLength(1);
      clock.advance(5 * MINUTE);
      await until(() => work.calls.length === 2);
    } finally {
      await job.stop();
    }
    expect(work.calls).toEqual([T0, new Date(T0.getTime() + 5 * MINUTE)]);
  });

  it("shows each job's last run, success, duration and failures as metrics", async () => {
    const work = aJob(uniqueName());
    await new TimedJob(work.definition, { dataSource, clock }).runOnce();
    const registry = new Registry();
    registerTimedJobMetrics(registry, dataSource);
    // A second job's provider registers again: nothing doubles.
    registerTimedJobMetrics(registry, dataSource);
    const text = await registry.metrics();
    const name = work.definition.name;
    expect(text).toContain(
      `portail_timed_job_last_run_seconds{job="${name}"} ${T0.getTime() / 1000}`,
    );
    expect(text).toContain(
      `portail_timed_job_last_success_seconds{job="${name}"} ${T0.getTime() / 1000}`,
    );
    expect(text).toMatch(
      new RegExp(`portail_timed_job_last_duration_seconds\\{job="${name}"\\} [\\d.e-]+`),
    );
    expect(text).toContain(`portail_timed_job_failures{job="${name}"} 0`);
    expect(text).toContain(`portail_timed_job_consecutive_failures{job="${name}"} 0`);
  });

  it('derives a stable 64-bit lock key per job name', () => {
    expect(lockKeyOf('reservation.bookings-expiry')).toBe(lockKeyOf('reservation.bookings-expiry'));
    expect(lockKeyOf('a')).not.toBe(lockKeyOf('b'));
    const key = BigInt(lockKeyOf('billing.month-end'));
    expect(key >= -(2n ** 63n) && key < 2n ** 63n).toBe(true);
  });
});

/** Polls a condition (the loop's own timers run meanwhile); fails after 10 s. */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

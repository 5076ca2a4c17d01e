import type { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from '@portail/database';
import type { Logger } from '@portail/logging';
import type { Clock } from '../clock/clock';

/** What a service declares: a name, an interval, and the work. */
export interface TimedJobDefinition {
  /** Stable and unique per service: the advisory lock key and the row of `timed_jobs`. */
  name: string;
  intervalMs: number;
  /**
   * The work, judged at `now` (the service's Clock). It commits its own transactions and must be
   * safe to run again after a crash (pick rows by state, not by memory). Returns how many items
   * it handled, for the logs.
   */
  run(now: Date): Promise<number>;
}

export type TimedJobRun =
  | { ran: true; handled: number; durationMs: number }
  | { ran: false; reason: 'locked' }
  | { ran: true; failed: true; error: string; durationMs: number };

export interface TimedJobDependencies {
  dataSource: DataSource;
  clock: Clock;
  logger?: Logger;
  /** How often the loop looks whether the job is due (default: a tenth of the interval, 1 s to 60 s). */
  pollMs?: number;
}

/**
 * Runs a job once across every replica of a service: each run takes a session advisory lock
 * (`pg_try_advisory_lock`) on a connection of its own, so a second replica (or a second call)
 * finds it taken and skips. Its state lives in `timed_jobs`: after a restart, the loop runs it
 * when `last_run_at + intervalMs` has passed by the Clock, not from memory. Tests call
 * `runOnce()` after moving the Clock.
 */
export class TimedJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  /** The last loop found PostgreSQL unreachable (said once per outage). */
  private databaseDown = false;

  constructor(
    readonly definition: TimedJobDefinition,
    private readonly deps: TimedJobDependencies,
  ) {}

  get name(): string {
    return this.definition.name;
  }

  /** Runs the job now if no other instance is running it; records the outcome. */
  async runOnce(): Promise<TimedJobRun> {
    const runner = this.deps.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(
        'SELECT pg_try_advisory_lock($1::bigint) AS locked',
        [lockKeyOf(this.name)],
      )) as Array<{ locked: boolean }>;
      if (!locked) return { ran: false, reason: 'locked' };
      try {
        return await this.runLocked((sql, parameters) => runner.query(sql, parameters));
      } finally {
        // A connection lost meanwhile took its session's lock with it: nothing left to unlock,
        // and the error that matters is the one the run raised.
        await runner
          .query('SELECT pg_advisory_unlock($1::bigint)', [lockKeyOf(this.name)])
          .catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  /** Starts the loop: every poll, runs the job when it is due (by the database and the Clock). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const poll =
      this.deps.pollMs ??
      Math.min(60_000, Math.max(1_000, Math.floor(this.definition.intervalMs / 10)));
    const tick = (): void => {
      if (this.stopped) return;
      this.running = this.runIfDue()
        .then(() => {
          this.databaseDown = false;
        })
        .catch(async (error: unknown) => {
          // PostgreSQL unreachable is an outage the service already reports (503, one warning):
          // the job says it once, without a stack, and runs again when the database is back.
          // (A connection cut mid-run surfaces as whatever TypeORM says of its released runner,
          // hence the check of the database itself.)
          if (isDatabaseUnavailable(error) || (await this.databaseUnreachable())) {
            if (!this.databaseDown) {
              this.deps.logger?.warn(
                { job: this.name },
                'Timed job waits for its database to be reachable again',
              );
            }
            this.databaseDown = true;
            return;
          }
          this.deps.logger?.error({ err: error, job: this.name }, 'Timed job loop failed');
        })
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.timer = setTimeout(tick, poll);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** True when the job never ran or its interval has passed since its last run (any replica's). */
  async isDue(): Promise<boolean> {
    const [row] = await this.deps.dataSource.query<Array<{ last_run_at: Date | null }>>(
      'SELECT last_run_at FROM timed_jobs WHERE name = $1',
      [this.name],
    );
    if (!row?.last_run_at) return true;
    const lastRun = new Date(row.last_run_at).getTime();
    return this.deps.clock.now().getTime() >= lastRun + this.definition.intervalMs;
  }

  private async databaseUnreachable(): Promise<boolean> {
    try {
      await this.deps.dataSource.query('SELECT 1');
      return false;
    } catch (error) {
      return isDatabaseUnavailable(error);
    }
  }

  private async runIfDue(): Promise<void> {
    if (await this.isDue()) await this.runOnce();
  }

  private async runLocked(
    query: (sql: string, parameters?: unknown[]) => Promise<unknown>,
  ): Promise<TimedJobRun> {
    const now = this.deps.clock.now();
    const started = process.hrtime.bigint();
    const elapsed = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
    // The run is recorded before the work: a crash mid-run still counts as a run, so replicas do
    // not all retry at once after it; the work itself picks up what is left on the next run.
    await query(
      `INSERT INTO timed_jobs (name, last_run_at, runs_total) VALUES ($1, $2, 1)
       ON CONFLICT (name) DO UPDATE SET last_run_at = $2, runs_total = timed_jobs.runs_total + 1`,
      [this.name, now],
    );
    try {
      const handled = await this.definition.run(now);
      const durationMs = elapsed();
      await query(
        `UPDATE timed_jobs SET last_success_at = $2, last_duration_ms = $3, consecutive_failures = 0,
            last_error = NULL WHERE name = $1`,
        [this.name, now, durationMs],
      );
      if (handled > 0) {
        this.deps.logger?.info({ job: this.name, handled, durationMs }, 'Timed job ran');
      }
      return { ran: true, handled, durationMs };
    } catch (error) {
      const durationMs = elapsed();
      const message = error instanceof Error ? error.message : String(error);
      await query(
        `UPDATE timed_jobs SET last_duration_ms = $2, last_error = $3,
            failures_total = failures_total + 1, consecutive_failures = consecutive_failures + 1
          WHERE name = $1`,
        [this.name, durationMs, message.slice(0, 2000)],
      );
      this.deps.logger?.error({ err: error, job: this.name, durationMs }, 'Timed job failed');
      return { ran: true, failed: true, error: message, durationMs };
    }
  }
}

/** A 64-bit advisory lock key from the job's name (namespaced, so it collides with no other lock). */
export function lockKeyOf(name: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(`portail-timed-job:${name}`, 'utf8')) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return BigInt.asIntN(64, hash).toString();
}

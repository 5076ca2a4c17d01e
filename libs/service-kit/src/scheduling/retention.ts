import type { FactoryProvider } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { MessagingMetrics } from '@portail/messaging';
import { SERVICE_CONFIG } from '../bootstrap/service-config';
import { Clock } from '../clock/clock';
import { ScheduledJob } from './scheduled-job';
import type { TimedJobDependencies } from './timed-job';

/** One kind of row that goes once it is old enough: personal data are not kept for ever. */
export interface RetentionRule {
  /** The table the rows are deleted from. */
  table: string;
  /** How long they are kept, in days (a service setting). */
  days: number;
  /**
   * Which rows are old enough, as SQL over the table's columns where `$1` is the cut-off
   * (the job's time minus `days`), e.g. `used_at < $1 OR expires_at < $1`.
   */
  olderThan: string;
}

/** Rows deleted per statement, so that a first purge of a big table never holds long locks. */
const BATCH = 5_000;

/**
 * Deletes what each rule says is past its retention, judged at `now` (the service's Clock,
 * so tests move time), in batches; returns how many rows went. Meant for a service's purge
 * TimedJob (once across replicas).
 */
export async function applyRetention(
  dataSource: DataSource,
  now: Date,
  rules: readonly RetentionRule[],
  logger?: Logger,
): Promise<number> {
  let total = 0;
  let failure: Error | undefined;
  for (const rule of rules) {
    const cutOff = new Date(now.getTime() - rule.days * 86_400_000);
    let deleted = 0;
    try {
      deleted = await purge(dataSource, rule, cutOff);
    } catch (error) {
      // One table that cannot be purged (a reference left, a lock) does not keep the others'
      // rows: the next rules still run, and the run fails afterwards so the job shows it.
      // The error itself is the run's (the TimedJob reports it once); here only which table.
      logger?.warn({ table: rule.table }, 'Retention: rule failed, the others still run');
      failure ??= error instanceof Error ? error : new Error(String(error));
    }
    if (deleted)
      logger?.info({ table: rule.table, deleted, days: rule.days }, 'Retention: rows deleted');
    total += deleted;
  }
  if (failure) throw failure;
  return total;
}

/** Deletes a rule's rows older than `cutOff`, batch after batch; answers how many went. */
async function purge(dataSource: DataSource, rule: RetentionRule, cutOff: Date): Promise<number> {
  let deleted = 0;
  for (;;) {
    const [{ count }] = await dataSource.query<Array<{ count: number }>>(
      `WITH gone AS (
           DELETE FROM ${rule.table} WHERE ctid IN (
             SELECT ctid FROM ${rule.table} WHERE ${rule.olderThan} LIMIT ${BATCH})
           RETURNING 1)
         SELECT count(*)::int AS count FROM gone`,
      [cutOff],
    );
    deleted += count;
    if (count < BATCH) return deleted;
  }
}

/** What a service's configuration holds for its purge job. */
export interface RetentionSettings {
  RETENTION_JOB_ENABLED: boolean;
  RETENTION_INTERVAL_MS: number;
}

/**
 * A service's purge job: its retention rules applied every RETENTION_INTERVAL_MS, once across
 * replicas (a TimedJob, with its metrics). Nest calls the lifecycle hooks below; a service
 * registers it with `retentionJobProvider`.
 */
export class RetentionJob extends ScheduledJob {
  private readonly deps: TimedJobDependencies;

  constructor(
    private readonly definition: {
      name: string;
      intervalMs: number;
      enabled: boolean;
      rules: readonly RetentionRule[];
    },
    deps: TimedJobDependencies & { registry: Registry },
  ) {
    super(definition, deps);
    this.deps = deps;
  }

  /** The rules, for the README and the tests. */
  get rules(): readonly RetentionRule[] {
    return this.definition.rules;
  }

  protected work(now: Date): Promise<number> {
    return applyRetention(this.deps.dataSource, now, this.definition.rules, this.deps.logger);
  }
}

/**
 * The provider of a service's purge job (`app.get(RetentionJob)`), named `name` in
 * `timed_jobs`, with the rules its configuration gives. The service's module imports ClockModule.
 */
export function retentionJobProvider<C extends RetentionSettings>(
  name: string,
  rulesOf: (config: C) => RetentionRule[],
): FactoryProvider<RetentionJob> {
  return {
    provide: RetentionJob,
    useFactory: (
      config: C,
      logger: Logger,
      dataSource: DataSource,
      clock: Clock,
      metrics: MessagingMetrics,
    ) =>
      new RetentionJob(
        {
          name,
          intervalMs: config.RETENTION_INTERVAL_MS,
          enabled: config.RETENTION_JOB_ENABLED,
          rules: rulesOf(config),
        },
        { dataSource, clock, logger, registry: metrics.registry },
      ),
    inject: [SERVICE_CONFIG, SERVICE_LOGGER, DataSource, Clock, MessagingMetrics],
  };
}

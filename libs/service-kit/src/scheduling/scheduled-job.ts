import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { TimedJob, type TimedJobDependencies, type TimedJobRun } from './timed-job';
import { registerTimedJobMetrics } from './timed-job.metrics';

/** When a service's job runs: its name in `timed_jobs`, its interval, and whether this replica loops. */
export interface JobSchedule {
  name: string;
  intervalMs: number;
  /** False: this replica never starts the loop (another does; tests call `runOnce`). */
  enabled: boolean;
}

/**
 * A service's timed job as a Nest provider: a {@link TimedJob} (once across replicas, state in
 * `timed_jobs`, judged by the Clock) started when the application has booted if its schedule is
 * enabled, stopped before shutdown, with its `portail_timed_job_*` metrics. A subclass gives its
 * schedule and its work; tests call `runOnce()` after moving the Clock.
 */
export abstract class ScheduledJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly job: TimedJob;
  private readonly enabled: boolean;

  protected constructor(
    schedule: JobSchedule,
    deps: TimedJobDependencies & { registry: Registry },
  ) {
    this.enabled = schedule.enabled;
    // `work` is looked up when the job runs, after the subclass has its dependencies.
    this.job = new TimedJob(
      { name: schedule.name, intervalMs: schedule.intervalMs, run: (now) => this.work(now) },
      deps,
    );
    registerTimedJobMetrics(deps.registry, deps.dataSource);
  }

  /** The work, judged at `now` (see TimedJobDefinition.run): how many items it handled. */
  protected abstract work(now: Date): Promise<number>;

  runOnce(): Promise<TimedJobRun> {
    return this.job.runOnce();
  }

  onApplicationBootstrap(): void {
    if (this.enabled) this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }
}

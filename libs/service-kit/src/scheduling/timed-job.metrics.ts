import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

interface JobRow {
  name: string;
  last_run_at: Date | null;
  last_success_at: Date | null;
  last_duration_ms: number | null;
  failures_total: string;
  consecutive_failures: number;
}

/**
 * The timed jobs' state as Prometheus gauges on the service's GET /metrics, read from
 * `timed_jobs` at each scrape: every replica shows the same figures, and they survive restarts.
 * Each job's provider may call it: the gauges are registered once per registry.
 */
export function registerTimedJobMetrics(registry: Registry, dataSource: DataSource): void {
  // Once per registry: the gauges cover every job of the service.
  if (registry.getSingleMetric('portail_timed_job_last_run_seconds')) return;
  let pending: Promise<JobRow[]> | undefined;
  // One query per scrape, shared by the gauges below.
  const rows = (): Promise<JobRow[]> => {
    pending ??= (
      dataSource.isInitialized
        ? dataSource.query<JobRow[]>('SELECT * FROM timed_jobs ORDER BY name')
        : Promise.resolve([])
    ).finally(() => setTimeout(() => (pending = undefined), 0));
    return pending;
  };
  const seconds = (date: Date | null) => (date ? new Date(date).getTime() / 1000 : 0);
  const gauge = (name: string, help: string, value: (row: JobRow) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['job'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const row of await rows()) this.set({ job: row.name }, value(row));
      },
    });
  gauge('portail_timed_job_last_run_seconds', 'Start of the last run (Unix time)', (row) =>
    seconds(row.last_run_at),
  );
  gauge(
    'portail_timed_job_last_success_seconds',
    'Start of the last successful run (Unix time)',
    (row) => seconds(row.last_success_at),
  );
  gauge(
    'portail_timed_job_last_duration_seconds',
    'Duration of the last run',
    (row) => (row.last_duration_ms ?? 0) / 1000,
  );
  gauge('portail_timed_job_failures', 'Failed runs since the job exists', (row) =>
    Number(row.failures_total),
  );
  gauge(
    'portail_timed_job_consecutive_failures',
    'Failed runs since the last success',
    (row) => row.consecutive_failures,
  );
}

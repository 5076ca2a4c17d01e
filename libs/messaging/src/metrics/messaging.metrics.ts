import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.tokens';

/**
 * Counters of the events backbone for one service, in a registry of its own (several
 * services may share a process in tests). Served as Prometheus text on GET /metrics.
 */
@Injectable()
export class MessagingMetrics {
  readonly registry = new Registry();
  readonly published: Counter;
  readonly handled: Counter<'type'>;
  readonly duplicates: Counter;
  readonly retried: Counter;
  readonly deadLettered: Counter;

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions, dataSource: DataSource) {
    this.registry.setDefaultLabels({ service: options.service });
    const registers = [this.registry];
    this.published = new Counter({
      name: 'portail_events_published_total',
      help: 'Outbox events published to JetStream',
      registers,
    });
    this.handled = new Counter({
      name: 'portail_events_handled_total',
      help: 'Events applied by this service (inbox written)',
      labelNames: ['type'],
      registers,
    });
    this.duplicates = new Counter({
      name: 'portail_events_duplicates_total',
      help: 'Redelivered events skipped because the inbox already had them',
      registers,
    });
    this.retried = new Counter({
      name: 'portail_events_retried_total',
      help: 'Failed handlings scheduled for retry',
      registers,
    });
    this.deadLettered = new Counter({
      name: 'portail_events_dead_lettered_total',
      help: 'Events moved to dead letters after the last attempt',
      registers,
    });
    const count = async (sql: string): Promise<number> => {
      if (!dataSource.isInitialized) return 0;
      const rows: Array<{ count: string }> = await dataSource.query(sql);
      return Number(rows[0]?.count ?? 0);
    };
    new Gauge({
      name: 'portail_outbox_pending',
      help: 'Outbox events not yet published',
      registers,
      async collect() {
        this.set(
          await count('SELECT count(*)::text AS count FROM outbox WHERE published_at IS NULL'),
        );
      },
    });
    new Gauge({
      name: 'portail_dead_letters_pending',
      help: 'Dead letters not replayed yet',
      registers,
      async collect() {
        this.set(
          await count('SELECT count(*)::text AS count FROM dead_letters WHERE replayed_at IS NULL'),
        );
      },
    });
  }

  /** Figures for the health output and tests. */
  async snapshot(): Promise<Record<string, number>> {
    const metrics = await this.registry.getMetricsAsJSON();
    const result: Record<string, number> = {};
    for (const metric of metrics) {
      result[metric.name] = metric.values.reduce((sum, value) => sum + value.value, 0);
    }
    return result;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { eventSubject } from '@portail/contracts';
import { NotificationWaker } from '@portail/database';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { MessagingMetrics } from '../metrics/messaging.metrics';
import {
  JETSTREAM_CONNECTION,
  MESSAGING_OPTIONS,
  OUTBOX_CHANNEL,
  type MessagingOptions,
} from '../messaging.tokens';

/** Only one relay of a service publishes at a time, so events leave in commit order. */
const RELAY_LOCK_KEY = 7_412_904;
const PUBLISH_TIMEOUT_MS = 5000;
const MAX_BACKOFF_MS = 5000;
const CLEANUP_EVERY_MS = 60 * 60 * 1000;

interface OutboxRow {
  id: string;
  type: string;
  envelope: unknown;
}

interface BatchResult {
  published: number;
  failure?: unknown;
}

/**
 * Publishes committed outbox rows to JetStream, oldest first, with the event id as
 * Nats-Msg-Id. It wakes on PostgreSQL NOTIFY (sent by the recording transaction on commit)
 * and polls as a fallback. A crash between publish and mark republishes the same ids, which
 * JetStream drops within its duplicate window and consumers' inboxes drop after it.
 */
@Injectable()
export class OutboxRelay {
  private readonly waker: NotificationWaker;
  private loop: Promise<void> | undefined;
  private stopped = false;
  private failing = false;
  private lastCleanup = 0;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(JETSTREAM_CONNECTION) private readonly nats: NatsConnection,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly metrics: MessagingMetrics,
  ) {
    this.waker = new NotificationWaker({
      databaseUrl: options.databaseUrl,
      channel: OUTBOX_CHANNEL,
      applicationName: `portail-${options.service}-relay`,
      // Polling still delivers; the loop reconnects the listener.
      onListenFailure: (error) =>
        this.logger.warn({ err: error }, 'Outbox listener unavailable; polling'),
    });
  }

  async start(): Promise<void> {
    await this.waker.ensureListening();
    this.loop = this.run();
  }

  /** Finishes the batch in progress, then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.waker.wake();
    await this.loop;
    await this.waker.stop();
  }

  /** Publishes one batch now; returns how many rows were published. */
  async publishPending(): Promise<number> {
    const result = await this.publishBatch();
    if (result.failure)
      throw result.failure instanceof Error
        ? result.failure
        : new Error(JSON.stringify(result.failure));
    return result.published;
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (!this.stopped) {
      const { published, failure } = await this.publishBatch().catch((error: unknown) => ({
        published: 0,
        failure: error,
      }));
      if (failure) {
        if (!this.failing)
          this.logger.warn(
            { error: String((failure as Error).message ?? failure) },
            'Outbox relay cannot publish; retrying',
          );
        this.failing = true;
        await this.waker.sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        continue;
      }
      if (this.failing) this.logger.info('Outbox relay publishes again');
      this.failing = false;
      backoff = 100;
      if (published >= this.options.events.OUTBOX_BATCH_SIZE) continue; // more waiting
      await this.cleanupIfDue();
      await this.waker.ensureListening();
      await this.waker.sleep(this.options.events.OUTBOX_POLL_INTERVAL_MS);
    }
  }

  private async publishBatch(): Promise<BatchResult> {
    const js = this.nats.jetstream();
    const { EVENTS_SUBJECT_PREFIX, OUTBOX_BATCH_SIZE } = this.options.events;
    return this.dataSource.transaction(async (manager): Promise<BatchResult> => {
      const [lock] = await manager.query<Array<{ locked: boolean }>>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [RELAY_LOCK_KEY],
      );
      if (!lock?.locked) return { published: 0 };
      const rows = await manager.query<OutboxRow[]>(
        `SELECT id, type, envelope FROM outbox WHERE published_at IS NULL
         ORDER BY sequence LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [OUTBOX_BATCH_SIZE],
      );
      if (rows.length === 0) return { published: 0 };
      // Pipelined on one connection, so JetStream stores them in this order.
      const results = await Promise.allSettled(
        rows.map((row) =>
          js.publish(eventSubject(EVENTS_SUBJECT_PREFIX, row.type), JSON.stringify(row.envelope), {
            msgID: row.id,
            timeout: PUBLISH_TIMEOUT_MS,
          }),
        ),
      );
      const firstFailure = results.findIndex((result) => result.status === 'rejected');
      const done = firstFailure === -1 ? rows : rows.slice(0, firstFailure);
      if (done.length) {
        await manager.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])', [
          done.map((row) => row.id),
        ]);
        this.metrics.published.inc(done.length);
      }
      const failed = firstFailure === -1 ? undefined : results[firstFailure];
      return {
        published: done.length,
        failure: failed?.status === 'rejected' ? failed.reason : undefined,
      };
    });
  }

  private async cleanupIfDue(): Promise<void> {
    if (Date.now() - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = Date.now();
    const { OUTBOX_RETENTION_DAYS, EVENTS_STREAM_MAX_AGE_DAYS, DEAD_LETTERS_RETENTION_DAYS } =
      this.options.events;
    try {
      await this.dataSource.query(
        `DELETE FROM outbox WHERE published_at < now() - make_interval(days => $1)`,
        [OUTBOX_RETENTION_DAYS],
      );
      // An inbox entry is useful while JetStream may still redeliver its event.
      await this.dataSource.query(
        `DELETE FROM inbox WHERE handled_at < now() - make_interval(days => $1)`,
        [EVENTS_STREAM_MAX_AGE_DAYS + 1],
      );
      // Dead letters hold whole events (personal data): an operator has that long to look.
      await this.dataSource.query(
        `DELETE FROM dead_letters WHERE consumer = $1 AND failed_at < now() - make_interval(days => $2)`,
        [this.options.service, DEAD_LETTERS_RETENTION_DAYS],
      );
    } catch (error) {
      this.logger.warn({ err: error }, 'Outbox cleanup failed');
    }
  }
}

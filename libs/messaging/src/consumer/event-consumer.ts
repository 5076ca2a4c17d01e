import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { ConsumerMessages, JsMsg, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { producerOfEventType, type EventEnvelope } from '@portail/contracts';
import { runWithCorrelationId, SERVICE_LOGGER, type Logger } from '@portail/logging';
import { MessagingMetrics } from '../metrics/messaging.metrics';
import {
  JETSTREAM_CONNECTION,
  MESSAGING_OPTIONS,
  type MessagingOptions,
} from '../messaging.tokens';
import { ensureConsumer } from '../stream/stream-setup';
import { HANDLES_EVENT, type AnyEventHandler } from './handles-event.decorator';
import { KeyedScheduler } from './keyed-scheduler';

export type ApplyOutcome = 'applied' | 'duplicate';

const MAX_RETRY_DELAY_MS = 5 * 60 * 1000;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The service's durable consumers: one per producer whose events it handles. Each event runs
 * its handler in a transaction that first records the event id in the inbox, so a redelivered
 * event has no second effect; the ack follows the commit. Failures are retried with
 * exponential backoff; after EVENTS_MAX_ATTEMPTS the event goes to dead_letters.
 */
@Injectable()
export class EventConsumer implements OnModuleInit {
  private readonly handlers = new Map<string, AnyEventHandler>();
  private readonly subscriptions: ConsumerMessages[] = [];
  private readonly loops: Array<Promise<void>> = [];
  private readonly scheduler: KeyedScheduler;
  private stopping = false;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(JETSTREAM_CONNECTION) private readonly nats: NatsConnection,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly metrics: MessagingMetrics,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {
    this.scheduler = new KeyedScheduler(options.events.EVENTS_CONSUMER_CONCURRENCY);
  }

  /** Every provider exists by now; bind the @HandlesEvent methods. */
  onModuleInit(): void {
    this.discoverHandlers();
  }

  /** Event types this service handles. */
  get handledTypes(): string[] {
    return [...this.handlers.keys()];
  }

  handlerOf(type: string): AnyEventHandler | undefined {
    return this.handlers.get(type);
  }

  async start(): Promise<void> {
    const producers = [...new Set(this.handledTypes.map(producerOfEventType))];
    const jsm = await this.nats.jetstreamManager();
    const js = this.nats.jetstream();
    for (const producer of producers) {
      const durable = await ensureConsumer(
        jsm,
        this.options.events,
        this.options.service,
        producer,
      );
      const consumer = await js.consumers.get(this.options.events.EVENTS_STREAM, durable);
      const messages = await consumer.consume({
        max_messages: Math.max(64, this.options.events.EVENTS_CONSUMER_CONCURRENCY * 4),
      });
      this.subscriptions.push(messages);
      this.loops.push(this.consumeLoop(messages));
      this.logger.info({ durable }, `Consuming ${producer} events`);
    }
  }

  /** Stops pulling, lets running handlers finish (bounded); unacked events are redelivered later. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    // On a dead connection neither close() nor the loops end by themselves: bound the wait.
    const bounded = (work: Promise<unknown>) =>
      Promise.race([
        work.catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
      ]);
    for (const messages of this.subscriptions) messages.stop();
    await bounded(Promise.all(this.subscriptions.map((messages) => messages.close())));
    await bounded(Promise.all(this.loops));
    if (!(await this.scheduler.idle(timeoutMs))) {
      this.logger.warn(`Stopping with ${this.scheduler.running} event handler(s) still running`);
    }
  }

  /** Applies an event once: inbox insert and handler in one transaction. Shared with dead-letter replay. */
  async apply(envelope: EventEnvelope, handler: AnyEventHandler): Promise<ApplyOutcome> {
    const outcome = await runWithCorrelationId(envelope.correlationId ?? envelope.id, () =>
      this.dataSource.transaction(async (manager): Promise<ApplyOutcome> => {
        const inserted: unknown[] = await manager.query(
          `INSERT INTO inbox (consumer, event_id, type) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [this.options.service, envelope.id, envelope.type],
        );
        if (inserted.length === 0) return 'duplicate';
        await handler(envelope, manager);
        return 'applied';
      }),
    );
    if (outcome === 'applied') this.metrics.handled.inc({ type: envelope.type });
    else this.metrics.duplicates.inc();
    return outcome;
  }

  private async consumeLoop(messages: ConsumerMessages): Promise<void> {
    try {
      for await (const message of messages) {
        if (this.stopping) {
          message.nak();
          continue;
        }
        await this.scheduler.whenSlotFree();
        const envelope = this.parse(message);
        void this.scheduler.run(envelope?.aggregateId ?? message.subject, () =>
          this.process(message, envelope),
        );
      }
    } catch (error) {
      if (!this.stopping) this.logger.error({ err: error }, 'Event consumer stopped unexpectedly');
    }
  }

  private parse(message: JsMsg): EventEnvelope | undefined {
    try {
      const envelope = message.json<EventEnvelope>();
      return envelope && typeof envelope.id === 'string' && typeof envelope.type === 'string'
        ? envelope
        : undefined;
    } catch {
      return undefined;
    }
  }

  private async process(message: JsMsg, envelope: EventEnvelope | undefined): Promise<void> {
    if (!envelope) {
      // Unreadable: no retry can help. Keep it aside for an operator and move on.
      this.logger.error(
        { subject: message.subject, streamSequence: message.info.streamSequence },
        'Unreadable event discarded',
      );
      message.term('unreadable envelope');
      this.metrics.deadLettered.inc();
      return;
    }
    const handler = this.handlers.get(envelope.type);
    if (!handler) {
      message.ack(); // another of this producer's events, not one this service cares about
      return;
    }
    try {
      await this.apply(envelope, handler);
      message.ack();
    } catch (error) {
      await this.onFailure(message, envelope, error);
    }
  }

  private async onFailure(message: JsMsg, envelope: EventEnvelope, error: unknown): Promise<void> {
    const attempts = message.info.deliveryCount;
    const { EVENTS_MAX_ATTEMPTS, EVENTS_RETRY_BASE_MS } = this.options.events;
    if (attempts < EVENTS_MAX_ATTEMPTS) {
      const delay = Math.min(MAX_RETRY_DELAY_MS, EVENTS_RETRY_BASE_MS * 2 ** (attempts - 1));
      this.metrics.retried.inc();
      this.logger.warn(
        {
          eventId: envelope.id,
          type: envelope.type,
          attempts,
          retryInMs: delay,
          error: errorText(error),
        },
        'Event handling failed; will retry',
      );
      message.nak(delay);
      return;
    }
    try {
      await this.dataSource.query(
        `INSERT INTO dead_letters (id, consumer, event_id, type, envelope, error, attempts)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6)
         ON CONFLICT (consumer, event_id) DO UPDATE
           SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, failed_at = now(), replayed_at = NULL`,
        [
          this.options.service,
          envelope.id,
          envelope.type,
          JSON.stringify(envelope),
          errorText(error),
          attempts,
        ],
      );
    } catch (storeError) {
      // Could not keep it aside: let JetStream redeliver rather than lose it.
      this.logger.error(
        { eventId: envelope.id, err: storeError },
        'Could not store dead letter; will retry',
      );
      message.nak(EVENTS_RETRY_BASE_MS);
      return;
    }
    this.metrics.deadLettered.inc();
    this.logger.error(
      { eventId: envelope.id, type: envelope.type, attempts, error: errorText(error) },
      'Event moved to dead letters',
    );
    message.ack();
  }

  private discoverHandlers(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const type = this.reflector.get<string | undefined>(
          HANDLES_EVENT,
          fn as (...args: unknown[]) => unknown,
        );
        if (!type) continue;
        if (this.handlers.has(type))
          throw new Error(`Two handlers for event ${type} in ${this.options.service}`);
        this.handlers.set(type, (fn as AnyEventHandler).bind(instance));
      }
    }
  }
}

import {
  Inject,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { connect, type NatsConnection } from 'nats';
import { hostname } from 'node:os';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { EventConsumer } from './consumer/event-consumer';
import { createDeadLettersController } from './dead-letters/dead-letters.controller';
import { DeadLettersService } from './dead-letters/dead-letters.service';
import { JETSTREAM_CONNECTION, MESSAGING_OPTIONS, type MessagingOptions } from './messaging.tokens';
import { MessagingMetrics } from './metrics/messaging.metrics';
import { MetricsController } from './metrics/metrics.controller';
import { EventRecorder } from './outbox/event-recorder';
import { OutboxRelay } from './outbox/outbox-relay';
import { ensureEventsStream } from './stream/stream-setup';

/**
 * The events backbone of one service: EventRecorder for use cases, the outbox relay, the
 * durable consumers of @HandlesEvent methods, dead letters, and metrics on GET /metrics.
 * Stream and consumers are created or updated at start-up; both loops stop before the
 * database pool closes.
 */
@Module({})
export class MessagingModule
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(JETSTREAM_CONNECTION) private readonly nats: NatsConnection,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    private readonly relay: OutboxRelay,
    private readonly consumer: EventConsumer,
  ) {}

  static forService(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule],
      controllers: [MetricsController, createDeadLettersController(options.service)],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: JETSTREAM_CONNECTION,
          useFactory: () =>
            connect({
              servers: options.natsUrl.split(','),
              name: `${options.service}-events@${hostname()}`,
              maxReconnectAttempts: -1,
              ...options.natsAuth,
            }),
        },
        EventRecorder,
        OutboxRelay,
        EventConsumer,
        DeadLettersService,
        MessagingMetrics,
      ],
      exports: [EventRecorder, MessagingMetrics, OutboxRelay, EventConsumer, DeadLettersService],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    const { events } = this.options;
    await ensureEventsStream(await this.nats.jetstreamManager(), events);
    if (events.EVENTS_RELAY_ENABLED) await this.relay.start();
    if (events.EVENTS_CONSUMER_ENABLED) await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop(this.options.shutdownTimeoutMs);
    await this.relay.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.nats.isClosed()) await this.nats.drain().catch(() => undefined);
  }
}

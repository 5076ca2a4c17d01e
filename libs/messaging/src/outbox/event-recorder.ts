import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  EVENT_TYPE_PATTERN,
  producerOfEventType,
  type EventEnvelope,
  type EventPayloads,
  type EventType,
} from '@portail/contracts';
import { currentCorrelationId } from '@portail/logging';
import { MESSAGING_OPTIONS, OUTBOX_CHANNEL, type MessagingOptions } from '../messaging.tokens';

export interface RecordOptions {
  /** Defaults to the payload's `id` field when it has one. */
  aggregateId?: string;
  schemaVersion?: number;
}

/**
 * Records a domain event in the outbox, inside the caller's transaction: the event exists
 * if and only if the state change commits. The relay publishes it afterwards.
 */
@Injectable()
export class EventRecorder {
  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  async record<T extends EventType>(
    manager: EntityManager,
    type: T,
    payload: EventPayloads[T],
    options: RecordOptions = {},
  ): Promise<EventEnvelope<T>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`Event ${type} must be recorded inside the transaction of its state change`);
    }
    if (!EVENT_TYPE_PATTERN.test(type) || producerOfEventType(type) !== this.options.service) {
      throw new Error(
        `Event type ${type} is not one of ${this.options.service}'s (<service>.<aggregate>.<fact>)`,
      );
    }
    const aggregateId = options.aggregateId ?? (payload as { id?: unknown }).id;
    if (typeof aggregateId !== 'string' || !aggregateId) {
      throw new Error(`Event ${type} needs an aggregateId (or a payload with an id)`);
    }
    const envelope: EventEnvelope<T> = {
      id: uuidv7(),
      type,
      occurredAt: new Date().toISOString(),
      producer: this.options.service,
      aggregateId,
      correlationId: currentCorrelationId() ?? null,
      schemaVersion: options.schemaVersion ?? 1,
      payload,
    } as EventEnvelope<T>;
    await manager.query(
      'INSERT INTO outbox (id, type, aggregate_id, envelope) VALUES ($1, $2, $3, $4)',
      [envelope.id, type, aggregateId, JSON.stringify(envelope)],
    );
    // Delivered to the relay only if the transaction commits.
    await manager.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, '']);
    return envelope;
  }

  /**
   * Records many events of one type in one multi-row INSERT (and one notification), in the
   * order given (their UUID v7 ids keep it): what a request that books a whole school year needs
   * instead of one round trip per event. Returns the events' ids, in the same order.
   */
  async recordMany<T extends EventType>(
    manager: EntityManager,
    type: T,
    events: ReadonlyArray<{ payload: EventPayloads[T]; aggregateId: string }>,
    options: { schemaVersion?: number } = {},
  ): Promise<string[]> {
    if (!events.length) return [];
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`Event ${type} must be recorded inside the transaction of its state change`);
    }
    if (!EVENT_TYPE_PATTERN.test(type) || producerOfEventType(type) !== this.options.service) {
      throw new Error(
        `Event type ${type} is not one of ${this.options.service}'s (<service>.<aggregate>.<fact>)`,
      );
    }
    const occurredAt = new Date().toISOString();
    const correlationId = currentCorrelationId() ?? null;
    const ids: string[] = [];
    const aggregateIds: string[] = [];
    const envelopes: string[] = [];
    for (const { payload, aggregateId } of events) {
      if (!aggregateId) throw new Error(`Event ${type} needs an aggregateId`);
      const id = uuidv7();
      ids.push(id);
      aggregateIds.push(aggregateId);
      envelopes.push(
        JSON.stringify({
          id,
          type,
          occurredAt,
          producer: this.options.service,
          aggregateId,
          correlationId,
          schemaVersion: options.schemaVersion ?? 1,
          payload,
        }),
      );
    }
    await manager.query(
      `INSERT INTO outbox (id, type, aggregate_id, envelope)
       SELECT id, $2, aggregate_id, envelope::jsonb
         FROM unnest($1::uuid[], $3::text[], $4::text[]) AS e(id, aggregate_id, envelope)`,
      [ids, type, aggregateIds, envelopes],
    );
    await manager.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, '']);
    return ids;
  }
}

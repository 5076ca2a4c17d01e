import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  nanos,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type JetStreamManager,
  type StreamConfig,
} from 'nats';
import type { EventsEnv } from '@portail/config';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The stream every service publishes its events to, from config. */
export function eventsStreamConfig(events: EventsEnv): Partial<StreamConfig> & { name: string } {
  return {
    name: events.EVENTS_STREAM,
    subjects: [`${events.EVENTS_SUBJECT_PREFIX}.>`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(events.EVENTS_STREAM_MAX_AGE_DAYS * DAY_MS),
    max_bytes: events.EVENTS_STREAM_MAX_BYTES,
    duplicate_window: nanos(events.EVENTS_DUPLICATE_WINDOW_S * 1000),
    num_replicas: events.EVENTS_STREAM_REPLICAS,
  };
}

function isNotFound(error: unknown): boolean {
  const api = (error as { api_error?: { err_code?: number; code?: number } }).api_error;
  return api?.code === 404 || /not found/i.test(String((error as Error).message));
}

/** Creates the stream, or updates it when its limits changed in config. Safe to run from every replica at once. */
export async function ensureEventsStream(jsm: JetStreamManager, events: EventsEnv): Promise<void> {
  const wanted = eventsStreamConfig(events);
  try {
    const info = await jsm.streams.info(wanted.name);
    const current = info.config;
    const differs =
      current.max_age !== wanted.max_age ||
      current.max_bytes !== wanted.max_bytes ||
      current.duplicate_window !== wanted.duplicate_window ||
      current.num_replicas !== wanted.num_replicas ||
      JSON.stringify(current.subjects) !== JSON.stringify(wanted.subjects);
    if (differs) await jsm.streams.update(wanted.name, { ...current, ...wanted });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    try {
      await jsm.streams.add(wanted);
    } catch (addError) {
      // Another replica created it meanwhile with the same config: fine.
      if (!/already in use|exists/i.test(String((addError as Error).message))) throw addError;
    }
  }
}

/**
 * The durable consumer of one service for the events of one producer: explicit ack, every
 * event from the start of the stream the first time, redelivered after ack_wait if unacked.
 */
export function consumerConfig(
  consumer: string,
  producer: string,
  events: EventsEnv,
): Partial<ConsumerConfig> & { durable_name: string } {
  return {
    durable_name: `${consumer}-from-${producer}`,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: `${events.EVENTS_SUBJECT_PREFIX}.${producer}.>`,
    ack_wait: nanos(events.EVENTS_ACK_WAIT_MS),
    // Dead-lettering is ours (after EVENTS_MAX_ATTEMPTS); JetStream must keep redelivering until then.
    max_deliver: -1,
    max_ack_pending: Math.max(1000, events.EVENTS_CONSUMER_CONCURRENCY * 10),
  };
}

export async function ensureConsumer(
  jsm: JetStreamManager,
  events: EventsEnv,
  consumer: string,
  producer: string,
): Promise<string> {
  const wanted = consumerConfig(consumer, producer, events);
  try {
    await jsm.consumers.info(events.EVENTS_STREAM, wanted.durable_name);
    await jsm.consumers.update(events.EVENTS_STREAM, wanted.durable_name, {
      ack_wait: wanted.ack_wait,
      max_ack_pending: wanted.max_ack_pending,
      max_deliver: wanted.max_deliver,
    });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.consumers.add(events.EVENTS_STREAM, wanted);
  }
  return wanted.durable_name;
}

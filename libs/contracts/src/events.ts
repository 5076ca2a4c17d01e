/**
 * Domain events: facts that other services must not miss, carried durably by JetStream.
 *
 * Each producer declares its payload types by augmenting `EventPayloads`, once, in this lib:
 *
 *   declare module '@portail/contracts' { interface EventPayloads { 'enrolment.application.accepted': ApplicationAccepted } }
 *
 * so that `events.record(manager, type, payload)` and `@HandlesEvent(type)` are checked
 * against the same type. Event types read `<producer>.<aggregate>.<fact>`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface EventPayloads {}

export type EventType = Extract<keyof EventPayloads, string>;

export interface EventEnvelope<
  T extends string = string,
  P = T extends EventType ? EventPayloads[T] : unknown,
> {
  /** UUID v7: sortable by creation time; also the JetStream message id (de-duplication). */
  id: string;
  type: T;
  /** ISO 8601 instant at which the producer committed the fact. */
  occurredAt: string;
  producer: string;
  /** Id of the aggregate the fact is about: consumers apply one aggregate's events in order. */
  aggregateId: string;
  /** x-request-id of the request that caused the fact, for logs across services. */
  correlationId: string | null;
  schemaVersion: number;
  payload: P;
}

/** The producer of an event is the first segment of its type. */
export function producerOfEventType(type: string): string {
  return type.split('.')[0];
}

/** Subject of an event on NATS: `<prefix>.<type>`, e.g. `events.enrolment.application.accepted`. */
export function eventSubject(prefix: string, type: string): string {
  return `${prefix}.${type}`;
}

export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,}$/;

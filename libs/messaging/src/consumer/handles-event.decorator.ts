import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, EventType } from '@portail/contracts';

export const HANDLES_EVENT = Symbol('HANDLES_EVENT');

/** A handler applies one event inside the transaction that also records it in the inbox. */
export type EventHandlerFn<T extends EventType = EventType> = (
  event: EventEnvelope<T>,
  manager: EntityManager,
) => Promise<void>;

/**
 * Binds a provider method to an event type: the service's durable consumer calls it once per
 * event, in a transaction shared with the inbox write, and retries or dead-letters failures.
 *
 *   @HandlesEvent('enrolment.application.accepted')
 *   async onAccepted(event: EventEnvelope<'enrolment.application.accepted'>, manager: EntityManager) {…}
 */
/** The same handler with its event type erased, as the consumer stores it. */
export type AnyEventHandler = (event: EventEnvelope, manager: EntityManager) => Promise<void>;

export const HandlesEvent = (type: EventType): MethodDecorator => SetMetadata(HANDLES_EVENT, type);

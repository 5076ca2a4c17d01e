/**
 * A stand-in for the reservation service, for billing's tests: a service named `reservation`
 * whose only use case records a given reservation event through the outbox, in a transaction,
 * exactly as the real one does. Billing then consumes it from the real JetStream.
 */
import { Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { backendEnvSchema, envPort } from '@portail/config';
import type {
  AttendanceStatus,
  BookingEventBase,
  EventEnvelope,
  EventPayloads,
  EventType,
} from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { TestSystem, type BackendUnderTest } from '@portail/testing';
import { backends, gateway } from '../support/services';

export type ReservationEventType = Extract<EventType, `reservation.${string}`>;

@Injectable()
export class FakeReservationEvents {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventRecorder,
  ) {}

  record<T extends ReservationEventType>(
    type: T,
    payload: EventPayloads[T],
    aggregateId: string,
  ): Promise<EventEnvelope<T>> {
    return this.dataSource.transaction((manager) =>
      this.events.record(manager, type, payload, { aggregateId }),
    );
  }
}

@Module({ providers: [FakeReservationEvents] })
class FakeReservationModule {}

const fakeReservationService: BackendUnderTest = {
  definition: {
    name: 'reservation',
    imports: [FakeReservationModule],
    entities: [],
    migrations: [],
  },
  schema: backendEnvSchema.extend({ HTTP_PORT: envPort(0) }),
};

/** The gateway, identity, billing and the fake reservation producer. */
export function startBillingSystem(env: NodeJS.ProcessEnv = {}): Promise<TestSystem> {
  return TestSystem.start({
    backends: [backends.identity, backends.billing, fakeReservationService],
    gateway,
    env,
  });
}

export function recordReservationEvent<T extends ReservationEventType>(
  system: TestSystem,
  type: T,
  payload: EventPayloads[T],
  aggregateId: string,
): Promise<EventEnvelope<T>> {
  return system
    .service('reservation')
    .app.get(FakeReservationEvents)
    .record(type, payload, aggregateId);
}

/** Where a child is booked or present: an activity's unit of a municipal service. */
export interface Place {
  organisationId: string;
  municipalServiceId: string;
  activityCode: string;
  unitId: string;
  unitCode: string;
}

export function aBooking(
  place: Place,
  child: { childId: string; householdId: string },
  day: string,
): BookingEventBase {
  return {
    bookingId: uuidv7(),
    rightId: uuidv7(),
    siteId: uuidv7(),
    billing: 'post-billing',
    day,
    ...place,
    ...child,
  };
}

export function anAttendance(
  booking: BookingEventBase | null,
  place: Place,
  child: { childId: string; householdId: string },
  day: string,
  status: AttendanceStatus,
): EventPayloads['reservation.attendance.recorded'] {
  return {
    attendanceId: uuidv7(),
    ...place,
    siteId: booking?.siteId ?? uuidv7(),
    day,
    ...child,
    bookingId: booking?.bookingId ?? null,
    status,
    reason: status === 'absent-justified' ? 'Certificat médical' : null,
    recordedBy: uuidv7(),
    correction: false,
    afterLock: false,
  };
}

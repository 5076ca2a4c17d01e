/**
 * A stand-in for the reservation service, for notification's and billing's tests: a service
 * named `reservation` whose only use case records a given event through the outbox, in a
 * transaction, as the real one does; the consumers then read it from the real JetStream.
 * Factories build payloads.
 */
import { Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { backendEnvSchema, envPort } from '@portail/config';
import type {
  AttendanceStatus,
  BackendServiceName,
  BookingEventBase,
  BookingRequestRecorded,
  EventEnvelope,
  EventPayloads,
  EventType,
} from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { TestSystem, type BackendUnderTest } from '@portail/testing';
import { backends, gateway } from './services';

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

export const fakeReservationService: BackendUnderTest = {
  definition: {
    name: 'reservation',
    imports: [FakeReservationModule],
    entities: [],
    migrations: [],
  },
  schema: backendEnvSchema.extend({ HTTP_PORT: envPort(0) }),
};

/** The gateway, the named back-end services and the fake reservation producer. */
export function startSystemWithFakeReservation(
  names: Array<Exclude<BackendServiceName, 'reservation'>>,
  env: NodeJS.ProcessEnv = {},
): Promise<TestSystem> {
  return TestSystem.start({
    backends: [...names.map((name) => backends[name]), fakeReservationService],
    gateway,
    env,
  });
}

/** The gateway, identity, billing and the fake reservation producer. */
export function startBillingSystem(env: NodeJS.ProcessEnv = {}): Promise<TestSystem> {
  return startSystemWithFakeReservation(['identity', 'billing'], env);
}

/** Records `payload`; the aggregate is the booking or request it names unless given. */
export function recordReservationEvent<T extends ReservationEventType>(
  system: TestSystem,
  type: T,
  payload: EventPayloads[T],
  aggregateId?: string,
): Promise<EventEnvelope<T>> {
  const aggregate = payload as Partial<BookingEventBase & BookingRequestRecorded>;
  return system
    .service('reservation')
    .app.get(FakeReservationEvents)
    .record(type, payload, aggregateId ?? aggregate.bookingId ?? aggregate.requestId ?? uuidv7());
}

/** A booking of Vichy's school catering on a Wednesday; ids are fresh. */
export function aBooking(overrides: Partial<BookingEventBase> = {}): BookingEventBase {
  return {
    bookingId: uuidv7(),
    rightId: uuidv7(),
    organisationId: uuidv7(),
    municipalServiceId: uuidv7(),
    activityCode: 'mercredis',
    activityName: 'les mercredis au centre de loisirs',
    unitId: uuidv7(),
    unitCode: 'journee',
    unitLabel: 'Journée avec repas',
    siteId: uuidv7(),
    day: '2026-09-02',
    childId: uuidv7(),
    householdId: uuidv7(),
    billing: 'pre-billing',
    ...overrides,
  };
}

export function aRequest(overrides: Partial<BookingRequestRecorded> = {}): BookingRequestRecorded {
  return {
    requestId: uuidv7(),
    kind: 'recurring',
    rightId: uuidv7(),
    siteId: uuidv7(),
    billing: 'post-billing',
    organisationId: uuidv7(),
    municipalServiceId: uuidv7(),
    activityCode: 'restauration-scolaire',
    activityName: 'la restauration scolaire',
    childId: uuidv7(),
    childFirstName: null,
    householdId: uuidv7(),
    requestedBy: uuidv7(),
    onBehalf: false,
    deadlineOverridden: false,
    outcomes: [],
    ...overrides,
  };
}

/** The one-date request that created `booking` (how reservation announces new bookings). */
export function aRequestBooking(
  booking: BookingEventBase,
  status: 'booked' | 'waitlisted' | 'pending' = 'booked',
): BookingRequestRecorded {
  return aRequest({
    kind: 'single',
    rightId: booking.rightId,
    siteId: booking.siteId,
    billing: booking.billing,
    organisationId: booking.organisationId,
    municipalServiceId: booking.municipalServiceId,
    activityCode: booking.activityCode,
    activityName: booking.activityName ?? booking.activityCode,
    childId: booking.childId,
    householdId: booking.householdId,
    outcomes: [
      {
        day: booking.day,
        unitId: booking.unitId,
        unitCode: booking.unitCode,
        unitLabel: booking.unitLabel ?? booking.unitCode,
        status,
        reason: null,
        bookingId: booking.bookingId,
      },
    ],
  });
}

/** Where a child is booked or present: an activity's unit of a municipal service. */
export interface Place {
  organisationId: string;
  municipalServiceId: string;
  activityCode: string;
  unitId: string;
  unitCode: string;
}

/** A post-billed booking of `child` at `place` on `day`; other ids are fresh. */
export function aBookingAt(
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

/** The attendance of `child` at `place` on `day`, of `booking` if there was one. */
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

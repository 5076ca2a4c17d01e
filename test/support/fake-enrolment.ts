/**
 * A stand-in for the enrolment service, for the consumers of its events (identity,
 * notification) while the real service is being written: a service named `enrolment` whose
 * only use case records a given application event through the outbox, in a transaction,
 * exactly as the real one will. Factories build the payloads.
 *
 *   const system = await startSystemWithFakeEnrolment(['identity', 'notification']);
 *   await recordEnrolmentEvent(system, 'enrolment.application.submitted', submitted(anApplication()));
 */
import { Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { backendEnvSchema, envPort } from '@portail/config';
import type {
  ApplicationAccepted,
  ApplicationEventBase,
  ApplicationInformationRequested,
  ApplicationRejected,
  ApplicationSubmitted,
  ApplicationWithdrawn,
  BackendServiceName,
  EventEnvelope,
  EventPayloads,
  EventType,
} from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { TestSystem, type BackendUnderTest } from '@portail/testing';
import { backends, gateway } from './services';

export type EnrolmentEventType = Extract<EventType, `enrolment.${string}`>;

@Injectable()
export class FakeEnrolmentEvents {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventRecorder,
  ) {}

  /** Records one event in its own transaction; the relay publishes it once committed. */
  record<T extends EnrolmentEventType>(
    type: T,
    payload: EventPayloads[T],
  ): Promise<EventEnvelope<T>> {
    const { applicationId } = payload as ApplicationEventBase;
    return this.dataSource.transaction((manager) =>
      this.events.record(manager, type, payload, { aggregateId: applicationId }),
    );
  }
}

@Module({ providers: [FakeEnrolmentEvents] })
class FakeEnrolmentModule {}

export const fakeEnrolmentService: BackendUnderTest = {
  definition: { name: 'enrolment', imports: [FakeEnrolmentModule], entities: [], migrations: [] },
  schema: backendEnvSchema.extend({ HTTP_PORT: envPort(0) }),
};

/** The gateway, the named back-end services and the fake enrolment producer. */
export function startSystemWithFakeEnrolment(
  names: Array<Exclude<BackendServiceName, 'enrolment'>>,
  env: NodeJS.ProcessEnv = {},
): Promise<TestSystem> {
  return TestSystem.start({
    backends: [...names.map((name) => backends[name]), fakeEnrolmentService],
    gateway,
    env,
  });
}

export function recordEnrolmentEvent<T extends EnrolmentEventType>(
  system: TestSystem,
  type: T,
  payload: EventPayloads[T],
): Promise<EventEnvelope<T>> {
  return system.service('enrolment').app.get(FakeEnrolmentEvents).record(type, payload);
}

// Factories: a test shows only what matters to it.

export type Recipient = ApplicationEventBase['recipients'][number];

/** What every application event carries; ids are fresh, names are those of the seed's family. */
export function anApplication(overrides: Partial<ApplicationEventBase> = {}): ApplicationEventBase {
  const season = '2026-2027';
  return {
    applicationId: uuidv7(),
    reference: `D-2026-${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`,
    procedureId: uuidv7(),
    procedureTitle: `Restauration scolaire ${season}`,
    organisationId: uuidv7(),
    organisationName: 'Ville de Vichy',
    municipalServiceId: uuidv7(),
    municipalServiceName: 'Restauration scolaire',
    season,
    householdId: uuidv7(),
    child: { id: uuidv7(), firstName: 'Iris', lastName: 'Paillette' },
    recipients: [],
    ...overrides,
  };
}

export function submitted(
  application: ApplicationEventBase,
  overrides: Partial<ApplicationSubmitted> = {},
): ApplicationSubmitted {
  return {
    ...application,
    validationMode: 'manual',
    resubmission: false,
    filedBy: { kind: 'family', accountId: application.recipients[0]?.accountId ?? uuidv7() },
    ...overrides,
  };
}

export function accepted(
  application: ApplicationEventBase,
  overrides: Partial<ApplicationAccepted> = {},
): ApplicationAccepted {
  return {
    ...application,
    grant: {
      kind: 'activity-booking',
      activityCode: 'restauration-scolaire',
      activityName: 'la restauration scolaire',
      billing: 'post-billing',
    },
    validFrom: '2026-09-01',
    validUntil: '2027-08-31',
    schoolAssignment: null,
    automatic: false,
    ...overrides,
  };
}

export function rejected(application: ApplicationEventBase, reason: string): ApplicationRejected {
  return { ...application, reason };
}

export function informationRequested(
  application: ApplicationEventBase,
  message: string,
): ApplicationInformationRequested {
  return { ...application, message };
}

export function withdrawn(
  application: ApplicationEventBase,
  reason: string | null = null,
): ApplicationWithdrawn {
  return { ...application, reason };
}

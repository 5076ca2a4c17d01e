/**
 * What reservation's specs share: a system with identity, reservation and the fake enrolment
 * producer, an organisation with two services and their agents, two families, reservation's
 * database and its moving Clock, and factories for activities and booking rights.
 *
 *   const fixture = await aReservationSystem();
 *   const childId = await fixture.aChildWithARight(fixture.family);
 */
import { randomUUID } from 'node:crypto';
import { Clock } from '@portail/service-kit';
import { DataSource } from 'typeorm';
import type { ActivityView, BookingView } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { api } from '../identity/directory-support';
import {
  anAgent,
  anOrganisation,
  expectStatus,
  serviceOf,
  type Agent,
  type Organisation,
} from './directory-actors';
import {
  accepted,
  anApplication,
  recordEnrolmentEvent,
  startSystemWithFakeEnrolment,
} from './fake-enrolment';
import { aFamily, anAdmin, type Actor } from './identity-actors';

/** Sunday 20 September 2026, where reservation's clock starts unless told otherwise. */
export const SEPTEMBER = new Date('2026-09-20T08:00:00Z');

export interface GrantOptions {
  applicationId?: string;
  firstName?: string;
  lastName?: string;
  householdId?: string;
  /** Another activity than school catering (`restauration-scolaire`). */
  activityCode?: string;
}

export interface ReservationFixture {
  system: TestSystem;
  admin: Actor;
  vichy: Organisation;
  cateringAgent: Agent;
  careAgent: Agent;
  family: Actor;
  neighbour: Actor;
  clock: Clock;
  db: DataSource;
  /** Moves reservation's clock. */
  at(instant: Date | string): void;
  rows<T>(sql: string, parameters?: unknown[]): Promise<T[]>;
  /** Records an accepted application (catering service) for a child of `actor`'s household. */
  grant(actor: Actor, childId: string, options?: GrantOptions): Promise<string>;
  /** A new child with a booking right, once reservation has it. */
  aChildWithARight(actor: Actor, options?: GrantOptions & { childId?: string }): Promise<string>;
  rightsOf(childIds: string[]): Promise<number>;
  close(): Promise<void>;
}

export async function aReservationSystem(
  env: NodeJS.ProcessEnv = {},
  start: Date = SEPTEMBER,
): Promise<ReservationFixture> {
  const system = await startSystemWithFakeEnrolment(['identity', 'reservation'], {
    RATE_LIMIT_PER_MINUTE: '100000',
    MAX_IN_FLIGHT_REQUESTS: '64',
    MAX_QUEUED_REQUESTS: '5000',
    // Hundreds of concurrent requests over the same day counters queue on a shared machine:
    // 500 bookings of one day on one counter row take more than 5 s on a busy one.
    SERVICE_TIMEOUT_MS: '60000',
    ...env,
  });
  const clock = system.service('reservation').app.get(Clock);
  const db = system.service('reservation').app.get(DataSource);
  const at = (instant: Date | string) => {
    jest.spyOn(clock, 'now').mockReturnValue(new Date(instant));
  };
  at(start);
  const admin = await anAdmin(system);
  const vichy = await anOrganisation(system, admin, 'Vichy', [
    'school-catering',
    'out-of-school-care',
  ]);
  const cateringAgent = await anAgent(system, admin, vichy, ['school-catering']);
  const careAgent = await anAgent(system, admin, vichy, ['out-of-school-care'], 'Claude');
  const family = await aFamily(system);
  const neighbour = await aFamily(system);
  const rows = <T>(sql: string, parameters: unknown[] = []) => db.query<T[]>(sql, parameters);
  const rightsOf = async (childIds: string[]) => {
    const [{ n }] = await rows<{ n: number }>(
      'SELECT count(*)::int AS n FROM booking_rights WHERE child_id = ANY($1)',
      [childIds],
    );
    return n;
  };
  const grant: ReservationFixture['grant'] = async (actor, childId, options = {}) => {
    const applicationId = options.applicationId ?? randomUUID();
    await recordEnrolmentEvent(
      system,
      'enrolment.application.accepted',
      accepted(
        anApplication({
          applicationId,
          organisationId: vichy.id,
          municipalServiceId: serviceOf(vichy, 'school-catering'),
          householdId: options.householdId ?? actor.accountId,
          child: {
            id: childId,
            firstName: options.firstName ?? 'Iris',
            lastName: options.lastName ?? 'Paillette',
          },
          recipients: [{ accountId: actor.accountId, email: actor.email, firstName: 'Camille' }],
        }),
        options.activityCode
          ? {
              grant: {
                kind: 'activity-booking',
                activityCode: options.activityCode,
                activityName: options.activityCode,
                billing: 'post-billing',
              },
            }
          : {},
      ),
    );
    return applicationId;
  };
  return {
    system,
    admin,
    vichy,
    cateringAgent,
    careAgent,
    family,
    neighbour,
    clock,
    db,
    at,
    rows,
    grant,
    rightsOf,
    async aChildWithARight(actor, options = {}) {
      const childId = options.childId ?? randomUUID();
      await grant(actor, childId, options);
      await waitFor(async () => (await rightsOf([childId])) === 1);
      return childId;
    },
    async close() {
      jest.restoreAllMocks();
      await system.close();
    },
  };
}

/** An agent of Vichy with the supervisor role for the given services. */
export function aSupervisor(fixture: ReservationFixture, codes: string[]): Promise<Agent> {
  return anAgent(fixture.system, fixture.admin, fixture.vichy, codes, 'Sacha', {
    lastName: 'RESPONSABLE',
    roles: ['agent', 'supervisor'],
  });
}

/** The school lunch: Mon, Tue, Thu, Fri, bookable until 10:00 two working days before. */
export const A_MEAL_UNIT = {
  code: 'repas',
  label: 'Repas du midi',
  kind: 'meal',
  startsAt: '11:30',
  endsAt: '13:30',
  weekdays: [1, 2, 4, 5],
  noticePolicy: { booking: { kind: 'workingDaysBefore', days: 2, at: '10:00' } },
};

export interface CateringUnit {
  activity: ActivityView;
  unitId: string;
  siteId: string;
}

/** An activity of the catering service with one unit, one site and its capacity. */
export async function aCateringActivity(
  fixture: ReservationFixture,
  options: {
    code?: string;
    unit: Record<string, unknown>;
    site?: { name: string; schoolId?: string };
    capacity: number;
  },
): Promise<CateringUnit> {
  const { system, cateringAgent, vichy } = fixture;
  const headers = cateringAgent.actor.authorization;
  let activity = expectStatus(
    await api<ActivityView>(system, 'POST', '/agent/activities', {
      headers,
      body: {
        municipalServiceId: serviceOf(vichy, 'school-catering'),
        code: options.code ?? 'restauration-scolaire',
        name: 'Restauration scolaire',
      },
    }),
    201,
  );
  activity = expectStatus(
    await api<ActivityView>(system, 'POST', `/agent/activities/${activity.id}/units`, {
      headers,
      body: options.unit,
    }),
    201,
  );
  const unitId = activity.units[0].id;
  activity = expectStatus(
    await api<ActivityView>(system, 'POST', `/agent/activities/${activity.id}/sites`, {
      headers,
      body: options.site ?? { name: 'École Jules Ferry' },
    }),
    201,
  );
  const siteId = activity.sites[0].id;
  activity = expectStatus(
    await api<ActivityView>(system, 'PUT', `/agent/activities/${activity.id}/capacities`, {
      headers,
      body: { unitId, siteId, capacity: options.capacity },
    }),
    200,
  );
  return { activity, unitId, siteId };
}

/** `count` new children of `actor` with a catering right each, once reservation has them all. */
export async function childrenWithRights(
  fixture: ReservationFixture,
  actor: Actor,
  count: number,
): Promise<string[]> {
  const children = Array.from({ length: count }, () => randomUUID());
  for (const id of children) await fixture.grant(actor, id);
  await waitFor(async () => (await fixture.rightsOf(children)) === count, 120_000);
  return children;
}

/** `actor` books `childId` on `slot` for `day`; the response as is. */
export function book(
  fixture: ReservationFixture,
  actor: Actor,
  slot: CateringUnit,
  childId: string,
  day: string,
) {
  return api<BookingView>(fixture.system, 'POST', `/children/${childId}/bookings`, {
    headers: actor.authorization,
    body: { unitId: slot.unitId, siteId: slot.siteId, day },
  });
}

export async function waitFor(
  condition: () => Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * What the reservation specs share: a system with identity, reservation and the fake enrolment
 * producer, an organisation with its services and agents, an activity with one unit and one
 * site, booking rights granted through enrolment's events, and waiting on asynchronous effects.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ActivityView, BookingView } from '@portail/contracts';
import { Clock } from '@portail/service-kit';
import type { TestSystem } from '@portail/testing';
import { api } from '../identity/directory-support';
import {
  anAgent,
  anOrganisation,
  expectStatus,
  serviceOf,
  type Agent,
  type Organisation,
} from '../support/directory-actors';
import {
  accepted,
  anApplication,
  recordEnrolmentEvent,
  startSystemWithFakeEnrolment,
} from '../support/fake-enrolment';
import {
  A_PASSWORD,
  aFamily,
  anAdmin,
  logIn,
  uniqueEmail,
  type Actor,
} from '../support/identity-actors';

export const SEPTEMBER = new Date('2026-09-20T08:00:00Z');

export interface ReservationWorld {
  system: TestSystem;
  admin: Actor;
  vichy: Organisation;
  cateringAgent: Agent;
  careAgent: Agent;
  family: Actor;
  neighbour: Actor;
  clock: Clock;
  db: DataSource;
}

/** Identity, reservation and fake enrolment, the clock at SEPTEMBER, Vichy with its agents. */
export async function aReservationWorld(env: NodeJS.ProcessEnv = {}): Promise<ReservationWorld> {
  const system = await startSystemWithFakeEnrolment(['identity', 'reservation'], {
    RATE_LIMIT_PER_MINUTE: '100000',
    MAX_IN_FLIGHT_REQUESTS: '64',
    MAX_QUEUED_REQUESTS: '5000',
    // 500 bookings of one day queue on one counter row: on a busy machine, more than 5 s.
    SERVICE_TIMEOUT_MS: '60000',
    // Tests run the timed jobs themselves (runOnce), after moving the clock.
    RESERVATION_JOBS_ENABLED: 'false',
    ...env,
  });
  const clock = system.service('reservation').app.get(Clock);
  jest.spyOn(clock, 'now').mockReturnValue(SEPTEMBER);
  const admin = await anAdmin(system);
  const vichy = await anOrganisation(system, admin, 'Vichy', [
    'school-catering',
    'out-of-school-care',
  ]);
  return {
    system,
    admin,
    vichy,
    cateringAgent: await anAgent(system, admin, vichy, ['school-catering']),
    careAgent: await anAgent(system, admin, vichy, ['out-of-school-care'], 'Claude'),
    family: await aFamily(system),
    neighbour: await aFamily(system),
    clock,
    db: system.service('reservation').app.get(DataSource),
  };
}

/** Moves reservation's clock. */
export function at(world: ReservationWorld, instant: Date | string): void {
  jest.spyOn(world.clock, 'now').mockReturnValue(new Date(instant));
}

/** An agent of the organisation with the supervisor role for the given services. */
export async function aSupervisor(world: ReservationWorld, codes: string[]): Promise<Agent> {
  const email = uniqueEmail('responsable');
  const created = expectStatus(
    await api<{ id: string }>(world.system, 'POST', '/admin/agents', {
      headers: world.admin.authorization,
      body: {
        email,
        password: A_PASSWORD,
        firstName: 'Sacha',
        lastName: 'RESPONSABLE',
        organisationId: world.vichy.id,
        serviceIds: codes.map((code) => serviceOf(world.vichy, code)),
        roles: ['agent', 'supervisor'],
      },
    }),
    201,
  );
  const pair = await logIn(world.system, email, A_PASSWORD);
  return {
    id: created.id,
    actor: {
      accountId: created.id,
      email,
      password: A_PASSWORD,
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      authorization: { authorization: `Bearer ${pair.accessToken}` },
    },
  };
}

export interface CateringUnit {
  activity: ActivityView;
  unitId: string;
  siteId: string;
}

/** School catering with one meal unit (Mon, Tue, Thu, Fri) at one school, `places` places. */
export async function aCateringActivity(
  world: ReservationWorld,
  places: number,
  unit: Record<string, unknown> = {},
): Promise<CateringUnit> {
  const headers = world.cateringAgent.actor.authorization;
  let activity = expectStatus(
    await api<ActivityView>(world.system, 'POST', '/agent/activities', {
      headers,
      body: {
        municipalServiceId: serviceOf(world.vichy, 'school-catering'),
        code: 'restauration-scolaire',
        name: 'Restauration scolaire',
      },
    }),
    201,
  );
  activity = expectStatus(
    await api<ActivityView>(world.system, 'POST', `/agent/activities/${activity.id}/units`, {
      headers,
      body: {
        code: 'repas',
        label: 'Repas du midi',
        kind: 'meal',
        startsAt: '11:30',
        endsAt: '13:30',
        weekdays: [1, 2, 4, 5],
        noticePolicy: { booking: { kind: 'workingDaysBefore', days: 2, at: '10:00' } },
        ...unit,
      },
    }),
    201,
  );
  const unitId = activity.units[0].id;
  activity = expectStatus(
    await api<ActivityView>(world.system, 'POST', `/agent/activities/${activity.id}/sites`, {
      headers,
      body: { name: 'École Jules Ferry' },
    }),
    201,
  );
  const siteId = activity.sites[0].id;
  activity = expectStatus(
    await api<ActivityView>(world.system, 'PUT', `/agent/activities/${activity.id}/capacities`, {
      headers,
      body: { unitId, siteId, capacity: places },
    }),
    200,
  );
  return { activity, unitId, siteId };
}

/** Records enrolment's acceptance of a catering application for a child of `actor`. */
export async function grant(
  world: ReservationWorld,
  actor: Actor,
  child: { id: string; firstName?: string; lastName?: string; householdId?: string },
): Promise<string> {
  const applicationId = randomUUID();
  await recordEnrolmentEvent(
    world.system,
    'enrolment.application.accepted',
    accepted(
      anApplication({
        applicationId,
        organisationId: world.vichy.id,
        municipalServiceId: serviceOf(world.vichy, 'school-catering'),
        householdId: child.householdId ?? actor.accountId,
        child: {
          id: child.id,
          firstName: child.firstName ?? 'Iris',
          lastName: child.lastName ?? 'Paillette',
        },
        recipients: [{ accountId: actor.accountId, email: actor.email, firstName: 'Camille' }],
      }),
    ),
  );
  return applicationId;
}

export async function rightsOf(world: ReservationWorld, childIds: string[]): Promise<number> {
  const [{ n }] = await world.db.query<Array<{ n: number }>>(
    'SELECT count(*)::int AS n FROM booking_rights WHERE child_id = ANY($1)',
    [childIds],
  );
  return n;
}

/** Children of `actor` with a catering right each, once reservation has applied the events. */
export async function childrenWithRights(
  world: ReservationWorld,
  actor: Actor,
  count: number,
): Promise<string[]> {
  const children = Array.from({ length: count }, () => randomUUID());
  for (const id of children) await grant(world, actor, { id });
  await waitFor(async () => (await rightsOf(world, children)) === count, 120_000);
  return children;
}

export function book(
  world: ReservationWorld,
  actor: Actor,
  slot: CateringUnit,
  childId: string,
  day: string,
) {
  return api<BookingView>(world.system, 'POST', `/children/${childId}/bookings`, {
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

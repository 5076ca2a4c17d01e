/**
 * What the post-billing specs of credit notes, corrective runs, exports and reminders share: a
 * system with identity, billing (its Clock fixed on the run day), the fake reservation producer
 * and, when asked, notification; Vichy with its catering service, its régie (Affaires Scolaires
 * de Vichy) and catering tariff, a supervisor, a catering agent and an agent of another
 * organisation; factories for families with a child, attendance, the month's lock and runs.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AttendanceStatus, RegieView, RunView } from '@portail/contracts';
import { Clock } from '@portail/service-kit';
import type { TestSystem } from '@portail/testing';
import { api, type JsonResponse } from '../identity/directory-support';
import {
  anAgent,
  anOrganisation,
  expectStatus,
  serviceOf,
  type Agent,
  type Organisation,
} from '../support/directory-actors';
import { eventually } from '../support/eventually';
import { aHouseholdOf } from '../support/households';
import { aFamily, anAdmin, type Actor } from '../support/identity-actors';
import {
  aBookingAt,
  aRequestBooking,
  anAttendance,
  recordReservationEvent,
  startSystemWithFakeReservation,
  type Place,
} from '../support/fake-reservation';

/** Billing runs on Tuesday 3 November 2026, in Paris. */
export const RUN_DAY = new Date('2026-11-03T09:00:00Z');

/**
 * The fixture's household lives in Vichy, a commune of the régie (resident), and gives no
 * quotient: the highest bracket's resident price.
 */
export const MEAL_CENTS = 455;

export const VICHY_REGIE = {
  name: 'Affaires Scolaires de Vichy',
  treasuryAddress: [
    'CDFIP de CUSSET - Trésorerie de Vichy',
    '8 rue du bief',
    'BP 42657',
    '03307 CUSSET Cedex',
  ],
  payfipCollectivityNumber: '000070',
  debtReferenceFormat: '{year}-CA-00-{number}',
  dueDateRule: { kind: 'day-of-next-month', day: 10 },
};

export const CATERING_TARIFF = {
  activityCode: 'restauration-scolaire',
  unitCode: 'repas',
  label: 'Vichy Restauration Scolaire - Ecole élémentaire Jacques Laurent',
  validFrom: '2026-09-01',
  validUntil: '2027-08-31',
  brackets: [
    { upToQuotient: 500, residentCents: 105, nonResidentCents: 210 },
    { upToQuotient: null, residentCents: MEAL_CENTS, nonResidentCents: 640 },
  ],
  siblingReductionPercents: [10],
  lateCancellationPercent: 100,
  unjustifiedAbsencePercent: 100,
  unexpectedPresencePercent: 150,
};

export interface BilledChild {
  family: Actor;
  householdId: string;
  childId: string;
}

export interface PostBillingFixture {
  system: TestSystem;
  db: DataSource;
  admin: Actor;
  vichy: Organisation;
  supervisor: Agent;
  agent: Agent;
  /** An agent of Cusset's catering: none of the régie's services. */
  outsider: Agent;
  regie: RegieView;
  catering: Place;
  call<T>(method: string, path: string, actor?: Actor, body?: unknown): Promise<JsonResponse<T>>;
  count(sql: string, parameters?: unknown[]): Promise<number>;
  /** A new family with one child, once billing has its copies. */
  aFamilyWithAChild(firstName: string): Promise<BilledChild>;
  /** A booked day (post-billed) and its attendance, as reservation records them. */
  attended(
    child: BilledChild,
    day: string,
    status: AttendanceStatus,
    afterLock?: boolean,
  ): Promise<void>;
  /** A booked day without attendance yet. */
  booked(child: BilledChild, day: string, place?: Place): Promise<void>;
  /** Reservation locks the month for the catering service; returns once billing knows it. */
  lock(month: string): Promise<void>;
  run<T = RunView>(month: string, dryRun: boolean, path?: 'runs' | 'corrective-runs'): Promise<T>;
  close(): Promise<void>;
}

export async function aPostBillingSystem(
  withNotification = false,
  env: NodeJS.ProcessEnv = {},
): Promise<PostBillingFixture> {
  const system = await startSystemWithFakeReservation(
    withNotification ? ['identity', 'billing', 'notification'] : ['identity', 'billing'],
    { RATE_LIMIT_PER_MINUTE: '100000', INVOICE_REMINDERS_ENABLED: 'false', ...env },
  );
  const db = system.service('billing').app.get(DataSource);
  jest.spyOn(system.service('billing').app.get(Clock), 'now').mockReturnValue(RUN_DAY);
  const call = <T>(method: string, path: string, actor?: Actor, body?: unknown) =>
    api<T>(system, method, path, { headers: actor?.authorization, body });
  const count = async (sql: string, parameters: unknown[] = []) =>
    (await db.query<Array<{ n: number }>>(sql, parameters))[0].n;
  const admin = await anAdmin(system);
  const vichy = await anOrganisation(system, admin, 'Vichy', ['school-catering']);
  const cusset = await anOrganisation(system, admin, 'Cusset', ['school-catering']);
  const supervisor = await anAgent(system, admin, vichy, ['school-catering'], 'Sacha', {
    lastName: 'RESPONSABLE',
    roles: ['agent', 'supervisor'],
  });
  const agent = await anAgent(system, admin, vichy, ['school-catering']);
  const outsider = await anAgent(system, admin, cusset, ['school-catering'], 'Noa');
  const regie = expectStatus(
    await call<RegieView>('POST', '/agent/regies', supervisor.actor, {
      ...VICHY_REGIE,
      organisationId: vichy.id,
      municipalServiceIds: [serviceOf(vichy, 'school-catering')],
    }),
    201,
  );
  expectStatus(
    await call('POST', `/agent/regies/${regie.id}/tariffs`, supervisor.actor, CATERING_TARIFF),
    201,
  );
  const catering: Place = {
    organisationId: vichy.id,
    municipalServiceId: serviceOf(vichy, 'school-catering'),
    activityCode: 'restauration-scolaire',
    unitId: uuidv7(),
    unitCode: 'repas',
  };
  const booked = async (child: BilledChild, day: string, place: Place = catering) => {
    const booking = aBookingAt(place, child, day);
    await recordReservationEvent(system, 'reservation.request.recorded', aRequestBooking(booking));
  };
  return {
    system,
    db,
    admin,
    vichy,
    supervisor,
    agent,
    outsider,
    regie,
    catering,
    call,
    count,
    async aFamilyWithAChild(firstName) {
      const family = await aFamily(system);
      const householdId = await aHouseholdOf(system, family);
      const childId = expectStatus(
        await call<{ id: string }>('POST', `/households/${householdId}/children`, family, {
          firstName,
          lastName: 'Dumas',
          birthDate: '2017-03-01',
          sex: 'female',
        }),
        201,
      ).id;
      await eventually(
        async () =>
          (await count('SELECT count(*)::int AS n FROM children WHERE id = $1', [childId])) === 1,
        "billing's copy of the child",
      );
      return { family, householdId, childId };
    },
    async attended(child, day, status, afterLock = false) {
      const booking = status === 'unexpected' ? null : aBookingAt(catering, child, day);
      if (booking) {
        await recordReservationEvent(
          system,
          'reservation.request.recorded',
          aRequestBooking(booking),
        );
      }
      const before = await count(
        'SELECT count(*)::int AS n FROM attendance WHERE child_id = $1 AND day = $2 AND status = $3',
        [child.childId, day, status],
      );
      await recordReservationEvent(
        system,
        'reservation.attendance.recorded',
        {
          ...anAttendance(booking, catering, child, day, status),
          correction: afterLock,
          afterLock,
        },
        randomUUID(),
      );
      if (before === 0) {
        await eventually(
          async () =>
            (await count(
              'SELECT count(*)::int AS n FROM attendance WHERE child_id = $1 AND day = $2 AND status = $3',
              [child.childId, day, status],
            )) === 1,
          "billing's copy of the attendance",
        );
      }
    },
    booked,
    async lock(month) {
      await recordReservationEvent(
        system,
        'reservation.attendance.month-locked',
        {
          organisationId: vichy.id,
          municipalServiceId: catering.municipalServiceId,
          month,
          lockedBy: supervisor.id,
          lockedAt: '2026-11-02T08:00:00.000Z',
        },
        catering.municipalServiceId,
      );
      await eventually(
        async () =>
          (await count('SELECT count(*)::int AS n FROM month_locks WHERE month = $1', [month])) ===
          1,
        'the lock',
      );
    },
    async run<T = RunView>(month: string, dryRun: boolean, path = 'runs') {
      return expectStatus(
        await call<T>('POST', `/agent/regies/${regie.id}/${path}`, agent.actor, {
          month,
          dryRun,
        }),
        200,
      );
    },
    async close() {
      jest.restoreAllMocks();
      await system.close();
    },
  };
}

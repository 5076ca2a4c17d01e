import { randomUUID } from 'node:crypto';
import type { AttendanceMonthView, AttendanceSheet, ChildView } from '@portail/contracts';
import { api, type Problem } from '../identity/directory-support';
import { expectStatus, type Agent } from '../support/directory-actors';
import { aHouseholdOf } from '../support/households';
import {
  A_MEAL_UNIT,
  aCateringActivity,
  aReservationSystem,
  aSupervisor,
  book,
  waitFor,
  type CateringUnit,
  type ReservationFixture,
} from '../support/reservation-fixture';

/** Thursday 8 October 2026, a school day. */
const THURSDAY = '2026-10-08';

describe('reservation: attendance ("pointage") and month locking', () => {
  let world: ReservationFixture;
  let meal: CateringUnit;
  let supervisor: Agent;
  let iris: ChildView;
  let hugo: ChildView;
  let lina: ChildView;
  let listPath: string;

  const sheet = async (agent: Agent = world.cateringAgent) =>
    api<AttendanceSheet>(
      world.system,
      'GET',
      `${listPath}?siteId=${meal.siteId}&unitId=${meal.unitId}&day=${THURSDAY}`,
      { headers: agent.actor.authorization },
    );
  const record = (records: unknown[], agent: Agent = world.cateringAgent, day = THURSDAY) =>
    api<AttendanceSheet>(world.system, 'PUT', listPath, {
      headers: agent.actor.authorization,
      body: { siteId: meal.siteId, unitId: meal.unitId, day, records },
    });
  const lineOf = (list: AttendanceSheet, childId: string) =>
    list.children.find((line) => line.childId === childId)!;
  const recordedEvents = (childId: string) =>
    world.db.query<Array<{ payload: Record<string, unknown> }>>(
      `SELECT envelope->'payload' AS payload FROM outbox WHERE type = 'reservation.attendance.recorded'
          AND envelope->'payload'->>'childId' = $1 ORDER BY sequence`,
      [childId],
    );

  async function aChild(householdId: string, body: Record<string, unknown>): Promise<ChildView> {
    return expectStatus(
      await api<ChildView>(world.system, 'POST', `/households/${householdId}/children`, {
        headers: world.family.authorization,
        body: { birthDate: '2017-03-02', sex: 'female', schoolLevel: 'CE2', ...body },
      }),
      201,
    );
  }

  beforeAll(async () => {
    world = await aReservationSystem({ RESERVATION_JOBS_ENABLED: 'false' });
    meal = await aCateringActivity(world, { unit: A_MEAL_UNIT, capacity: 30 });
    listPath = `/agent/activities/${meal.activity.id}/attendance`;
    supervisor = await aSupervisor(world, ['school-catering']);
    const householdId = await aHouseholdOf(world.system, world.family);
    iris = await aChild(householdId, {
      firstName: 'Iris',
      lastName: 'Paillette',
      health: { allergies: ['arachide'], pai: true, paiDetails: 'Stylo d’adrénaline.' },
      authorisations: {
        imageRights: false,
        mayLeaveAlone: false,
        authorisedPickups: [
          { name: 'Jeanne Paillette', relationship: 'grand-mère', phone: '06 98 76 54 32' },
        ],
      },
    });
    hugo = await aChild(householdId, { firstName: 'Hugo', lastName: 'Paillette', sex: 'male' });
    lina = await aChild(householdId, { firstName: 'Lina', lastName: 'Paillette' });
    for (const child of [iris, hugo, lina]) {
      await world.grant(world.family, child.id, {
        firstName: child.firstName,
        lastName: child.lastName,
        householdId,
      });
    }
    await waitFor(async () => (await world.rightsOf([iris.id, hugo.id, lina.id])) === 3);
    for (const child of [iris, hugo]) {
      expectStatus(await book(world, world.family, meal, child.id, THURSDAY), 201);
    }
  }, 180_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await world?.system.close();
  });

  it('lists the booked children with their allergies, PAI and authorised pick-up persons', async () => {
    const list = expectStatus(await sheet(), 200);
    expect(list).toMatchObject({ day: THURSDAY, locked: false });
    expect(list.children.map((line) => line.firstName)).toEqual(['Hugo', 'Iris']);
    expect(lineOf(list, iris.id)).toMatchObject({
      lastName: 'Paillette',
      expected: true,
      bookingStatus: 'booked',
      allergies: ['arachide'],
      pai: true,
      mayLeaveAlone: false,
      authorisedPickups: [
        { name: 'Jeanne Paillette', relationship: 'grand-mère', phone: '06 98 76 54 32' },
      ],
      profileFound: true,
      attendance: null,
    });
    expect(lineOf(list, hugo.id)).toMatchObject({ allergies: [], pai: false });
  });

  it('records the whole list at once: present, justified absence, unexpected presence', async () => {
    const list = expectStatus(
      await record([
        { childId: iris.id, status: 'present' },
        { childId: hugo.id, status: 'absent-justified', reason: 'Certificat médical' },
        { childId: lina.id, status: 'unexpected' },
      ]),
      200,
    );
    expect(list.children.map((line) => [line.firstName, line.attendance?.status])).toEqual([
      ['Hugo', 'absent-justified'],
      ['Iris', 'present'],
      ['Lina', 'unexpected'],
    ]);
    expect(lineOf(list, hugo.id).attendance).toMatchObject({
      reason: 'Certificat médical',
      corrections: 0,
      afterLock: false,
      recordedBy: world.cateringAgent.id,
    });
    expect(lineOf(list, lina.id)).toMatchObject({ expected: false, bookingId: null });
    const [event] = await recordedEvents(lina.id);
    expect(event.payload).toMatchObject({
      status: 'unexpected',
      bookingId: null,
      day: THURSDAY,
      correction: false,
      afterLock: false,
      activityCode: 'restauration-scolaire',
    });
  });

  it('corrects a record (absence unjustified), and sends nothing for an unchanged one', async () => {
    const list = expectStatus(
      await record([
        { childId: hugo.id, status: 'absent-unjustified' },
        { childId: iris.id, status: 'present' },
      ]),
      200,
    );
    expect(lineOf(list, hugo.id).attendance).toMatchObject({
      status: 'absent-unjustified',
      reason: null,
      corrections: 1,
    });
    const hugoEvents = await recordedEvents(hugo.id);
    expect(hugoEvents.map((e) => [e.payload.status, e.payload.correction])).toEqual([
      ['absent-justified', false],
      ['absent-unjustified', true],
    ]);
    expect(await recordedEvents(iris.id)).toHaveLength(1);
  });

  it('refuses a status that does not fit the booking, and a child without a right', async () => {
    const bookedAsUnexpected = await record([{ childId: iris.id, status: 'unexpected' }]);
    expect(bookedAsUnexpected.status).toBe(422);
    expect((bookedAsUnexpected.body as unknown as Problem).code).toBe('ATTENDANCE_STATUS_MISMATCH');
    const unbookedAsPresent = await record([{ childId: lina.id, status: 'present' }]);
    expect(unbookedAsPresent.status).toBe(422);
    const stranger = await record([{ childId: randomUUID(), status: 'unexpected' }]);
    expect(stranger.status).toBe(422);
    expect((stranger.body as unknown as Problem).code).toBe('NO_BOOKING_RIGHT');
  });

  it('answers bad input with 400 problem+json in French', async () => {
    const noReason = await record([{ childId: hugo.id, status: 'absent-justified' }]);
    expect(noReason.status).toBe(400);
    expect(noReason.contentType).toContain('application/problem+json');
    expect((noReason.body as unknown as Problem).details?.fields).toContainEqual({
      field: 'records.0.reason',
      message: "Le motif d'une absence justifiée est obligatoire.",
    });
    const badStatus = await record([{ childId: hugo.id, status: 'malade' }]);
    expect(badStatus.status).toBe(400);
    expect((badStatus.body as unknown as Problem).details?.fields?.[0].message).toMatch(
      /^Le pointage doit être l'un de/,
    );
    const empty = await record([]);
    expect(empty.status).toBe(400);
    const twice = await record([
      { childId: iris.id, status: 'present' },
      { childId: iris.id, status: 'present' },
    ]);
    expect(twice.status).toBe(400);
    const tooMany = await record(
      Array.from({ length: 501 }, () => ({ childId: randomUUID(), status: 'unexpected' })),
    );
    expect(tooMany.status).toBe(400);
    const badDay = await api<Problem>(
      world.system,
      'GET',
      `${listPath}?siteId=${meal.siteId}&unitId=${meal.unitId}&day=2026-02-30`,
      { headers: world.cateringAgent.actor.authorization },
    );
    expect(badDay.status).toBe(400);
    expect(badDay.body.details?.fields?.map((f) => f.field)).toEqual(['day']);
  });

  it('refuses agents of another service (403) and answers unknown ids with 404', async () => {
    const outOfScope = await sheet(world.careAgent);
    expect(outOfScope.status).toBe(403);
    expect((outOfScope.body as unknown as Problem).code).toBe('ACTIVITY_OUT_OF_SCOPE');
    const recordOutOfScope = await record(
      [{ childId: iris.id, status: 'present' }],
      world.careAgent,
    );
    expect(recordOutOfScope.status).toBe(403);
    const unknownActivity = await api<Problem>(
      world.system,
      'GET',
      `/agent/activities/${randomUUID()}/attendance?siteId=${meal.siteId}&unitId=${meal.unitId}&day=${THURSDAY}`,
      { headers: world.cateringAgent.actor.authorization },
    );
    expect(unknownActivity.status).toBe(404);
    expect(unknownActivity.body.code).toBe('ACTIVITY_NOT_FOUND');
    const unknownUnit = await api<Problem>(
      world.system,
      'GET',
      `${listPath}?siteId=${meal.siteId}&unitId=${randomUUID()}&day=${THURSDAY}`,
      { headers: world.cateringAgent.actor.authorization },
    );
    expect(unknownUnit.status).toBe(404);
    expect(unknownUnit.body.code).toBe('UNIT_NOT_FOUND');
    const byFamily = await api(world.system, 'GET', `${listPath}?siteId=${meal.siteId}`, {
      headers: world.family.authorization,
    });
    expect(byFamily.status).toBe(403);
  });

  it('locks a month by a supervisor only; then only a supervisor corrects, flagged after lock', async () => {
    const serviceId = meal.activity.municipalServiceId;
    const monthPath = `/agent/services/${serviceId}/attendance-months/2026-10`;
    const byAgent = await api<Problem>(world.system, 'POST', `${monthPath}/lock`, {
      headers: world.cateringAgent.actor.authorization,
    });
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.code).toBe('SUPERVISOR_ONLY');
    const byOtherService = await api<Problem>(world.system, 'POST', `${monthPath}/lock`, {
      headers: world.careAgent.actor.authorization,
    });
    expect(byOtherService.status).toBe(403);
    expect(byOtherService.body.code).toBe('ACTIVITY_OUT_OF_SCOPE');
    const badMonth = await api<Problem>(
      world.system,
      'POST',
      `/agent/services/${serviceId}/attendance-months/2026-13/lock`,
      { headers: supervisor.actor.authorization },
    );
    expect(badMonth.status).toBe(400);

    const locked = expectStatus(
      await api<AttendanceMonthView>(world.system, 'POST', `${monthPath}/lock`, {
        headers: supervisor.actor.authorization,
      }),
      200,
    );
    expect(locked).toMatchObject({
      municipalServiceId: serviceId,
      month: '2026-10',
      locked: true,
      lockedBy: supervisor.id,
    });
    expectStatus(
      await api(world.system, 'POST', `${monthPath}/lock`, {
        headers: supervisor.actor.authorization,
      }),
      200,
    );
    const lockEvents = await world.db.query<Array<{ payload: Record<string, unknown> }>>(
      "SELECT envelope->'payload' AS payload FROM outbox WHERE type = 'reservation.attendance.month-locked'",
    );
    expect(lockEvents.map((e) => e.payload)).toEqual([
      expect.objectContaining({
        municipalServiceId: serviceId,
        organisationId: world.vichy.id,
        month: '2026-10',
        lockedBy: supervisor.id,
      }),
    ]);
    const state = expectStatus(
      await api<AttendanceMonthView>(world.system, 'GET', monthPath, {
        headers: world.cateringAgent.actor.authorization,
      }),
      200,
    );
    expect(state.locked).toBe(true);
    expect(expectStatus(await sheet(), 200).locked).toBe(true);

    const byAgentAfterLock = await record([{ childId: iris.id, status: 'absent-unjustified' }]);
    expect(byAgentAfterLock.status).toBe(409);
    expect((byAgentAfterLock.body as unknown as Problem).code).toBe('ATTENDANCE_MONTH_LOCKED');
    expect((byAgentAfterLock.body as unknown as Problem).detail).toBe(
      'Le pointage du mois 2026-10 est verrouillé : seul un responsable du service peut le corriger.',
    );

    const corrected = expectStatus(
      await record([{ childId: iris.id, status: 'absent-unjustified' }], supervisor),
      200,
    );
    expect(lineOf(corrected, iris.id).attendance).toMatchObject({
      status: 'absent-unjustified',
      afterLock: true,
      corrections: 1,
      recordedBy: supervisor.id,
    });
    const irisEvents = await recordedEvents(iris.id);
    expect(irisEvents.at(-1)?.payload).toMatchObject({
      correction: true,
      afterLock: true,
      recordedBy: supervisor.id,
    });

    // Another month stays open to agents.
    const november = await api<AttendanceMonthView>(
      world.system,
      'GET',
      `/agent/services/${serviceId}/attendance-months/2026-11`,
      { headers: world.cateringAgent.actor.authorization },
    );
    expect(expectStatus(november, 200).locked).toBe(false);
  });
});

import { randomUUID } from 'node:crypto';
import type { ActivityView, BookingView, OccupancyLine, SlotView } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { anApplication, recordEnrolmentEvent, withdrawn } from '../support/fake-enrolment';
import {
  expectStatus,
  serviceOf,
  type Agent,
  type Organisation,
} from '../support/directory-actors';
import type { Actor } from '../support/identity-actors';
import {
  A_MEAL_UNIT,
  aCateringActivity,
  aReservationSystem,
  waitFor,
  type ReservationFixture,
} from '../support/reservation-fixture';
import { api, type Problem } from '../identity/directory-support';

const SEPTEMBER = new Date('2026-09-20T08:00:00Z');
/** Thursday 8 October 2026, a school day (Clermont-Ferrand, zone A). */
const THURSDAY = '2026-10-08';
const PLACES = 20;
const REQUESTS = 500;

describe('reservation: activities, booking rights and bookings', () => {
  let fixture: ReservationFixture;
  let system: TestSystem;
  let vichy: Organisation;
  let cateringAgent: Agent;
  let careAgent: Agent;
  let family: Actor;
  let neighbour: Actor;
  let activity: ActivityView;
  let unitId: string;
  let siteId: string;

  const at = (instant: Date | string) => fixture.at(instant);
  const aChildWithARight = (actor: Actor) => fixture.aChildWithARight(actor);
  const grant = (actor: Actor, childId: string) => fixture.grant(actor, childId);
  const rows = <T>(sql: string, parameters: unknown[] = []) => fixture.rows<T>(sql, parameters);
  const rightsOf = (childIds: string[]) => fixture.rightsOf(childIds);

  function book(actor: Actor, childId: string, day = THURSDAY) {
    return api<BookingView>(system, 'POST', `/children/${childId}/bookings`, {
      headers: actor.authorization,
      body: { unitId, siteId, day },
    });
  }

  beforeAll(async () => {
    fixture = await aReservationSystem({}, SEPTEMBER);
    ({ system, vichy, cateringAgent, careAgent, family, neighbour } = fixture);
    ({ activity, unitId, siteId } = await aCateringActivity(fixture, {
      unit: A_MEAL_UNIT,
      capacity: PLACES,
    }));
  }, 180_000);

  afterAll(() => fixture?.close());

  it('describes the activity to families, with its notice period in French', async () => {
    const read = expectStatus(
      await api<ActivityView>(system, 'GET', `/activities/${activity.id}`, {
        headers: family.authorization,
      }),
      200,
    );
    expect(read.units[0].noticeDescription).toContain('2 jours ouvrés avant');
    expect(read.capacities).toEqual([{ unitId, siteId, capacity: PLACES, overrides: {} }]);
  });

  it("refuses an agent of another service (403) and a family (403) the activity's management", async () => {
    const response = await api<Problem>(system, 'POST', `/agent/activities/${activity.id}/sites`, {
      headers: careAgent.actor.authorization,
      body: { name: 'Centre de loisirs' },
    });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('ACTIVITY_OUT_OF_SCOPE');
    const created = await api<Problem>(system, 'POST', '/agent/activities', {
      headers: careAgent.actor.authorization,
      body: {
        municipalServiceId: serviceOf(vichy, 'school-catering'),
        code: 'cantine',
        name: 'Cantine',
      },
    });
    expect(created.status).toBe(403);
    const byFamily = await api(system, 'POST', `/agent/activities/${activity.id}/sites`, {
      headers: family.authorization,
      body: { name: 'Centre de loisirs' },
    });
    expect(byFamily.status).toBe(403);
  });

  it('answers bad input with 400 problem+json and French messages', async () => {
    const badUnit = await api<Problem>(system, 'POST', `/agent/activities/${activity.id}/units`, {
      headers: cateringAgent.actor.authorization,
      body: {
        code: 'gouter',
        label: 'Goûter',
        kind: 'evening-care',
        startsAt: '16:30',
        endsAt: '25:00',
        weekdays: [1, 9],
        noticePolicy: { booking: { kind: 'workingDaysBefore', days: 2, at: '10:00' } },
      },
    });
    expect(badUnit.status).toBe(400);
    expect(badUnit.contentType).toContain('application/problem+json');
    expect(badUnit.body.code).toBe('VALIDATION_FAILED');
    expect(badUnit.body.details?.fields?.map((f) => f.field).sort()).toEqual([
      'endsAt',
      'weekdays',
    ]);

    const badPolicy = await api<Problem>(system, 'POST', `/agent/activities/${activity.id}/units`, {
      headers: cateringAgent.actor.authorization,
      body: {
        code: 'gouter',
        label: 'Goûter',
        kind: 'evening-care',
        startsAt: '16:30',
        endsAt: '18:00',
        weekdays: [1],
        noticePolicy: { booking: { kind: 'someday' } },
      },
    });
    expect(badPolicy.status).toBe(400);
    expect(badPolicy.body.details?.fields?.[0].field).toMatch(/^noticePolicy/);

    const badChild = await api<Problem>(system, 'POST', '/children/not-a-uuid/bookings', {
      headers: family.authorization,
      body: { unitId, siteId, day: THURSDAY },
    });
    expect(badChild.status).toBe(400);
    expect(badChild.contentType).toContain('application/problem+json');
    expect(badChild.body.details?.fields?.map((f) => f.field)).toContain('childId');
    const badDay = await api<Problem>(system, 'POST', `/children/${randomUUID()}/bookings`, {
      headers: family.authorization,
      body: { unitId, siteId, day: '2026-02-30' },
    });
    expect(badDay.status).toBe(400);
    expect(badDay.body.details?.fields).toEqual([
      { field: 'day', message: 'Le jour doit être une date valide au format AAAA-MM-JJ.' },
    ]);

    const badMonth = await api<Problem>(
      system,
      'GET',
      `/children/${randomUUID()}/slots?month=2026-13`,
      {
        headers: family.authorization,
      },
    );
    expect(badMonth.status).toBe(400);
  });

  it("hides another household's child (404) and books idempotently within the rules", async () => {
    const childId = await aChildWithARight(family);

    const slots = expectStatus(
      await api<SlotView[]>(system, 'GET', `/children/${childId}/slots?month=2026-10`, {
        headers: family.authorization,
      }),
      200,
    );
    const thursday = slots.find((slot) => slot.day === THURSDAY)!;
    expect(thursday.state).toBe('available');
    expect(thursday.bookableUntilText).toMatch(/^Réservable jusqu'au .*6 octobre 2026/);
    expect(slots.find((slot) => slot.day === '2026-10-07')?.state).toBe('closed');
    expect(slots.find((slot) => slot.day === '2026-10-20')?.state).toBe('holiday');

    for (const response of [
      await api<Problem>(system, 'GET', `/children/${childId}/slots?month=2026-10`, {
        headers: neighbour.authorization,
      }),
      await book(neighbour, childId),
    ]) {
      expect(response.status).toBe(404);
      expect((response.body as unknown as Problem).code).toBe('BOOKING_CHILD_NOT_FOUND');
    }

    const first = expectStatus(await book(family, childId), 201);
    expect(first.status).toBe('booked');
    const again = expectStatus(await book(family, childId), 201);
    expect(again.id).toBe(first.id);

    const holiday = await api<Problem>(system, 'POST', `/children/${childId}/bookings`, {
      headers: family.authorization,
      body: { unitId, siteId, day: '2026-10-20' },
    });
    expect(holiday.status).toBe(422);
    expect(holiday.body.code).toBe('SLOT_CLOSED');

    const cancel = await api<Problem>(system, 'DELETE', `/bookings/${first.id}`, {
      headers: neighbour.authorization,
    });
    expect(cancel.status).toBe(404);
  });

  it('refuses a booking past the notice period with the French message naming the deadline', async () => {
    const childId = await aChildWithARight(family);
    at('2026-10-07T09:00:00Z');
    try {
      // The month view already says it: the free Thursday can no longer be booked.
      const slots = expectStatus(
        await api<SlotView[]>(system, 'GET', `/children/${childId}/slots?month=2026-10`, {
          headers: family.authorization,
        }),
        200,
      );
      expect(slots.find((slot) => slot.day === THURSDAY)?.state).toBe('past-deadline');
      expect(slots.find((slot) => slot.day === '2026-10-15')?.state).toBe('available');
      const late = await book(family, childId);
      expect(late.status).toBe(422);
      const problem = late.body as unknown as Problem;
      expect(problem.code).toBe('NOTICE_PERIOD_PASSED');
      expect(problem.detail).toMatch(
        /^Les réservations pour le jeudi 8 octobre 2026 étaient possibles jusqu'au .*6 octobre 2026 à 10:00/,
      );
    } finally {
      at(SEPTEMBER);
    }
  });

  it('takes a late request as pending when the unit allows it, and flags a late cancellation', async () => {
    const withEvening = expectStatus(
      await api<ActivityView>(system, 'POST', `/agent/activities/${activity.id}/units`, {
        headers: cateringAgent.actor.authorization,
        body: {
          code: 'garderie-soir',
          label: 'Garderie du soir',
          kind: 'evening-care',
          startsAt: '16:30',
          endsAt: '18:30',
          weekdays: [1, 2, 4, 5],
          noticePolicy: { booking: { kind: 'calendarDaysBefore', days: 1, at: '18:00' } },
          allowsLateRequests: true,
        },
      }),
      201,
    );
    const evening = withEvening.units.find((unit) => unit.code === 'garderie-soir')!;
    expectStatus(
      await api(system, 'PUT', `/agent/activities/${activity.id}/capacities`, {
        headers: cateringAgent.actor.authorization,
        body: { unitId: evening.id, siteId, capacity: 10 },
      }),
      200,
    );
    const childId = await aChildWithARight(family);
    const meal = expectStatus(await book(family, childId, '2026-10-09'), 201);
    at('2026-10-08T12:00:00Z');
    try {
      const pending = expectStatus(
        await api<BookingView>(system, 'POST', `/children/${childId}/bookings`, {
          headers: family.authorization,
          body: { unitId: evening.id, siteId, day: THURSDAY },
        }),
        201,
      );
      expect(pending.status).toBe('pending');
      expect(pending.message).toContain('sera examinée par le service');

      const toDecide = expectStatus(
        await api<BookingView[]>(
          system,
          'GET',
          `/agent/activities/${activity.id}/bookings?day=${THURSDAY}&status=pending`,
          { headers: cateringAgent.actor.authorization },
        ),
        200,
      );
      expect(toDecide.map((b) => b.id)).toEqual([pending.id]);
      const byOtherService = await api<Problem>(
        system,
        'POST',
        `/agent/bookings/${pending.id}/decision`,
        { headers: careAgent.actor.authorization, body: { decision: 'accept' } },
      );
      expect(byOtherService.status).toBe(403);
      const decided = expectStatus(
        await api<BookingView>(system, 'POST', `/agent/bookings/${pending.id}/decision`, {
          headers: cateringAgent.actor.authorization,
          body: { decision: 'accept' },
        }),
        200,
      );
      expect(decided.status).toBe('booked');
      const twice = await api<Problem>(system, 'POST', `/agent/bookings/${pending.id}/decision`, {
        headers: cateringAgent.actor.authorization,
        body: { decision: 'refuse' },
      });
      expect(twice.status).toBe(409);

      const cancelled = expectStatus(
        await api<BookingView>(system, 'DELETE', `/bookings/${meal.id}`, {
          headers: family.authorization,
        }),
        200,
      );
      expect(cancelled).toMatchObject({ status: 'cancelled', late: true });
      expect(cancelled.message).toMatch(/^Annulation tardive/);
      const again = await api<Problem>(system, 'DELETE', `/bookings/${meal.id}`, {
        headers: family.authorization,
      });
      expect(again.status).toBe(409);
    } finally {
      at(SEPTEMBER);
    }
    const mine = expectStatus(
      await api<BookingView[]>(system, 'GET', '/me/bookings?from=2026-10-08', {
        headers: family.authorization,
      }),
      200,
    );
    expect(mine.filter((b) => b.childId === childId).map((b) => b.status)).toEqual([
      'booked',
      'cancelled',
    ]);
  });

  it('ends the right on withdrawal and cancels the bookings from that day on, not late', async () => {
    const childId = randomUUID();
    const applicationId = await grant(family, childId);
    await waitFor(async () => (await rightsOf([childId])) === 1);
    const booking = expectStatus(await book(family, childId, '2026-10-09'), 201);
    await recordEnrolmentEvent(
      system,
      'enrolment.application.withdrawn',
      withdrawn(
        anApplication({
          applicationId,
          organisationId: vichy.id,
          householdId: family.accountId,
          child: { id: childId, firstName: 'Iris', lastName: 'Paillette' },
        }),
      ),
    );
    await waitFor(async () => {
      const [row] = await rows<{ status: string; late: boolean }>(
        'SELECT status, late FROM bookings WHERE id = $1',
        [booking.id],
      );
      return row.status === 'cancelled' && row.late === false;
    });
  });

  it(`books ${PLACES} of ${REQUESTS} concurrent requests, waitlists the rest in request order, promotes the first on a cancellation`, async () => {
    const day = '2026-10-12';
    const children = Array.from({ length: REQUESTS }, () => randomUUID());
    for (const childId of children) await grant(family, childId);
    await waitFor(async () => (await rightsOf(children)) === REQUESTS, 120_000);

    const responses = await Promise.all(children.map((childId) => book(family, childId, day)));
    const bookings = responses.map((response) => expectStatus(response, 201));
    expect(bookings.filter((b) => b.status === 'booked')).toHaveLength(PLACES);
    expect(bookings.filter((b) => b.status === 'waitlisted')).toHaveLength(REQUESTS - PLACES);

    const occupancy = expectStatus(
      await api<OccupancyLine[]>(
        system,
        'GET',
        `/agent/activities/${activity.id}/occupancy?from=${day}&to=${day}`,
        { headers: cateringAgent.actor.authorization },
      ),
      200,
    );
    expect(occupancy).toEqual([
      {
        siteId,
        unitId,
        day,
        booked: PLACES,
        offered: 0,
        capacity: PLACES,
        waiting: REQUESTS - PLACES,
        pending: 0,
      },
    ]);
    const outOfScope = await api(
      system,
      'GET',
      `/agent/activities/${activity.id}/occupancy?from=${day}&to=${day}`,
      { headers: careAgent.actor.authorization },
    );
    expect(outOfScope.status).toBe(403);

    // The waiting list is in request order: the order the requests reached the database (seq).
    const waiting = await rows<{ id: string }>(
      `SELECT id FROM bookings
        WHERE unit_id = $1 AND day = $2 AND status = 'waitlisted' ORDER BY seq`,
      [unitId, day],
    );
    expect(waiting).toHaveLength(REQUESTS - PLACES);

    const booked = bookings.find((b) => b.status === 'booked')!;
    const cancelled = expectStatus(
      await api<BookingView>(system, 'DELETE', `/bookings/${booked.id}`, {
        headers: family.authorization,
      }),
      200,
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', late: false });
    const [promoted] = await rows<{ status: string }>('SELECT status FROM bookings WHERE id = $1', [
      waiting[0].id,
    ]);
    expect(promoted.status).toBe('booked');
    const after = expectStatus(
      await api<OccupancyLine[]>(
        system,
        'GET',
        `/agent/activities/${activity.id}/occupancy?from=${day}&to=${day}`,
        { headers: cateringAgent.actor.authorization },
      ),
      200,
    );
    expect(after[0]).toMatchObject({ booked: PLACES, waiting: REQUESTS - PLACES - 1 });

    // Five more places that day: the next five of the waiting list take them at once.
    expectStatus(
      await api(system, 'PUT', `/agent/activities/${activity.id}/capacities`, {
        headers: cateringAgent.actor.authorization,
        body: { unitId, siteId, capacity: PLACES + 5, day },
      }),
      200,
    );
    const promotedNext = await rows<{ status: string }>(
      'SELECT status FROM bookings WHERE id = ANY($1)',
      [waiting.slice(1, 7).map((row) => row.id)],
    );
    expect(promotedNext.filter((row) => row.status === 'booked')).toHaveLength(5);
    const [sixth] = await rows<{ status: string }>('SELECT status FROM bookings WHERE id = $1', [
      waiting[6].id,
    ]);
    expect(sixth.status).toBe('waitlisted');
    const [{ n }] = await rows<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE type = 'reservation.booking.promoted'",
    );
    expect(n).toBe(6);
  }, 240_000);
});

import { randomUUID } from 'node:crypto';
import type {
  ActivityView,
  BookingPatternView,
  BookingRequestRecorded,
  BookingRequestView,
  RequestOutcomeView,
} from '@portail/contracts';
import { api, type Problem } from '../identity/directory-support';
import { aSchool, expectStatus } from '../support/directory-actors';
import { aHouseholdOf } from '../support/households';
import {
  aCateringActivity,
  aReservationSystem,
  type ReservationFixture,
} from '../support/reservation-fixture';

/** Before the school year: every date of 2026-2027 is within the notice period. */
const AUGUST = '2026-08-20T08:00:00Z';
const MEALS = [1, 2, 4, 5];

/*
 * The expected dates, computed here without the service's code: the 2026-2027 school year of
 * zone A (académie de Clermont-Ferrand) and France's public holidays, written out by hand.
 */
const SCHOOL_HOLIDAYS_2026_2027: Array<[string, string]> = [
  ['2026-10-17', '2026-11-01'], // Toussaint (classes resume Monday 2 November)
  ['2026-12-19', '2027-01-03'], // Noël
  ['2027-02-13', '2027-02-28'], // Hiver, zone A
  ['2027-04-10', '2027-04-25'], // Printemps, zone A
  ['2027-05-07', '2027-05-07'], // Pont de l'Ascension
  ['2027-07-03', '2027-08-31'], // Été
];
const PUBLIC_HOLIDAYS_2026_2027 = [
  '2026-11-01',
  '2026-11-11',
  '2026-12-25',
  '2027-01-01',
  '2027-03-29', // Lundi de Pâques (Easter: 28 March 2027)
  '2027-05-01',
  '2027-05-06', // Ascension
  '2027-05-08',
  '2027-05-17', // Lundi de Pentecôte
  '2027-07-14',
  '2027-08-15',
];

function expectedSchoolDays(from: string, until: string, weekdays: number[]): string[] {
  const days: string[] = [];
  for (
    let date = new Date(`${from}T12:00:00Z`);
    date.toISOString().slice(0, 10) <= until;
    date = new Date(date.getTime() + 86_400_000)
  ) {
    const day = date.toISOString().slice(0, 10);
    const isoWeekday = ((date.getUTCDay() + 6) % 7) + 1;
    if (!weekdays.includes(isoWeekday)) continue;
    if (PUBLIC_HOLIDAYS_2026_2027.includes(day)) continue;
    if (SCHOOL_HOLIDAYS_2026_2027.some(([first, last]) => first <= day && day <= last)) continue;
    days.push(day);
  }
  return days;
}

const essentials = (outcomes: RequestOutcomeView[]) =>
  outcomes.map(({ day, unitId, status, reason }) => ({ day, unitId, status, reason }));

describe('reservation: recurring bookings, range cancellations, counter bookings', () => {
  let fixture: ReservationFixture;
  let activity: ActivityView;
  let unitId: string;
  let siteId: string;

  function submit(childId: string, body: Record<string, unknown>, actor = fixture.family) {
    return api<BookingRequestView>(
      fixture.system,
      'POST',
      `/children/${childId}/recurring-bookings`,
      { headers: actor.authorization, body: { activityId: activity.id, siteId, ...body } },
    );
  }

  async function liveDays(childId: string, unit = unitId): Promise<string[]> {
    const rows = await fixture.rows<{ day: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM bookings
        WHERE child_id = $1 AND unit_id = $2 AND status NOT IN ('cancelled', 'refused')
        ORDER BY day`,
      [childId, unit],
    );
    return rows.map((row) => row.day);
  }

  async function requestsOf(childId: string): Promise<BookingRequestRecorded[]> {
    const rows = await fixture.rows<{ payload: BookingRequestRecorded }>(
      `SELECT envelope->'payload' AS payload FROM outbox
        WHERE type = 'reservation.request.recorded' AND envelope->'payload'->>'childId' = $1
        ORDER BY sequence`,
      [childId],
    );
    return rows.map((row) => row.payload);
  }

  beforeAll(async () => {
    fixture = await aReservationSystem({}, new Date(AUGUST));
    ({ activity, unitId, siteId } = await aCateringActivity(fixture, {
      unit: {
        code: 'repas',
        label: 'Repas du midi',
        kind: 'meal',
        startsAt: '11:30',
        endsAt: '13:30',
        weekdays: MEALS,
        noticePolicy: { booking: { kind: 'workingDaysBefore', days: 2, at: '10:00' } },
      },
      capacity: 100,
    }));
  }, 180_000);

  afterAll(() => fixture?.close());
  afterEach(() => fixture.at(AUGUST));

  it('lands a year-long pattern exactly on the school days, and creates nothing twice', async () => {
    const childId = await fixture.aChildWithARight(fixture.family);
    const expected = expectedSchoolDays('2026-09-01', '2027-08-31', MEALS);
    expect(expected.length).toBeGreaterThan(130);

    const first = expectStatus(
      await submit(childId, { units: [{ unitId, weekdays: MEALS }] }),
      200,
    );
    expect(first).toMatchObject({ from: '2026-09-01', until: '2027-08-31', dryRun: false });
    expect(first.outcomes.map((o) => o.day)).toEqual(expected);
    expect(first.outcomes.every((o) => o.status === 'booked' && o.created)).toBe(true);
    expect(first.skipped.find((s) => s.day === '2027-03-29')?.reason).toMatch(/^Jour férié/);
    expect(first.skipped.find((s) => s.day === '2026-10-19')?.reason).toBe('Vacances scolaires.');
    expect(await liveDays(childId)).toEqual(expected);

    const again = expectStatus(
      await submit(childId, { units: [{ unitId, weekdays: MEALS }] }),
      200,
    );
    expect(again.patternId).toBe(first.patternId);
    expect(again.outcomes.some((o) => o.created)).toBe(false);
    expect(again.outcomes.map((o) => o.bookingId)).toEqual(first.outcomes.map((o) => o.bookingId));
    expect(await liveDays(childId)).toEqual(expected);

    // One event per request, each date's booking in it (what billing copies): two requests, two
    // outbox rows for this child, not one per date.
    const [{ n: events }] = await fixture.rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE envelope->'payload'->>'childId' = $1`,
      [childId],
    );
    expect(events).toBe(2);
    const requests = await requestsOf(childId);
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({
      kind: 'recurring',
      childFirstName: 'Iris',
      onBehalf: false,
      deadlineOverridden: false,
      billing: 'post-billing',
    });
    expect(requests[0].siteId).toMatch(/^[0-9a-f-]{36}$/);
    expect(requests[0].outcomes).toHaveLength(expected.length);
    expect(requests[0].outcomes.map((o) => o.bookingId)).toEqual(
      first.outcomes.map((o) => o.bookingId),
    );
    expect(requests[0].outcomes.every((o) => o.unitId === unitId)).toBe(true);

    const other = await submit(childId, { units: [{ unitId, weekdays: [1] }] });
    expect(other.status).toBe(409);
    expect((other.body as unknown as Problem).code).toBe('BOOKING_PATTERN_EXISTS');

    const patterns = expectStatus(
      await api<BookingPatternView[]>(
        fixture.system,
        'GET',
        `/children/${childId}/recurring-bookings`,
        { headers: fixture.family.authorization },
      ),
      200,
    );
    expect(patterns).toEqual([
      expect.objectContaining({
        id: first.patternId,
        units: [{ unitId, weekdays: MEALS }],
        everyWeeks: 1,
        from: '2026-09-01',
        until: '2027-08-31',
      }),
    ]);
  }, 60_000);

  it('changes a pattern from a date on and cancels a range at once', async () => {
    const childId = await fixture.aChildWithARight(fixture.family);
    const submitted = expectStatus(
      await submit(childId, { units: [{ unitId, weekdays: MEALS }] }),
      200,
    );
    const before = await liveDays(childId);

    const changed = expectStatus(
      await api<BookingRequestView>(
        fixture.system,
        'PUT',
        `/children/${childId}/recurring-bookings/${submitted.patternId}`,
        {
          headers: fixture.family.authorization,
          body: { fromDay: '2027-01-04', units: [{ unitId, weekdays: [1, 4] }], everyWeeks: 2 },
        },
      ),
      200,
    );
    const kept = before.filter((day) => day < '2027-01-04');
    // Every other week from the week of 4 January 2027 (week 0), Mondays and Thursdays.
    const later = expectedSchoolDays('2027-01-04', '2027-08-31', [1, 4]).filter((day) => {
      const weeks = Math.floor((Date.parse(day) - Date.parse('2027-01-04')) / (7 * 86_400_000));
      return weeks % 2 === 0;
    });
    expect(await liveDays(childId)).toEqual([...kept, ...later]);
    const cancelled = changed.outcomes.filter((o) => o.status === 'cancelled');
    expect(cancelled.map((o) => o.day)).toEqual(
      before.filter((day) => day >= '2027-01-04' && !later.includes(day)),
    );
    expect(cancelled.every((o) => !o.late)).toBe(true);

    const range = { activityId: activity.id, from: '2026-10-01', to: '2026-10-31' };
    const october = before.filter((day) => day.startsWith('2026-10'));
    const preview = expectStatus(
      await api<BookingRequestView>(
        fixture.system,
        'POST',
        `/children/${childId}/booking-cancellations`,
        { headers: fixture.family.authorization, body: { ...range, dryRun: true } },
      ),
      200,
    );
    expect(preview.outcomes.map((o) => o.day)).toEqual(october);
    expect(await liveDays(childId)).toEqual([...kept, ...later]);
    const done = expectStatus(
      await api<BookingRequestView>(
        fixture.system,
        'POST',
        `/children/${childId}/booking-cancellations`,
        { headers: fixture.family.authorization, body: range },
      ),
      200,
    );
    expect(essentials(done.outcomes)).toEqual(essentials(preview.outcomes));
    expect((await liveDays(childId)).filter((day) => day.startsWith('2026-10'))).toEqual([]);
  }, 60_000);

  it('gives in a dry run the very outcomes of the real request, writing nothing', async () => {
    const childId = await fixture.aChildWithARight(fixture.family);
    // Wednesday 2 September 2026, 11:00 in Paris: Thursday 3 and Friday 4 are past their deadline.
    fixture.at('2026-09-02T09:00:00Z');
    const body = {
      units: [{ unitId, weekdays: MEALS }],
      from: '2026-09-03',
      until: '2026-09-30',
    };
    const outboxBefore = await fixture.rows<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
    const preview = expectStatus(await submit(childId, { ...body, dryRun: true }), 200);
    expect(preview).toMatchObject({ dryRun: true, requestId: null });
    expect(await liveDays(childId)).toEqual([]);
    expect(await fixture.rows('SELECT count(*)::int AS n FROM outbox')).toEqual(outboxBefore);
    expect(
      await fixture.rows('SELECT 1 FROM booking_patterns WHERE child_id = $1', [childId]),
    ).toEqual([]);

    const [thursday, friday, monday] = preview.outcomes;
    expect(thursday).toMatchObject({ day: '2026-09-03', status: 'refused' });
    expect(thursday.reason).toMatch(
      /^Les réservations pour le jeudi 3 septembre 2026 étaient possibles jusqu'au mardi 1er septembre 2026 à 10:00\.$/,
    );
    expect(friday).toMatchObject({ day: '2026-09-04', status: 'refused' });
    expect(monday).toMatchObject({ day: '2026-09-07', status: 'booked' });

    const real = expectStatus(await submit(childId, body), 200);
    expect(essentials(real.outcomes)).toEqual(essentials(preview.outcomes));
    expect(await liveDays(childId)).toEqual(
      real.outcomes.filter((o) => o.status === 'booked').map((o) => o.day),
    );
  }, 60_000);

  it('never overbooks 50 concurrent patterns over the same days, and never deadlocks', async () => {
    const PLACES = 5;
    const CHILDREN = 50;
    const withUnit = expectStatus(
      await api<ActivityView>(fixture.system, 'POST', `/agent/activities/${activity.id}/units`, {
        headers: fixture.cateringAgent.actor.authorization,
        body: {
          code: 'repas-atelier',
          label: 'Repas atelier',
          kind: 'meal',
          startsAt: '12:00',
          endsAt: '13:00',
          weekdays: MEALS,
          noticePolicy: { booking: { kind: 'calendarDaysBefore', days: 1, at: '18:00' } },
        },
      }),
      201,
    );
    const scarce = withUnit.units.find((unit) => unit.code === 'repas-atelier')!.id;
    expectStatus(
      await api(fixture.system, 'PUT', `/agent/activities/${activity.id}/capacities`, {
        headers: fixture.cateringAgent.actor.authorization,
        body: { unitId: scarce, siteId, capacity: PLACES },
      }),
      200,
    );
    const children = await Promise.all(
      Array.from({ length: CHILDREN }, () => fixture.aChildWithARight(fixture.family)),
    );
    // Each child's weekdays in another order: the requests cross the same days differently.
    const responses = await Promise.all(
      children.map((childId, index) =>
        submit(childId, {
          units: [{ unitId: scarce, weekdays: index % 2 ? [5, 4, 2, 1] : MEALS }],
          from: '2026-11-02',
          until: '2026-12-18',
        }),
      ),
    );
    const views = responses.map((response) => expectStatus(response, 200));
    const days = expectedSchoolDays('2026-11-02', '2026-12-18', MEALS);
    for (const view of views) expect(view.outcomes.map((o) => o.day)).toEqual(days);

    const counters = await fixture.rows<{ day: string; booked: number; capacity: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, booked, capacity FROM slot_counters
        WHERE unit_id = $1 ORDER BY day`,
      [scarce],
    );
    expect(counters.map((c) => c.day)).toEqual(days);
    expect(counters.every((c) => c.booked === PLACES && c.capacity === PLACES)).toBe(true);
    const perDay = await fixture.rows<{ day: string; booked: number; waitlisted: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day,
              count(*) FILTER (WHERE status = 'booked')::int AS booked,
              count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted
         FROM bookings WHERE unit_id = $1 GROUP BY day ORDER BY day`,
      [scarce],
    );
    expect(perDay).toEqual(
      days.map((day) => ({ day, booked: PLACES, waitlisted: CHILDREN - PLACES })),
    );
    const answered = views.flatMap((view) => view.outcomes).filter((o) => o.status === 'booked');
    expect(answered).toHaveLength(PLACES * days.length);
  }, 180_000);

  it('books at the counter past the deadline, recorded; cancels without the late flag', async () => {
    const childId = await fixture.aChildWithARight(fixture.family);
    // Wednesday 7 October 2026, 11:00 in Paris: Thursday 8 is past its deadline.
    fixture.at('2026-10-07T09:00:00Z');
    const counter = (actor = fixture.cateringAgent.actor, overrideDeadline = true) =>
      api<BookingRequestView>(fixture.system, 'POST', `/agent/children/${childId}/bookings`, {
        headers: actor.authorization,
        body: { unitId, siteId, day: '2026-10-08', overrideDeadline },
      });

    const refused = expectStatus(await counter(fixture.cateringAgent.actor, false), 201);
    expect(refused.outcomes[0]).toMatchObject({ status: 'refused', created: false });
    expect(refused.outcomes[0].reason).toMatch(/^Les réservations pour le jeudi 8 octobre 2026/);

    const otherService = await counter(fixture.careAgent.actor);
    expect(otherService.status).toBe(403);
    expect((otherService.body as unknown as Problem).code).toBe('ACTIVITY_OUT_OF_SCOPE');
    const byFamily = await counter(fixture.family);
    expect(byFamily.status).toBe(403);

    const booked = expectStatus(await counter(), 201);
    expect(booked).toMatchObject({ kind: 'counter', onBehalf: true, deadlineOverridden: true });
    expect(booked.outcomes[0]).toMatchObject({ status: 'booked', created: true });
    const bookingId = booked.outcomes[0].bookingId!;
    const [row] = await fixture.rows<Record<string, unknown>>(
      'SELECT requested_by, on_behalf, deadline_overridden FROM bookings WHERE id = $1',
      [bookingId],
    );
    expect(row).toEqual({
      requested_by: fixture.cateringAgent.actor.accountId,
      on_behalf: true,
      deadline_overridden: true,
    });
    const requests = await requestsOf(childId);
    expect(requests.at(-1)).toMatchObject({
      kind: 'counter',
      requestedBy: fixture.cateringAgent.actor.accountId,
      onBehalf: true,
      deadlineOverridden: true,
      outcomes: [expect.objectContaining({ day: '2026-10-08', status: 'booked' })],
    });

    const byOtherService = await api<Problem>(
      fixture.system,
      'DELETE',
      `/agent/bookings/${bookingId}?overrideDeadline=true`,
      { headers: fixture.careAgent.actor.authorization },
    );
    expect(byOtherService.status).toBe(403);
    const cancelled = expectStatus(
      await api<BookingRequestView>(
        fixture.system,
        'DELETE',
        `/agent/bookings/${bookingId}?overrideDeadline=true`,
        { headers: fixture.cateringAgent.actor.authorization },
      ),
      200,
    );
    expect(cancelled.outcomes).toEqual([
      expect.objectContaining({ bookingId, status: 'cancelled', late: false }),
    ]);
    const [after] = await fixture.rows<Record<string, unknown>>(
      'SELECT status, late, cancelled_by FROM bookings WHERE id = $1',
      [bookingId],
    );
    expect(after).toEqual({
      status: 'cancelled',
      late: false,
      cancelled_by: fixture.cateringAgent.actor.accountId,
    });
  }, 60_000);

  it("books meals and care at the child's school's site only", async () => {
    const { system, admin, vichy, family } = fixture;
    const jaures = await aSchool(system, admin, vichy, 'École Jean Jaurès', {
      addressLine1: '1 rue Jean Jaurès',
      postalCode: '03200',
      city: 'Vichy',
    });
    const ferry = await aSchool(system, admin, vichy, 'École Jules Ferry', {
      addressLine1: '2 rue Jules Ferry',
      postalCode: '03200',
      city: 'Vichy',
    });
    const care = await aCateringActivity(fixture, {
      code: 'accueil-matin',
      unit: {
        code: 'matin',
        label: 'Accueil du matin',
        kind: 'morning-care',
        startsAt: '07:30',
        endsAt: '08:30',
        weekdays: MEALS,
        noticePolicy: { booking: { kind: 'calendarDaysBefore', days: 1, at: '18:00' } },
      },
      site: { name: 'Accueil Jean Jaurès', schoolId: jaures.id },
      capacity: 30,
    });
    const withFerry = expectStatus(
      await api<ActivityView>(system, 'POST', `/agent/activities/${care.activity.id}/sites`, {
        headers: fixture.cateringAgent.actor.authorization,
        body: { name: 'Accueil Jules Ferry', schoolId: ferry.id },
      }),
      201,
    );
    const ferrySite = withFerry.sites.find((site) => site.schoolId === ferry.id)!.id;

    const householdId = await aHouseholdOf(system, family);
    const aChildAt = async (schoolId?: string) => {
      const child = expectStatus(
        await api<{ id: string }>(system, 'POST', `/households/${householdId}/children`, {
          headers: family.authorization,
          body: {
            firstName: 'Iris',
            lastName: 'Dumas',
            birthDate: '2017-05-14',
            sex: 'female',
            schoolLevel: 'CM1',
            ...(schoolId ? { schoolId } : {}),
          },
        }),
        201,
      );
      return fixture.aChildWithARight(family, { childId: child.id, activityCode: 'accueil-matin' });
    };
    const pupil = await aChildAt(jaures.id);
    const pattern = (childId: string, site?: string) =>
      api<BookingRequestView>(system, 'POST', `/children/${childId}/recurring-bookings`, {
        headers: family.authorization,
        body: {
          activityId: care.activity.id,
          ...(site ? { siteId: site } : {}),
          units: [{ unitId: care.unitId, weekdays: [1] }],
          from: '2026-09-07',
          until: '2026-09-30',
          dryRun: true,
        },
      });

    const atSchool = expectStatus(await pattern(pupil), 200);
    expect(new Set(atSchool.outcomes.map((o) => o.siteId))).toEqual(new Set([care.siteId]));
    const elsewhere = await pattern(pupil, ferrySite);
    expect(elsewhere.status).toBe(422);
    expect((elsewhere.body as unknown as Problem).code).toBe('SITE_NOT_CHILD_SCHOOL');
    expect((elsewhere.body as unknown as Problem).detail).toBe(
      "Restauration scolaire se réserve à l'école d'Iris : Accueil Jean Jaurès.",
    );
    const single = await api<Problem>(system, 'POST', `/children/${pupil}/bookings`, {
      headers: family.authorization,
      body: { unitId: care.unitId, siteId: ferrySite, day: '2026-09-07' },
    });
    expect(single.status).toBe(422);
    expect(single.body.code).toBe('SITE_NOT_CHILD_SCHOOL');

    const slots = expectStatus(
      await api<Array<{ activityId: string; siteId: string }>>(
        system,
        'GET',
        `/children/${pupil}/slots?month=2026-09`,
        { headers: family.authorization },
      ),
      200,
    );
    const careSlots = slots.filter((slot) => slot.activityId === care.activity.id);
    expect(careSlots.length).toBeGreaterThan(0);
    expect(new Set(careSlots.map((slot) => slot.siteId))).toEqual(new Set([care.siteId]));

    const noSchool = await pattern(await aChildAt());
    expect(noSchool.status).toBe(422);
    expect((noSchool.body as unknown as Problem).code).toBe('CHILD_SCHOOL_UNKNOWN');
    expect((noSchool.body as unknown as Problem).detail).toMatch(/^Aucune école n'est renseignée/);
  }, 60_000);

  it("hides another family's child (404) and answers bad input with French problems (400)", async () => {
    const childId = await fixture.aChildWithARight(fixture.family);
    const foreign = await submit(
      childId,
      { units: [{ unitId, weekdays: MEALS }] },
      fixture.neighbour,
    );
    expect(foreign.status).toBe(404);
    expect((foreign.body as unknown as Problem).code).toBe('BOOKING_CHILD_NOT_FOUND');
    const list = await api<Problem>(
      fixture.system,
      'GET',
      `/children/${childId}/recurring-bookings`,
      { headers: fixture.neighbour.authorization },
    );
    expect(list.status).toBe(404);
    const range = await api<Problem>(
      fixture.system,
      'POST',
      `/children/${childId}/booking-cancellations`,
      {
        headers: fixture.neighbour.authorization,
        body: { activityId: activity.id, from: '2026-10-01', to: '2026-10-31' },
      },
    );
    expect(range.status).toBe(404);
    const unknownPattern = await api<Problem>(
      fixture.system,
      'PUT',
      `/children/${childId}/recurring-bookings/${randomUUID()}`,
      {
        headers: fixture.family.authorization,
        body: { fromDay: '2026-10-01', units: [{ unitId, weekdays: [1] }] },
      },
    );
    expect(unknownPattern.status).toBe(404);
    expect(unknownPattern.body.code).toBe('BOOKING_PATTERN_NOT_FOUND');
    const unknownChild = await api<Problem>(
      fixture.system,
      'POST',
      `/agent/children/${randomUUID()}/bookings`,
      {
        headers: fixture.cateringAgent.actor.authorization,
        body: { unitId, siteId, day: '2026-10-08' },
      },
    );
    expect(unknownChild.status).toBe(404);

    const bad = await submit(childId, {
      units: [{ unitId, weekdays: [0, 9] }],
      everyWeeks: 3,
      until: '2027-02-30',
    });
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
    const problem = bad.body as unknown as Problem;
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect([...new Set(problem.details?.fields?.map((f) => f.field))].sort()).toEqual([
      'everyWeeks',
      'units.0.weekdays',
      'until',
    ]);
    expect(problem.details?.fields?.find((f) => f.field === 'everyWeeks')?.message).toBe(
      'La fréquence est 1 (chaque semaine) ou 2 (une semaine sur deux).',
    );
    const wednesday = await submit(childId, { units: [{ unitId, weekdays: [3] }] });
    expect(wednesday.status).toBe(400);
    expect((wednesday.body as unknown as Problem).details?.fields).toEqual([
      { field: 'units.0.weekdays', message: "Repas du midi n'a pas lieu le mercredi." },
    ]);
    const tooLong = await submit(childId, {
      units: [{ unitId, weekdays: MEALS }],
      until: '2027-09-30',
    });
    expect(tooLong.status).toBe(422);
    expect((tooLong.body as unknown as Problem).code).toBe('NO_BOOKING_RIGHT');
  }, 60_000);
});

import type { BookingView, OccupancyLine, OfferView } from '@portail/contracts';
import { TimedJob } from '@portail/service-kit';
import { BookingsExpiryJob } from '../../services/reservation/src/offers/bookings-expiry.job';
import { api, type Problem } from '../identity/directory-support';
import { expectStatus } from '../support/directory-actors';
import {
  A_MEAL_UNIT,
  SEPTEMBER,
  aCateringActivity,
  aReservationSystem,
  book,
  childrenWithRights,
  type CateringUnit,
  type ReservationFixture,
} from '../support/reservation-fixture';

const PLACES = 20;
const REQUESTS = 500;
/** Monday 12 October 2026, a school day. */
const MONDAY = '2026-10-12';
const HOLD_MINUTES = 60;

describe('reservation: waiting-list offers (unit mode offer) and the expiry job', () => {
  let world: ReservationFixture;
  let meal: CateringUnit;
  let job: BookingsExpiryJob;

  const statusOf = async (id: string) => {
    const [row] = await world.db.query<Array<{ status: string; offer_expires_at: Date | null }>>(
      'SELECT status, offer_expires_at FROM bookings WHERE id = $1',
      [id],
    );
    return row;
  };
  const outbox = (type: string, bookingId: string) =>
    world.db.query<Array<{ payload: Record<string, unknown> }>>(
      `SELECT envelope->'payload' AS payload FROM outbox
        WHERE type = $1 AND aggregate_id = $2 ORDER BY sequence`,
      [type, bookingId],
    );
  const offer = (verb: 'confirm' | 'decline', id: string, actor = world.family) =>
    api<OfferView>(world.system, 'POST', `/bookings/${id}/offer/${verb}`, {
      headers: actor.authorization,
    });
  const occupancy = async () =>
    expectStatus(
      await api<OccupancyLine[]>(
        world.system,
        'GET',
        `/agent/activities/${meal.activity.id}/occupancy?from=${MONDAY}&to=${MONDAY}`,
        { headers: world.cateringAgent.actor.authorization },
      ),
      200,
    )[0];

  /** The day's counter: places taken, a held (offered) place included. */
  const placesTaken = async () => {
    const [row] = await world.db.query<Array<{ booked: number; capacity: number }>>(
      'SELECT booked, capacity FROM slot_counters WHERE unit_id = $1 AND site_id = $2 AND day = $3',
      [meal.unitId, meal.siteId, MONDAY],
    );
    return row;
  };

  let booked: BookingView[];
  /** Waitlisted booking ids in request order (seq). */
  let waiting: string[];

  beforeAll(async () => {
    world = await aReservationSystem({ RESERVATION_JOBS_ENABLED: 'false' });
    meal = await aCateringActivity(world, {
      unit: { ...A_MEAL_UNIT, waitingListMode: 'offer', offerHoldMinutes: HOLD_MINUTES },
      capacity: PLACES,
    });
    job = world.system.service('reservation').app.get(BookingsExpiryJob);
  }, 180_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await world?.system.close();
  });

  it('declares the mode and hold time with the unit, and bounds the hold time', async () => {
    expect(meal.activity.units[0]).toMatchObject({
      waitingListMode: 'offer',
      offerHoldMinutes: HOLD_MINUTES,
    });
    const tooLong = await api<Problem>(
      world.system,
      'POST',
      `/agent/activities/${meal.activity.id}/units`,
      {
        headers: world.cateringAgent.actor.authorization,
        body: {
          code: 'gouter',
          label: 'Goûter',
          kind: 'evening-care',
          startsAt: '16:30',
          endsAt: '18:00',
          weekdays: [1],
          noticePolicy: { booking: { kind: 'workingDaysBefore', days: 2, at: '10:00' } },
          waitingListMode: 'offer',
          offerHoldMinutes: 8 * 24 * 60,
        },
      },
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details?.fields).toEqual([
      { field: 'offerHoldMinutes', message: 'La durée de la proposition est de 7 jours au plus.' },
    ]);
  });

  it(`books ${PLACES} of ${REQUESTS} concurrent requests and waitlists the rest in request order`, async () => {
    const children = await childrenWithRights(world, world.family, REQUESTS);
    const responses = await Promise.all(
      children.map((childId) => book(world, world.family, meal, childId, MONDAY)),
    );
    const bookings = responses.map((response) => expectStatus(response, 201));
    booked = bookings.filter((b) => b.status === 'booked');
    expect(booked).toHaveLength(PLACES);
    expect(bookings.filter((b) => b.status === 'waitlisted')).toHaveLength(REQUESTS - PLACES);
    const rows = await world.db.query<Array<{ id: string }>>(
      `SELECT id FROM bookings WHERE unit_id = $1 AND day = $2 AND status = 'waitlisted'
        ORDER BY seq`,
      [meal.unitId, MONDAY],
    );
    waiting = rows.map((row) => row.id);
    expect(waiting).toHaveLength(REQUESTS - PLACES);
    expect(await occupancy()).toMatchObject({ booked: PLACES, waiting: REQUESTS - PLACES });
  }, 240_000);

  it('offers a cancelled place to the first of the waiting list, held for the hold time', async () => {
    expectStatus(
      await api<BookingView>(world.system, 'DELETE', `/bookings/${booked[0].id}`, {
        headers: world.family.authorization,
      }),
      200,
    );
    const first = await statusOf(waiting[0]);
    expect(first.status).toBe('offered');
    expect(new Date(first.offer_expires_at!).toISOString()).toBe(
      new Date(SEPTEMBER.getTime() + HOLD_MINUTES * 60_000).toISOString(),
    );
    expect((await statusOf(waiting[1])).status).toBe('waitlisted');
    // The held place counts: nobody else can take it.
    expect(await placesTaken()).toEqual({ booked: PLACES, capacity: PLACES });
    // The agent sees the held place as offered, not free and not booked.
    expect(await occupancy()).toMatchObject({
      booked: PLACES - 1,
      offered: 1,
      waiting: REQUESTS - PLACES - 1,
    });
    const [offered] = await outbox('reservation.booking.offered', waiting[0]);
    expect(offered.payload).toMatchObject({
      bookingId: waiting[0],
      day: MONDAY,
      offerExpiresAt: first.offer_expires_at && new Date(first.offer_expires_at).toISOString(),
    });

    const read = expectStatus(
      await api<OfferView>(world.system, 'GET', `/bookings/${waiting[0]}/offer`, {
        headers: world.family.authorization,
      }),
      200,
    );
    expect(read).toMatchObject({
      status: 'offered',
      offerExpiresAt: offered.payload.offerExpiresAt,
    });
  });

  it("hides another household's offer (404) and refuses to confirm a booking not offered (409)", async () => {
    const byNeighbour = await offer('confirm', waiting[0], world.neighbour);
    expect(byNeighbour.status).toBe(404);
    expect((byNeighbour.body as unknown as Problem).code).toBe('BOOKING_NOT_FOUND');
    const notOffered = await offer('confirm', waiting[1]);
    expect(notOffered.status).toBe(409);
    expect(notOffered.contentType).toContain('application/problem+json');
    expect((notOffered.body as unknown as Problem).code).toBe('BOOKING_NOT_OFFERED');
    const badId = await offer('confirm', 'not-a-uuid');
    expect(badId.status).toBe(400);
  });

  it('books the child when the family confirms the offer in time', async () => {
    world.at(new Date(SEPTEMBER.getTime() + 30 * 60_000));
    try {
      const confirmed = expectStatus(await offer('confirm', waiting[0]), 200);
      expect(confirmed).toMatchObject({ status: 'booked', offerExpiresAt: null });
      expect(await outbox('reservation.booking.promoted', waiting[0])).toHaveLength(1);
      expect(await occupancy()).toMatchObject({ booked: PLACES, offered: 0 });
      const again = await offer('confirm', waiting[0]);
      expect(again.status).toBe(409);
    } finally {
      world.at(SEPTEMBER);
    }
  });

  it('passes an expired offer to the next child: two job instances at once do the work once', async () => {
    expectStatus(
      await api(world.system, 'DELETE', `/bookings/${booked[1].id}`, {
        headers: world.family.authorization,
      }),
      200,
    );
    expect((await statusOf(waiting[1])).status).toBe('offered');

    // Not yet expired: the job has nothing to do.
    world.at(new Date(SEPTEMBER.getTime() + (HOLD_MINUTES - 1) * 60_000));
    expect(await job.runOnce()).toMatchObject({ ran: true, handled: 0 });
    expect((await statusOf(waiting[1])).status).toBe('offered');

    const expiry = new Date(SEPTEMBER.getTime() + (HOLD_MINUTES + 1) * 60_000);
    world.at(expiry);
    // A second replica's job: same name, same database, its own lock connection.
    const other = new TimedJob(job.job.definition, {
      dataSource: world.db,
      clock: world.clock,
    });
    const runs = await Promise.all([job.runOnce(), other.runOnce()]);
    const handled = runs.reduce((sum, run) => sum + ('handled' in run ? run.handled : 0), 0);
    expect(handled).toBe(1);
    expect(runs.some((run) => run.ran)).toBe(true);

    expect(await statusOf(waiting[1])).toMatchObject({ status: 'cancelled' });
    const [lapsed] = await outbox('reservation.booking.offer-lapsed', waiting[1]);
    expect(lapsed.payload).toMatchObject({ bookingId: waiting[1], outcome: 'expired' });
    expect(await outbox('reservation.booking.offer-lapsed', waiting[1])).toHaveLength(1);
    const next = await statusOf(waiting[2]);
    expect(next.status).toBe('offered');
    expect(new Date(next.offer_expires_at!).getTime()).toBe(
      expiry.getTime() + HOLD_MINUTES * 60_000,
    );
    expect(await outbox('reservation.booking.offered', waiting[2])).toHaveLength(1);
    expect(await placesTaken()).toEqual({ booked: PLACES, capacity: PLACES });

    const late = await offer('confirm', waiting[1]);
    expect(late.status).toBe(409);
    expect((late.body as unknown as Problem).code).toBe('BOOKING_NOT_OFFERED');
  });

  it('refuses a confirmation after the expiry with a clear message, and passes the place on', async () => {
    const offeredAt = new Date(
      (await statusOf(waiting[2])).offer_expires_at!.valueOf() - HOLD_MINUTES * 60_000,
    );
    world.at(new Date(offeredAt.getTime() + (HOLD_MINUTES + 5) * 60_000));
    const late = await offer('confirm', waiting[2]);
    expect(late.status).toBe(409);
    const problem = late.body as unknown as Problem;
    expect(problem.code).toBe('OFFER_EXPIRED');
    expect(problem.detail).toBe(
      "La place proposée n'a pas été confirmée à temps : elle a été proposée à l'enfant suivant de la liste d'attente.",
    );
    expect((await statusOf(waiting[2])).status).toBe('cancelled');
    expect((await statusOf(waiting[3])).status).toBe('offered');
    const [lapsed] = await outbox('reservation.booking.offer-lapsed', waiting[2]);
    expect(lapsed.payload).toMatchObject({ outcome: 'expired' });
  });

  it('passes a declined offer to the next child, and cancelling an offer declines it', async () => {
    const declined = expectStatus(await offer('decline', waiting[3]), 200);
    expect(declined.status).toBe('cancelled');
    const [lapsed] = await outbox('reservation.booking.offer-lapsed', waiting[3]);
    expect(lapsed.payload).toMatchObject({ bookingId: waiting[3], outcome: 'declined' });
    expect((await statusOf(waiting[4])).status).toBe('offered');

    const cancelled = expectStatus(
      await api<BookingView>(world.system, 'DELETE', `/bookings/${waiting[4]}`, {
        headers: world.family.authorization,
      }),
      200,
    );
    expect(cancelled.status).toBe('cancelled');
    const [viaCancel] = await outbox('reservation.booking.offer-lapsed', waiting[4]);
    expect(viaCancel.payload).toMatchObject({ outcome: 'declined' });
    expect((await statusOf(waiting[5])).status).toBe('offered');
    expect(await placesTaken()).toEqual({ booked: PLACES, capacity: PLACES });
  });

  it('expires the bookings still waiting once their day has passed, and shows the job in /metrics', async () => {
    world.at('2026-10-13T06:00:00Z');
    const run = await job.runOnce();
    expect(run).toMatchObject({ ran: true });
    const [{ n }] = await world.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM bookings
        WHERE unit_id = $1 AND day = $2 AND status IN ('waitlisted', 'pending')`,
      [meal.unitId, MONDAY],
    );
    expect(n).toBe(0);
    expect((await statusOf(waiting[10])).status).toBe('expired');
    // The last offer lapsed after the unit started: too late to offer the place again.
    expect((await statusOf(waiting[5])).status).toBe('cancelled');
    expect((await statusOf(waiting[6])).status).toBe('expired');

    const metrics = await fetch(`${world.system.service('reservation').httpUrl}/metrics`);
    const text = await metrics.text();
    expect(text).toMatch(
      /portail_timed_job_last_success_seconds\{job="reservation.bookings-expiry",service="reservation"\} \d+/,
    );
    expect(text).toContain(
      `portail_timed_job_last_run_seconds{job="reservation.bookings-expiry",service="reservation"} ${
        new Date('2026-10-13T06:00:00Z').getTime() / 1000
      }`,
    );
    expect(text).toMatch(/portail_timed_job_failures\{job="reservation.bookings-expiry"[^}]*\} 0/);
  });
});

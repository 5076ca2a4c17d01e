import ICAL from 'ical.js';
import { Clock } from '@portail/service-kit';
import type { CalendarFeedLink } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { startSystemWithFakeEnrolment } from '../support/fake-enrolment';
import {
  anAgent,
  anOrganisation,
  expectStatus,
  type Organisation,
} from '../support/directory-actors';
import { aFamily, anAdmin, type Actor } from '../support/identity-actors';
import { api, type Problem } from '../identity/directory-support';
import {
  aBookableActivity,
  aChildWithARight,
  book,
  type BookableActivity,
} from './reservation-fixture';

const SEPTEMBER = new Date('2026-09-20T08:00:00Z');
/** Thursday 25 March 2027 (CET, UTC+1) and Tuesday 30 March 2027 (CEST, UTC+2; Monday is Easter Monday): DST in between. */
const BEFORE_DST = '2027-03-25';
const AFTER_DST = '2027-03-30';
const OCTOBER = '2026-10-08';
const FULL_DAY = '2026-10-09';

interface FeedEvent {
  uid: string;
  summary: string;
  location: string;
  start: string;
  end: string;
  startTzid: string | undefined;
}

/** The events of an ICS text, read back by ical.js with the feed's own VTIMEZONE. */
function eventsOf(ics: string): FeedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(zone);
  }
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const tzid = component.getFirstProperty('dtstart')?.getParameter('tzid');
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      startTzid: typeof tzid === 'string' ? tzid : undefined,
    };
  });
}

describe("a child's calendar feed at a secret, revocable URL", () => {
  let system: TestSystem;
  let vichy: Organisation;
  let family: Actor;
  let neighbour: Actor;
  let place: BookableActivity;
  let childId: string;
  let clock: Clock;
  const bookingIds: string[] = [];

  const at = (instant: Date | string) =>
    jest.spyOn(clock, 'now').mockReturnValue(new Date(instant));

  async function createFeed(actor: Actor, child: string) {
    return api<CalendarFeedLink | Problem>(system, 'POST', `/children/${child}/calendar-feed`, {
      headers: actor.authorization,
    });
  }

  async function readFeed(path: string): Promise<{ status: number; type: string; text: string }> {
    const response = await fetch(`${system.gatewayUrl}${path}`);
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
  }

  beforeAll(async () => {
    system = await startSystemWithFakeEnrolment(['identity', 'reservation'], {
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    clock = system.service('reservation').app.get(Clock);
    at(SEPTEMBER);
    const admin = await anAdmin(system);
    vichy = await anOrganisation(system, admin, 'Vichy', ['school-catering']);
    const agent = await anAgent(system, admin, vichy, ['school-catering']);
    family = await aFamily(system);
    neighbour = await aFamily(system);
    place = await aBookableActivity(
      system,
      agent.actor,
      vichy,
      { kind: 'meal', label: 'Repas', startsAt: '11:30', endsAt: '13:30', weekdays: [1, 2, 4, 5] },
      1,
    );
    childId = await aChildWithARight(system, family, vichy, 'Iris');
    for (const day of [OCTOBER, BEFORE_DST, AFTER_DST]) {
      bookingIds.push((await book(system, family, childId, place, day)).id);
    }
    // The neighbour's child takes the one place of FULL_DAY: Iris waits.
    const other = await aChildWithARight(system, neighbour, vichy, 'Léo');
    expect((await book(system, neighbour, other, place, FULL_DAY)).status).toBe('booked');
    const waiting = await book(system, family, childId, place, FULL_DAY);
    expect(waiting.status).toBe('waitlisted');
    bookingIds.push(waiting.id);
  }, 180_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await system?.close();
  });

  it('serves the booked days as events in Europe/Paris, right across the DST change', async () => {
    const feed = expectStatus(await createFeed(family, childId), 201) as CalendarFeedLink;
    expect(feed.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(feed.url).toBe(`${system.gatewayUrl}/api/v1/calendar-feeds/${feed.token}.ics`);

    const answer = await readFeed(feed.path);
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^text\/calendar/);
    expect(answer.text).toContain('BEGIN:VTIMEZONE');
    const events = eventsOf(answer.text);
    expect(events.map((event) => event.uid).sort()).toEqual(
      bookingIds.map((id) => `${id}@reservation.portail-famille`).sort(),
    );
    const byDay = (day: string) => events.find((event) => event.start.startsWith(day))!;
    // 11:30 Paris is 10:30 UTC in winter, 09:30 UTC in summer.
    expect(byDay(BEFORE_DST)).toMatchObject({
      start: `${BEFORE_DST}T10:30:00.000Z`,
      end: `${BEFORE_DST}T12:30:00.000Z`,
      startTzid: 'Europe/Paris',
      summary: 'Restauration scolaire — Repas',
      location: 'École Jules Ferry',
    });
    expect(byDay(AFTER_DST)).toMatchObject({
      start: `${AFTER_DST}T09:30:00.000Z`,
      end: `${AFTER_DST}T11:30:00.000Z`,
      startTzid: 'Europe/Paris',
    });
    expect(byDay(OCTOBER).start).toBe(`${OCTOBER}T09:30:00.000Z`);
    expect(byDay(FULL_DAY).summary).toBe("Restauration scolaire — Repas (liste d'attente)");

    // The same booking keeps its UID from one read to the next: calendars update, not duplicate.
    expect(
      eventsOf((await readFeed(feed.path)).text)
        .map((event) => event.uid)
        .sort(),
    ).toEqual(events.map((event) => event.uid).sort());
  });

  it('goes back 31 days only', async () => {
    const feed = expectStatus(await createFeed(family, childId), 201) as CalendarFeedLink;
    at('2026-11-20T08:00:00Z');
    try {
      const days = eventsOf((await readFeed(feed.path)).text).map((event) => event.start);
      expect(days.some((start) => start.startsWith(OCTOBER))).toBe(false);
      expect(days.some((start) => start.startsWith(AFTER_DST))).toBe(true);
    } finally {
      at(SEPTEMBER);
    }
  });

  it('rotation invalidates the old URL; revocation answers 404 problem+json', async () => {
    const first = expectStatus(await createFeed(family, childId), 201) as CalendarFeedLink;
    const second = expectStatus(await createFeed(family, childId), 201) as CalendarFeedLink;
    expect(second.token).not.toBe(first.token);
    const old = await readFeed(first.path);
    expect(old.status).toBe(404);
    expect(old.type).toContain('application/problem+json');
    expect((JSON.parse(old.text) as Problem).code).toBe('CALENDAR_FEED_NOT_FOUND');
    expect((await readFeed(second.path)).status).toBe(200);

    const revoked = await api(system, 'DELETE', `/children/${childId}/calendar-feed`, {
      headers: family.authorization,
    });
    expect(revoked.status).toBe(204);
    const gone = await readFeed(second.path);
    expect(gone.status).toBe(404);
    expect((JSON.parse(gone.text) as Problem).detail).toMatch(/^Cet agenda n'existe pas/);
    // A well-formed token never issued is just as unknown; a malformed one is a bad request.
    expect((await readFeed(`/api/v1/calendar-feeds/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await readFeed('/api/v1/calendar-feeds/abc.ics')).status).toBe(400);
  });

  it("refuses another family's child with 404, on creation and revocation", async () => {
    const created = await createFeed(neighbour, childId);
    expect(created.status).toBe(404);
    expect((created.body as Problem).code).toBe('BOOKING_CHILD_NOT_FOUND');
    const revoked = await api<Problem>(system, 'DELETE', `/children/${childId}/calendar-feed`, {
      headers: neighbour.authorization,
    });
    expect(revoked.status).toBe(404);
  });

  it('keeps the token out of every log line', async () => {
    const feed = expectStatus(await createFeed(family, childId), 201) as CalendarFeedLink;
    const correlationId = `feed-${Date.now()}`;
    const response = await fetch(`${system.gatewayUrl}${feed.path}`, {
      headers: { 'x-request-id': correlationId },
    });
    expect(response.status).toBe(200);
    await response.text();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = system.logs.withCorrelationId(correlationId);
    expect(lines.some((line) => line.url === '/api/v1/calendar-feeds/[redacted]')).toBe(true);
    expect(JSON.stringify(system.logs.lines)).not.toContain(feed.token);
  });
});

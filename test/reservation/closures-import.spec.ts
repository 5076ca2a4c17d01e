import { Clock } from '@portail/service-kit';
import type { ActivityView, ClosuresImportView } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { startSystemWithFakeEnrolment } from '../support/fake-enrolment';
import {
  anAgent,
  anOrganisation,
  expectStatus,
  type Agent,
  type Organisation,
} from '../support/directory-actors';
import { aFamily, anAdmin, type Actor } from '../support/identity-actors';
import { api, type JsonResponse, type Problem } from '../identity/directory-support';
import { aBookableActivity, aChildWithARight, type BookableActivity } from './reservation-fixture';

const NOW = new Date('2026-10-01T08:00:00Z');

/** A school's calendar export: a strike, a two-day trip, a cancelled event, a past one. */
const SCHOOL_ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//École Jules Ferry//FR',
  'BEGIN:VEVENT',
  'UID:greve-2026-11-05@ecole',
  'DTSTAMP:20260901T000000Z',
  'DTSTART;VALUE=DATE:20261105',
  'DTEND;VALUE=DATE:20261106',
  'SUMMARY:Grève',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:sortie-2026-11@ecole',
  'DTSTAMP:20260901T000000Z',
  'DTSTART;VALUE=DATE:20261112',
  'DTEND;VALUE=DATE:20261114',
  'SUMMARY:Classe découverte',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:travaux@ecole',
  'DTSTAMP:20260901T000000Z',
  'DTSTART;VALUE=DATE:20261119',
  'DTEND;VALUE=DATE:20261120',
  'SUMMARY:Travaux',
  'STATUS:CANCELLED',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:rentree@ecole',
  'DTSTAMP:20260901T000000Z',
  'DTSTART;VALUE=DATE:20260910',
  'DTEND;VALUE=DATE:20260911',
  'SUMMARY:Journée pédagogique',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('closures imported from an ICS file by the agents of the activity', () => {
  let system: TestSystem;
  let vichy: Organisation;
  let agent: Agent;
  let careAgent: Agent;
  let family: Actor;
  let place: BookableActivity;

  async function upload(
    actor: Actor,
    body: string | Buffer,
    options: { query?: string; contentType?: string } = {},
  ): Promise<JsonResponse<ClosuresImportView & Problem>> {
    const response = await fetch(
      `${system.gatewayUrl}/api/v1/agent/activities/${place.activity.id}/closures/import${options.query ?? ''}`,
      {
        method: 'POST',
        headers: {
          ...actor.authorization,
          'content-type': options.contentType ?? 'text/calendar',
        },
        body,
      },
    );
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: (text ? JSON.parse(text) : {}) as ClosuresImportView & Problem,
    };
  }

  async function closures(): Promise<ActivityView['closures']> {
    return expectStatus(
      await api<ActivityView>(system, 'GET', `/activities/${place.activity.id}`, {
        headers: family.authorization,
      }),
      200,
    ).closures;
  }

  beforeAll(async () => {
    system = await startSystemWithFakeEnrolment(['identity', 'reservation'], {
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    jest.spyOn(system.service('reservation').app.get(Clock), 'now').mockReturnValue(NOW);
    const admin = await anAdmin(system);
    vichy = await anOrganisation(system, admin, 'Vichy', ['school-catering', 'out-of-school-care']);
    agent = await anAgent(system, admin, vichy, ['school-catering']);
    careAgent = await anAgent(system, admin, vichy, ['out-of-school-care'], 'Claude');
    family = await aFamily(system);
    place = await aBookableActivity(
      system,
      agent.actor,
      vichy,
      { kind: 'meal', label: 'Repas', startsAt: '11:30', endsAt: '13:30', weekdays: [1, 2, 4, 5] },
      10,
    );
  }, 180_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await system?.close();
  });

  it('a dry run lists what would be created and skipped, in French, and creates nothing', async () => {
    const dryRun = await upload(agent.actor, SCHOOL_ICS, { query: '?dryRun=true' });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.dryRun).toBe(true);
    expect(dryRun.body.created).toEqual([
      {
        id: null,
        uid: 'greve-2026-11-05@ecole',
        firstDay: '2026-11-05',
        lastDay: '2026-11-05',
        label: 'Grève',
      },
      {
        id: null,
        uid: 'sortie-2026-11@ecole',
        firstDay: '2026-11-12',
        lastDay: '2026-11-13',
        label: 'Classe découverte',
      },
    ]);
    expect(dryRun.body.skipped.map(({ uid, reason }) => ({ uid, reason }))).toEqual([
      { uid: 'travaux@ecole', reason: 'Événement annulé (STATUS:CANCELLED).' },
      { uid: 'rentree@ecole', reason: 'Fermeture déjà passée.' },
    ]);
    expect(await closures()).toEqual([]);
  });

  it('imports the closures once: the same file again creates nothing twice', async () => {
    const first = await upload(agent.actor, SCHOOL_ICS);
    expect(first.status).toBe(201);
    expect(first.body.created.map((closure) => closure.uid)).toEqual([
      'greve-2026-11-05@ecole',
      'sortie-2026-11@ecole',
    ]);
    expect(first.body.created.every((closure) => typeof closure.id === 'string')).toBe(true);

    const again = await upload(agent.actor, SCHOOL_ICS);
    expect(again.status).toBe(201);
    expect(again.body.created).toEqual([]);
    expect(
      again.body.skipped.filter((event) => event.reason === 'Déjà importée.').map((e) => e.uid),
    ).toEqual(['greve-2026-11-05@ecole', 'sortie-2026-11@ecole']);

    const stored = await closures();
    expect(stored.map(({ firstDay, lastDay, label }) => ({ firstDay, lastDay, label }))).toEqual([
      { firstDay: '2026-11-05', lastDay: '2026-11-05', label: 'Grève' },
      { firstDay: '2026-11-12', lastDay: '2026-11-13', label: 'Classe découverte' },
    ]);

    // An imported closure closes the day to bookings like one added by hand.
    const childId = await aChildWithARight(system, family, vichy);
    const closed = await api<Problem>(system, 'POST', `/children/${childId}/bookings`, {
      headers: family.authorization,
      body: { unitId: place.unitId, siteId: place.siteId, day: '2026-11-05' },
    });
    expect(closed.status).toBe(422);
    expect(closed.body.code).toBe('SLOT_CLOSED');
  });

  it('imports for one site apart from the whole activity', async () => {
    const forSite = await upload(agent.actor, SCHOOL_ICS, {
      query: `?siteId=${place.siteId}&dryRun=true`,
    });
    expect(forSite.status).toBe(200);
    expect(forSite.body.siteId).toBe(place.siteId);
    expect(forSite.body.created).toHaveLength(2);
  });

  it('refuses a bad file: 400 unreadable, 415 not text/calendar, 413 over 1 MiB, in French', async () => {
    const unreadable = await upload(agent.actor, 'bonjour');
    expect(unreadable.status).toBe(400);
    expect(unreadable.contentType).toContain('application/problem+json');
    expect(unreadable.body.code).toBe('ICS_FILE_INVALID');
    expect(unreadable.body.detail).toMatch(/^Le fichier iCalendar ne peut pas être importé : /);

    const asJson = await upload(agent.actor, JSON.stringify({ ics: SCHOOL_ICS }), {
      contentType: 'application/json',
    });
    expect(asJson.status).toBe(415);
    expect(asJson.body.code).toBe('ICS_FILE_TYPE_NOT_ALLOWED');
    expect(asJson.body.detail).toContain('text/calendar');
    const asPdf = await upload(agent.actor, Buffer.from('%PDF-1.7'), {
      contentType: 'application/pdf',
    });
    expect(asPdf.status).toBe(415);
    expect(asPdf.body.code).toBe('ICS_FILE_TYPE_NOT_ALLOWED');

    const huge = await upload(agent.actor, Buffer.alloc(1024 * 1024 + 1, 0x41));
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('ICS_FILE_TOO_LARGE');
    expect(huge.body.detail).toBe(
      'Le fichier dépasse la taille maximale de 1 Mio (1048576 octets).',
    );

    const badQuery = await upload(agent.actor, SCHOOL_ICS, { query: '?dryRun=peut-etre' });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.code).toBe('VALIDATION_FAILED');
  });

  it('refuses an agent of another service (403), a family (403) and no token (401)', async () => {
    const other = await upload(careAgent.actor, SCHOOL_ICS, { query: '?dryRun=true' });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('ACTIVITY_OUT_OF_SCOPE');
    const byFamily = await upload(family, SCHOOL_ICS, { query: '?dryRun=true' });
    expect(byFamily.status).toBe(403);
    const anonymous = await fetch(
      `${system.gatewayUrl}/api/v1/agent/activities/${place.activity.id}/closures/import`,
      { method: 'POST', headers: { 'content-type': 'text/calendar' }, body: SCHOOL_ICS },
    );
    expect(anonymous.status).toBe(401);
  });
});

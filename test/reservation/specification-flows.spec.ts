import { Clock } from '@portail/service-kit';
import type { ActivityView, ApplicationView, ProcedureView } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { anAdmin, type Actor } from '../support/identity-actors';
import { startSystem } from '../support/services';
import { api } from '../identity/directory-support';
import { SmtpCatcher, type CaughtMail } from '../notification/smtp-catcher';
import {
  aFamilyWithChildren,
  anAgent,
  anOrganisation,
  aProcedure,
  aSchool,
  eventually,
  expectStatus,
  serviceOf,
  startDraft,
  submit,
  type Agent,
  type Family,
  type Organisation,
} from '../enrolment/enrolment-support';
import { A_MEAL_UNIT } from '../support/reservation-fixture';

const PORTAL_URL = 'https://portail.vichy-communaute.test';
/** Monday 7 December 2026, 9:00 in Paris: the service's clock for the whole flow. */
const MONDAY = new Date('2026-12-07T08:00:00Z');

interface Outcome {
  day: string;
  status: 'booked' | 'waitlisted' | 'pending' | 'refused' | 'cancelled';
  reason: string | null;
}

interface RequestAnswer {
  outcomes: Outcome[];
}

interface BookingLine {
  id: string;
  day: string;
  status: string;
  late: boolean;
}

/**
 * Flows 2 and 3 of the architecture, through the gateway with the real identity, enrolment,
 * reservation and notification services: school catering (an agent validates, then the family
 * books its meals for weeks within the notice period, and withdrawing ends the bookings to come)
 * and morning care (accepted at once, booked at once, on the agent's daily list).
 */
describe('reservation: the specification flows, end to end through the gateway', () => {
  let system: TestSystem;
  let smtp: SmtpCatcher;
  let admin: Actor;
  let vichy: Organisation;
  let cateringAgent: Agent;
  let careAgent: Agent;
  let school: { id: string; name: string };
  let family: Family;
  let lea: { id: string; firstName: string };

  function mailTo(address: string, matches: (mail: CaughtMail) => boolean, what: string) {
    return eventually(() => smtp.sentTo(address).find(matches), what);
  }

  /** An activity of `agent`'s service with one unit at the school. */
  async function anActivity(
    agent: Agent,
    service: string,
    activity: { code: string; name: string },
    unit: Record<string, unknown>,
  ): Promise<ActivityView> {
    let view = expectStatus(
      await api<ActivityView>(system, 'POST', '/agent/activities', {
        headers: agent.actor.authorization,
        body: { municipalServiceId: serviceOf(vichy, service), ...activity },
      }),
      201,
    );
    view = expectStatus(
      await api<ActivityView>(system, 'POST', `/agent/activities/${view.id}/units`, {
        headers: agent.actor.authorization,
        body: unit,
      }),
      201,
    );
    view = expectStatus(
      await api<ActivityView>(system, 'POST', `/agent/activities/${view.id}/sites`, {
        headers: agent.actor.authorization,
        body: { name: school.name, schoolId: school.id },
      }),
      201,
    );
    expectStatus(
      await api(system, 'PUT', `/agent/activities/${view.id}/capacities`, {
        headers: agent.actor.authorization,
        body: { unitId: view.units[0].id, siteId: view.sites[0].id, capacity: 30 },
      }),
      200,
    );
    return view;
  }

  async function rightOpened(childId: string): Promise<void> {
    await eventually(
      async () =>
        (
          await api(system, 'GET', `/children/${childId}/slots?month=2026-12`, {
            headers: family.actor.authorization,
          })
        ).status === 200 || undefined,
      'the booking right',
    );
  }

  async function myBookings(): Promise<BookingLine[]> {
    return expectStatus(
      await api<BookingLine[]>(system, 'GET', '/me/bookings', {
        headers: family.actor.authorization,
      }),
      200,
    );
  }

  beforeAll(async () => {
    smtp = new SmtpCatcher();
    const port = await smtp.listen();
    system = await startSystem(
      ['identity', 'enrolment', 'reservation', 'billing', 'notification'],
      {
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        PORTAL_URL,
        MAIL_POLL_INTERVAL_MS: '50',
        RATE_LIMIT_PER_MINUTE: '100000',
      },
    );
    jest.spyOn(system.service('reservation').app.get(Clock), 'now').mockReturnValue(MONDAY);
    admin = await anAdmin(system);
    vichy = await anOrganisation(system, admin, 'Vichy', ['school-catering', 'out-of-school-care']);
    cateringAgent = await anAgent(system, admin, vichy, ['school-catering']);
    careAgent = await anAgent(system, admin, vichy, ['out-of-school-care']);
    school = await aSchool(system, admin, vichy, 'École élémentaire Jules Ferry', {
      addressLine1: '2 rue Jules Ferry',
      postalCode: '03200',
      city: 'Vichy',
    });
    // A Vichy household (its commune is the organisation): resident tariffs.
    family = await aFamilyWithChildren(
      system,
      [{ firstName: 'Léa', birthDate: '2018-03-12', schoolLevel: 'CE2' }],
      { organisationId: vichy.id },
    );
    const child = family.household.children[0];
    expectStatus(
      await api(system, 'PUT', `/households/${family.household.id}/children/${child.id}`, {
        headers: family.actor.authorization,
        body: {
          firstName: child.firstName,
          lastName: child.lastName,
          birthDate: child.birthDate,
          sex: 'female',
          schoolLevel: 'CE2',
          schoolId: school.id,
          health: { allergies: ['arachide'], pai: true },
          authorisations: {
            authorisedPickups: [
              { name: 'Marc Durand', relationship: 'grand-père', phone: '06 11 22 33 44' },
            ],
          },
        },
      }),
      200,
    );
    lea = { id: child.id, firstName: child.firstName };
  }, 180_000);

  afterAll(async () => {
    await system?.close();
    await smtp?.close();
  });

  it('flow 2, school catering: validation by the service, then recurring meals within the notice period, ended by a withdrawal', async () => {
    const catering = await anActivity(
      cateringAgent,
      'school-catering',
      { code: 'restauration-scolaire', name: 'Restauration scolaire' },
      A_MEAL_UNIT,
    );
    const procedure: ProcedureView = await aProcedure(system, cateringAgent, {
      municipalServiceId: serviceOf(vichy, 'school-catering'),
      title: 'Inscription à la restauration scolaire',
      validationMode: 'manual',
      grant: {
        kind: 'activity-booking',
        activityCode: 'restauration-scolaire',
        activityName: 'Restauration scolaire',
      },
    });
    const draft = expectStatus(
      await startDraft(system, family, { procedureId: procedure.id, childId: lea.id, answers: {} }),
      201,
    );
    expect(expectStatus(await submit(system, family.actor, draft.id), 200).status).toBe(
      'submitted',
    );
    // No right before the service decides.
    const early = await api(system, 'POST', `/children/${lea.id}/bookings`, {
      headers: family.actor.authorization,
      body: { unitId: catering.units[0].id, siteId: catering.sites[0].id, day: '2026-12-10' },
    });
    expect(early.status).toBe(404);

    const accepted = expectStatus(
      await api<ApplicationView>(system, 'POST', `/agent/applications/${draft.id}/decision`, {
        headers: cateringAgent.actor.authorization,
        body: { decision: 'accept', message: 'Bienvenue au restaurant scolaire.' },
      }),
      200,
    );
    expect(accepted).toMatchObject({ status: 'accepted', nextAction: 'book' });
    const acceptance = await mailTo(
      family.actor.email,
      (mail) => mail.text.includes(`/reservations/enfants/${lea.id}`),
      'the acceptance e-mail with its booking link',
    );
    expect(acceptance.text).toContain('Bienvenue au restaurant scolaire.');
    await rightOpened(lea.id);

    // Billing's tariff shows beside each slot: no quotient known, so the highest bracket.
    expectStatus(
      await api(system, 'POST', '/agent/regies', {
        headers: admin.authorization,
        body: {
          name: 'Affaires Scolaires de Vichy',
          organisationId: vichy.id,
          municipalServiceIds: [serviceOf(vichy, 'school-catering')],
          treasuryAddress: ['CDFIP de CUSSET - Trésorerie de Vichy', '8 rue du bief'],
          payfipCollectivityNumber: '000070',
          debtReferenceFormat: '{year}-CA-00-{number}',
          dueDateRule: { kind: 'day-of-next-month', day: 10 },
        },
      }),
      201,
    );
    const regies = expectStatus(
      await api<Array<{ id: string }>>(system, 'GET', '/agent/regies', {
        headers: admin.authorization,
      }),
      200,
    );
    expectStatus(
      await api(system, 'POST', `/agent/regies/${regies[0].id}/tariffs`, {
        headers: admin.authorization,
        body: {
          activityCode: 'restauration-scolaire',
          unitCode: 'repas',
          label: 'Restauration scolaire - École élémentaire Jules Ferry',
          validFrom: '2026-09-01',
          validUntil: '2027-08-31',
          brackets: [
            { upToQuotient: 500, residentCents: 105, nonResidentCents: 210 },
            { upToQuotient: null, residentCents: 320, nonResidentCents: 455 },
          ],
          siblingReductionPercents: [],
          lateCancellationPercent: 100,
          unjustifiedAbsencePercent: 100,
          unexpectedPresencePercent: 150,
        },
      }),
      201,
    );
    const priced = await eventually(async () => {
      const month = await api<Array<{ day: string; state: string; priceCents: number | null }>>(
        system,
        'GET',
        `/children/${lea.id}/slots?month=2026-12`,
        { headers: family.actor.authorization },
      );
      const thursday = month.body.find((slot) => slot.day === '2026-12-10');
      return thursday?.priceCents != null ? month.body : undefined;
    }, 'the slots priced by billing');
    expect(priced.find((slot) => slot.day === '2026-12-10')?.priceCents).toBe(320);
    // A closed day has no price.
    expect(priced.find((slot) => slot.day === '2026-12-25')).toMatchObject({
      state: 'holiday',
      priceCents: null,
    });

    const pattern = {
      activityId: catering.id,
      units: [{ unitId: catering.units[0].id, weekdays: [1, 2, 4, 5] }],
      from: '2026-12-07',
      until: '2027-01-15',
    };
    const summary = expectStatus(
      await api<RequestAnswer>(system, 'POST', `/children/${lea.id}/recurring-bookings`, {
        headers: family.actor.authorization,
        body: { ...pattern, dryRun: true },
      }),
      200,
    );
    expect(await myBookings()).toEqual([]);
    const booked = expectStatus(
      await api<RequestAnswer>(system, 'POST', `/children/${lea.id}/recurring-bookings`, {
        headers: family.actor.authorization,
        body: pattern,
      }),
      200,
    );
    // The summary before confirming was the same answer.
    expect(booked.outcomes.map(({ day, status }) => [day, status])).toEqual(
      summary.outcomes.map(({ day, status }) => [day, status]),
    );
    const byDay = new Map(booked.outcomes.map((outcome) => [outcome.day, outcome]));
    // Monday 7 and Tuesday 8 were due two working days before at 10:00: too late on Monday 9:00.
    expect(byDay.get('2026-12-07')).toMatchObject({ status: 'refused' });
    expect(byDay.get('2026-12-07')?.reason).toMatch(/décembre/);
    expect(byDay.get('2026-12-08')).toMatchObject({ status: 'refused' });
    expect(byDay.get('2026-12-10')).toMatchObject({ status: 'booked' });
    // No meals on Wednesdays, nor during the Christmas holidays (19 December to 3 January).
    expect(byDay.has('2026-12-09')).toBe(false);
    expect([...byDay.keys()].filter((day) => day >= '2026-12-19' && day < '2027-01-04')).toEqual(
      [],
    );
    expect(byDay.get('2027-01-04')).toMatchObject({ status: 'booked' });
    const bookedDays = booked.outcomes.filter((outcome) => outcome.status === 'booked');
    expect(bookedDays).toHaveLength(14);

    const recap = await mailTo(
      family.actor.email,
      (mail) => mail.subject.startsWith('Nous avons bien enregistré votre demande de réservation'),
      'the booking summary',
    );
    expect(recap.subject).toContain('Léa');
    expect(recap.text).toContain('NOUS AVONS BIEN ENREGISTRÉ VOTRE DEMANDE');
    expect(recap.text).toMatch(/décembre 2026/);
    expect(recap.text).toMatch(/janvier 2027/);

    // The family withdraws: every booking from the withdrawal day on is cancelled, not as late.
    expectStatus(
      await api(system, 'POST', `/me/applications/${draft.id}/withdraw`, {
        headers: family.actor.authorization,
        body: { reason: 'Déménagement' },
      }),
      200,
    );
    await eventually(
      async () =>
        (await myBookings()).every((booking) => booking.status === 'cancelled') || undefined,
      'the bookings cancelled by the withdrawal',
    );
    expect((await myBookings()).filter((booking) => booking.late)).toEqual([]);
  });

  it('flow 3, morning care: accepted at once, booked at once, on the agent’s daily list', async () => {
    const care = await anActivity(
      careAgent,
      'out-of-school-care',
      { code: 'accueil-matin', name: 'Accueil du matin' },
      {
        code: 'matin',
        label: 'Accueil du matin',
        kind: 'morning-care',
        startsAt: '07:30',
        endsAt: '08:30',
        weekdays: [1, 2, 4, 5],
        noticePolicy: { booking: { kind: 'calendarDaysBefore', days: 1, at: '18:00' } },
      },
    );
    const procedure = await aProcedure(system, careAgent, {
      municipalServiceId: serviceOf(vichy, 'out-of-school-care'),
      title: 'Accueil du matin',
      validationMode: 'automatic',
      grant: {
        kind: 'activity-booking',
        activityCode: 'accueil-matin',
        activityName: 'Accueil du matin',
      },
    });
    const draft = expectStatus(
      await startDraft(system, family, { procedureId: procedure.id, childId: lea.id, answers: {} }),
      201,
    );
    expect(expectStatus(await submit(system, family.actor, draft.id), 200).status).toBe('accepted');
    await eventually(
      async () =>
        (
          await api(system, 'GET', `/children/${lea.id}/slots?month=2026-12`, {
            headers: family.actor.authorization,
          })
        ).status === 200 || undefined,
      'the morning care right',
    );

    // Tuesday 8 December, booked on Monday at 9:00 (the day before at 18:00 at the latest).
    const booking = expectStatus(
      await api<{ id: string; status: string }>(system, 'POST', `/children/${lea.id}/bookings`, {
        headers: family.actor.authorization,
        body: { unitId: care.units[0].id, siteId: care.sites[0].id, day: '2026-12-08' },
      }),
      201,
    );
    expect(booking.status).toBe('booked');
    await mailTo(
      family.actor.email,
      (mail) =>
        mail.subject.startsWith('Nous avons bien enregistré votre demande de réservation') &&
        /accueil du matin/i.test(mail.text),
      'the morning care booking summary',
    );

    const query = `siteId=${care.sites[0].id}&unitId=${care.units[0].id}&day=2026-12-08`;
    const list = expectStatus(
      await api<{ children: Array<Record<string, unknown>> }>(
        system,
        'GET',
        `/agent/activities/${care.id}/attendance?${query}`,
        { headers: careAgent.actor.authorization },
      ),
      200,
    );
    expect(list.children).toEqual([
      expect.objectContaining({
        childId: lea.id,
        firstName: 'Léa',
        allergies: ['arachide'],
        pai: true,
      }),
    ]);
    expect(JSON.stringify(list.children[0])).toContain('Marc');
    // Another service's agent does not see it.
    const other = await api(system, 'GET', `/agent/activities/${care.id}/attendance?${query}`, {
      headers: cateringAgent.actor.authorization,
    });
    expect(other.status).toBe(403);

    const recorded = await api(system, 'PUT', `/agent/activities/${care.id}/attendance`, {
      headers: careAgent.actor.authorization,
      body: {
        siteId: care.sites[0].id,
        unitId: care.units[0].id,
        day: '2026-12-08',
        records: [{ childId: lea.id, status: 'present' }],
      },
    });
    expect(recorded.status).toBe(200);
  });
});

/**
 * What the acceptance tells the family (the text of its kind of activity, the agent's message,
 * the link to the child's bookings) and what the agents of the service are told: a withdrawal,
 * even of an accepted place, and "Nouvelle demande à instruire" gone once a colleague decided.
 * Through the gateway, with identity, enrolment and notification.
 */
import type { ApplicationView, NotificationPage } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { SmtpCatcher, type CaughtMail } from '../notification/smtp-catcher';
import { startSystem } from '../support/services';
import { anAdmin, type Actor } from '../support/identity-actors';
import { api } from '../identity/directory-support';
import {
  aFamilyWithChildren,
  anAgent,
  anOrganisation,
  aProcedure,
  eventually,
  expectStatus,
  serviceOf,
  startDraft,
  submit,
  type Agent,
  type Family,
  type Organisation,
} from './enrolment-support';

const PORTAL_URL = 'https://portail.vichy-communaute.test';

/** The month the family should book first, computed here independently: Paris, within the season. */
function expectedBookingMonth(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(now);
  const current = `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
  if (current < '2026-09') return '2026-09';
  if (current > '2027-08') return '2027-08';
  return current;
}

describe('enrolment: acceptance e-mails and agents’ notices', () => {
  let system: TestSystem;
  let smtp: SmtpCatcher;
  let admin: Actor;
  let vichy: Organisation;
  let dominique: Agent;
  let claude: Agent;
  let family: Family;

  const mailTo = async (email: string, subjectStart: string): Promise<CaughtMail> => {
    const mail = await eventually(
      () => smtp.sentTo(email).find((candidate) => candidate.subject.startsWith(subjectStart)),
      `"${subjectStart}" to ${email}`,
    );
    return { ...mail, text: mail.text.replace(/\r\n/g, '\n') };
  };

  const noticesOf = async (actor: Actor) =>
    expectStatus(
      await api<NotificationPage>(system, 'GET', '/notifications?pageSize=100', {
        headers: actor.authorization,
      }),
      200,
    ).items;

  const agentLink = (applicationId: string) => `${PORTAL_URL}/agent/demandes/${applicationId}`;

  /** A submitted catering application of Léa, and both agents told to review it. */
  async function aSubmittedCateringApplication(): Promise<ApplicationView> {
    const procedure = await aProcedure(system, dominique, {
      municipalServiceId: serviceOf(vichy, 'school-catering'),
      title: 'Inscription à la restauration scolaire',
      validationMode: 'manual',
      grant: {
        kind: 'activity-booking',
        activityCode: 'restauration-scolaire',
        activityName: 'Restauration scolaire',
        billing: 'post-billing',
      },
    });
    const draft = expectStatus(
      await startDraft(system, family, {
        procedureId: procedure.id,
        childId: family.household.children[0].id,
      }),
      201,
    );
    const submitted = expectStatus(await submit(system, family.actor, draft.id), 200);
    for (const agent of [dominique, claude]) {
      await eventually(
        async () =>
          (await noticesOf(agent.actor)).find(
            (notice) =>
              notice.link === agentLink(submitted.id) &&
              notice.title === 'Nouvelle demande à instruire',
          ),
        'the notice to review',
      );
    }
    return submitted;
  }

  beforeAll(async () => {
    smtp = new SmtpCatcher();
    const port = await smtp.listen();
    system = await startSystem(['identity', 'enrolment', 'notification'], {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      PORTAL_URL,
      MAIL_POLL_INTERVAL_MS: '50',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    admin = await anAdmin(system);
    vichy = await anOrganisation(system, admin, 'Vichy', ['school-catering']);
    dominique = await anAgent(system, admin, vichy, ['school-catering'], 'Dominique');
    claude = await anAgent(system, admin, vichy, ['school-catering'], 'Claude');
    family = await aFamilyWithChildren(system, [
      { firstName: 'Iris', birthDate: '2018-03-12', schoolLevel: 'CE2' },
    ]);
  }, 120_000);

  afterAll(async () => {
    await system?.close();
    await smtp?.close();
  });

  it("accepts with the agent's message: catering text, 1er, the child's bookings linked; the colleague's notice to review is gone", async () => {
    const submitted = await aSubmittedCateringApplication();
    const accepted = expectStatus(
      await api<ApplicationView>(system, 'POST', `/agent/applications/${submitted.id}/decision`, {
        headers: dominique.actor.authorization,
        body: {
          decision: 'accept',
          message: 'Bienvenue ! Pensez à nous signaler tout changement de régime alimentaire.',
        },
      }),
      200,
    );
    const iris = family.household.children[0].id;
    const month = expectedBookingMonth();
    expect(accepted).toMatchObject({
      status: 'accepted',
      nextAction: 'book',
      nextActionHref: `/api/v1/children/${iris}/slots?month=${month}`,
    });
    const mine = expectStatus(
      await api<{ items: ApplicationView[] }>(system, 'GET', '/me/applications', {
        headers: family.actor.authorization,
      }),
      200,
    );
    expect(mine.items.find((item) => item.id === submitted.id)?.nextActionHref).toBe(
      `/api/v1/children/${iris}/slots?month=${month}`,
    );

    const mail = await mailTo(family.actor.email, 'Votre demande a été acceptée');
    expect(mail.text).toContain(
      "Vous pouvez dès maintenant réserver les repas d'Iris au restaurant scolaire, pour les jours d'école du 1er septembre 2026 au 31 août 2027",
    );
    expect(mail.text).toContain('Les repas sont facturés chaque mois à terme échu');
    expect(mail.text).not.toContain('Conservatoire');
    expect(mail.text).toContain(
      'Message du service :\nBienvenue ! Pensez à nous signaler tout changement de régime alimentaire.',
    );
    const link = `${PORTAL_URL}/reservations/enfants/${iris}?mois=${month}`;
    expect(mail.text).toContain(`Réserver les repas : ${link}`);
    expect(mail.html).toContain(`href="${link}"`);

    // Neither agent keeps "Nouvelle demande à instruire" once one of them decided.
    for (const agent of [claude, dominique]) {
      await eventually(
        async () =>
          (await noticesOf(agent.actor)).every(
            (notice) => notice.link !== agentLink(submitted.id),
          ) || undefined,
        "the notice to review to leave the colleague's list",
      );
    }
  });

  it('tells the agents of the service that the family withdrew an accepted place', async () => {
    const submitted = await aSubmittedCateringApplication();
    expectStatus(
      await api(system, 'POST', `/agent/applications/${submitted.id}/decision`, {
        headers: claude.actor.authorization,
        body: { decision: 'accept' },
      }),
      200,
    );
    expectStatus(
      await api(system, 'POST', `/me/applications/${submitted.id}/withdraw`, {
        headers: family.actor.authorization,
        body: { reason: 'Déménagement à Cusset' },
      }),
      200,
    );
    for (const agent of [dominique, claude]) {
      const notice = await eventually(
        async () =>
          (await noticesOf(agent.actor)).find(
            (candidate) => candidate.title === 'Inscription retirée par la famille',
          ),
        'the notice of the withdrawal',
      );
      expect(notice.link).toBe(agentLink(submitted.id));
      expect(notice.body).toContain(submitted.reference);
      expect(notice.body).toContain('sa place est libérée');
      expect(notice.body).toContain('Motif : Déménagement à Cusset');
    }
  });

  it('tells the agents of a withdrawal under review, and takes back the notice to review', async () => {
    const submitted = await aSubmittedCateringApplication();
    expectStatus(
      await api(system, 'POST', `/me/applications/${submitted.id}/withdraw`, {
        headers: family.actor.authorization,
        body: {},
      }),
      200,
    );
    const notices = await eventually(async () => {
      const list = (await noticesOf(dominique.actor)).filter(
        (notice) => notice.link === agentLink(submitted.id),
      );
      return list.some((notice) => notice.title === 'Demande retirée par la famille')
        ? list
        : undefined;
    }, 'the notice of the withdrawal');
    expect(notices.map((notice) => notice.title)).toEqual(['Demande retirée par la famille']);
  });
});

import { randomUUID } from 'node:crypto';
import type {
  ApplicationEventBase,
  NotificationPage,
  OutgoingMessagePage,
  OutgoingMessageView,
} from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import {
  accepted,
  anApplication,
  informationRequested,
  recordEnrolmentEvent,
  rejected,
  startSystemWithFakeEnrolment,
  submitted,
  withdrawn,
  type Recipient,
} from '../support/fake-enrolment';
import {
  A_PASSWORD,
  aFamily,
  anAdmin,
  logIn,
  postJson,
  uniqueEmail,
  type Actor,
} from '../support/identity-actors';
import { SmtpCatcher, type CaughtMail } from './smtp-catcher';
import { eventually } from '../support/eventually';

const PORTAL_URL = 'https://portail.vichy-communaute.test';

interface Organisation {
  id: string;
  services: Array<{ id: string; code: string }>;
}

describe('notification: e-mails and notices of applications', () => {
  let smtp: SmtpCatcher;
  let system: TestSystem;
  let admin: Actor;
  let vichy: Organisation;
  /** A household and a service that exist, so that identity links them without complaint. */
  let householdId: string;

  const serviceOf = (code: string) => vichy.services.find((service) => service.code === code)!.id;

  const call = async <T>(
    method: string,
    path: string,
    actor?: Actor,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${system.gatewayUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...actor?.authorization,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };

  const recipientOf = (family: Actor, firstName = 'Camille'): Recipient => ({
    accountId: family.accountId,
    email: family.email,
    firstName,
  });

  /** An application of the Vichy catering service for these families. */
  const anApplicationFor = (
    families: Recipient[],
    overrides: Partial<ApplicationEventBase> = {},
  ): ApplicationEventBase =>
    anApplication({
      householdId,
      organisationId: vichy.id,
      municipalServiceId: serviceOf('school-catering'),
      recipients: families,
      ...overrides,
    });

  /** The e-mail, with the plain text's line ends as written (SMTP carries CRLF). */
  const mailTo = async (email: string, subjectStart: string): Promise<CaughtMail> => {
    const mail = await eventually(
      () => smtp.sentTo(email).find((candidate) => candidate.subject.startsWith(subjectStart)),
      `"${subjectStart}" to ${email}`,
    );
    return { ...mail, text: mail.text.replace(/\r\n/g, '\n') };
  };

  const noticesOf = async (actor: Actor) =>
    (await call<NotificationPage>('GET', '/notifications?pageSize=100', actor)).body.items;

  const noticeOf = (actor: Actor, link: string) =>
    eventually(
      async () => (await noticesOf(actor)).find((notice) => notice.link === link),
      `a notice linking to ${link}`,
    );

  /** Once the consumer applied the event: its effects are all written then, or none. */
  const handled = (eventId: string) =>
    eventually(
      async () =>
        (await system.query('notification', 'SELECT 1 FROM inbox WHERE event_id = $1', [eventId]))
          .length > 0,
      `event ${eventId} to be handled`,
    );

  const messagesOfEvent = (eventId: string) =>
    system.query<{ recipient: string; template: string; status: string }>(
      'notification',
      'SELECT recipient, template, status FROM outgoing_messages WHERE event_id = $1',
      [eventId],
    );

  async function anAgentOf(codes: string[]): Promise<Actor> {
    const email = uniqueEmail('agent');
    const created = await call<{ id: string }>('POST', '/admin/agents', admin, {
      email,
      password: A_PASSWORD,
      firstName: 'Dominique',
      lastName: 'AGENT',
      organisationId: vichy.id,
      serviceIds: codes.map(serviceOf),
      roles: ['agent'],
    });
    expect(created.status).toBe(201);
    const pair = await logIn(system, email, A_PASSWORD);
    return {
      accountId: created.body.id,
      email,
      password: A_PASSWORD,
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      authorization: { authorization: `Bearer ${pair.accessToken}` },
    };
  }

  beforeAll(async () => {
    smtp = new SmtpCatcher();
    const port = await smtp.listen();
    system = await startSystemWithFakeEnrolment(['identity', 'notification'], {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      PORTAL_URL,
      // Long enough that every e-mail of this suite must leave on the queue's notification.
      MAIL_POLL_INTERVAL_MS: '60000',
      // One refusal makes a message failed (for the operators' routes).
      SMTP_MAX_ATTEMPTS: '1',
    });
    admin = await anAdmin(system);
    const organisation = await call<Organisation>('POST', '/organisations', admin, {
      slug: `vichy-${Date.now().toString(36)}`,
      name: 'Vichy',
      kind: 'commune',
    });
    for (const code of ['school-catering', 'out-of-school-care']) {
      await call('POST', `/organisations/${organisation.body.id}/services`, admin, {
        code,
        name: code,
        category: 'other',
      });
    }
    vichy = (await call<Organisation>('GET', `/organisations/${organisation.body.id}`)).body;
    const owner = await aFamily(system);
    const household = await call<{ id: string }>('POST', '/households', owner, {
      guardian: {
        firstName: 'Camille',
        lastName: 'Martin',
        relationship: 'mother',
        phone: '06 12 34 56 78',
        address: { line1: '12 rue de Paris', postalCode: '03200', city: 'Vichy' },
        commune: { name: 'Vichy' },
      },
    });
    expect(household.status).toBe(201);
    householdId = household.body.id;
  });

  afterAll(async () => {
    await system?.close();
    await smtp?.close();
  });

  describe('to the family', () => {
    it('confirms a submitted application to every recipient, in the words of the specification', async () => {
      const camille = await aFamily(system);
      const dominique = await aFamily(system, { firstName: 'Dominique' });
      const application = anApplicationFor([
        recipientOf(camille),
        recipientOf(dominique, 'Dominique'),
      ]);
      const started = Date.now();
      await recordEnrolmentEvent(system, 'enrolment.application.submitted', submitted(application));
      const link = `${PORTAL_URL}/demandes/${application.applicationId}`;

      const mail = await mailTo(camille.email, 'Nous avons bien enregistré votre demande');
      // Woken by the queue's notification, not by the poll (60 s here).
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(mail.subject).toBe(
        'Nous avons bien enregistré votre demande – Restauration scolaire 2026-2027',
      );
      expect(mail.to).toEqual([camille.email]);
      expect(mail.text).toContain('NOUS AVONS BIEN ENREGISTRÉ VOTRE DEMANDE');
      expect(mail.text).toContain('Bonjour Camille,');
      expect(mail.text).toContain(
        `Votre demande « Restauration scolaire 2026-2027 » pour Iris Paillette (référence ${application.reference}) a bien été enregistrée.`,
      );
      expect(mail.text).toContain(
        `Votre demande va être transmise au service concerné (Restauration scolaire, Ville de Vichy) et vous serez tenu informé par courriel (${camille.email}) de l'avancement de son instruction.`,
      );
      expect(mail.text).toContain(
        `Vous retrouverez toutes les informations concernant votre demande à cette adresse :\n\nSuivre ma demande : ${link}`,
      );
      expect(mail.text).toContain("L'équipe Portail Famille – Ville de Vichy");
      expect(mail.html).toContain('NOUS AVONS BIEN ENREGISTRÉ VOTRE DEMANDE');
      expect(mail.html).toContain(`href="${link}"`);

      const other = await mailTo(dominique.email, 'Nous avons bien enregistré votre demande');
      expect(other.text).toContain('Bonjour Dominique,');
      expect(other.text).toContain(`par courriel (${dominique.email})`);

      for (const family of [camille, dominique]) {
        expect(await noticeOf(family, link)).toMatchObject({
          category: 'applications',
          title: 'Demande enregistrée',
          readAt: null,
        });
      }
    });

    it('says what an acceptance opens: bookings, or the school and its certificate', async () => {
      const family = await aFamily(system);
      const booking = anApplicationFor([recipientOf(family)]);
      await recordEnrolmentEvent(system, 'enrolment.application.accepted', accepted(booking));
      const mail = await mailTo(family.email, 'Votre demande a été acceptée');
      expect(mail.subject).toBe('Votre demande a été acceptée – Restauration scolaire 2026-2027');
      expect(mail.text).toContain('VOTRE DEMANDE A ÉTÉ ACCEPTÉE');
      expect(mail.text).toContain(
        'Le service concerné (Restauration scolaire, Ville de Vichy) a accepté votre demande',
      );
      expect(mail.text).toContain(
        "Vous pouvez dès maintenant réserver les repas d'Iris au restaurant scolaire, pour les jours d'école du 1er septembre 2026 au 31 août 2027",
      );
      expect(mail.text).toContain('Les repas sont facturés chaque mois à terme échu');
      // The child's bookings, on the month to book first: the season's first month at the latest.
      const month = /mois=(\d{4}-\d{2})/.exec(mail.text)?.[1] ?? '';
      expect(month >= '2026-09' && month <= '2027-08').toBe(true);
      const bookings = `${PORTAL_URL}/reservations/enfants/${booking.child.id}?mois=${month}`;
      expect(mail.text).toContain(`Réserver les repas : ${bookings}`);
      expect(await noticeOf(family, bookings)).toMatchObject({
        title: 'Demande acceptée',
      });

      const school = anApplicationFor([recipientOf(family)], {
        procedureTitle: 'Inscription scolaire 2026-2027',
        municipalServiceName: 'Service éducation',
        organisationName: 'Bellerive-sur-Allier',
      });
      await recordEnrolmentEvent(
        system,
        'enrolment.application.accepted',
        accepted(school, {
          grant: { kind: 'school-assignment' },
          schoolAssignment: {
            schoolId: school.procedureId,
            schoolName: 'École maternelle Jean Zay',
            schoolAddress: '1 rue Jean Zay, 03700 Bellerive-sur-Allier',
          },
        }),
      );
      const certificate = await mailTo(
        family.email,
        'Votre demande a été acceptée – Inscription scolaire',
      );
      expect(certificate.text).toContain(
        "L'inscription d'Iris est confirmée à l'école maternelle Jean Zay (1 rue Jean Zay, 03700 Bellerive-sur-Allier).",
      );
      const certificateLink = `${PORTAL_URL}/demandes/${school.applicationId}/certificat`;
      expect(certificate.text).toContain(
        `Télécharger le certificat d'inscription : ${certificateLink}`,
      );
      expect(certificate.html).toContain(`href="${certificateLink}"`);
      expect(certificate.text).toContain("L'équipe Portail Famille – Bellerive-sur-Allier");
    });

    it('sends one e-mail for an automatic validation, signed by the configured organisation when the event names none', async () => {
      const family = await aFamily(system);
      const agent = await anAgentOf(['school-catering']);
      const application = anApplicationFor([recipientOf(family)], {
        procedureTitle: 'Accueil matin 2026-2027',
        organisationName: '',
      });
      const first = await recordEnrolmentEvent(
        system,
        'enrolment.application.submitted',
        submitted(application, { validationMode: 'automatic' }),
      );
      await recordEnrolmentEvent(
        system,
        'enrolment.application.accepted',
        accepted(application, { automatic: true }),
      );
      const mail = await mailTo(family.email, 'Nous avons bien enregistré votre demande');
      expect(mail.subject).toBe(
        'Nous avons bien enregistré votre demande : elle est acceptée – Accueil matin 2026-2027',
      );
      expect(mail.text).toContain('NOUS AVONS BIEN ENREGISTRÉ VOTRE DEMANDE');
      expect(mail.text).toContain(
        'Elle ne demande pas de validation par le service : elle est acceptée.',
      );
      expect(mail.text).toContain("L'équipe Portail Famille – Vichy Communauté");
      await handled(first.id);
      expect(await messagesOfEvent(first.id)).toEqual([]);
      expect(
        smtp.sentTo(family.email).filter((sent) => sent.subject.includes('Accueil matin')),
      ).toHaveLength(1);
      // Nothing for the agents to review either.
      const link = `${PORTAL_URL}/agent/demandes/${application.applicationId}`;
      expect((await noticesOf(agent)).map((notice) => notice.link)).not.toContain(link);
    });

    it('gives the reason of a refusal', async () => {
      const family = await aFamily(system);
      const application = anApplicationFor([recipientOf(family)]);
      await recordEnrolmentEvent(
        system,
        'enrolment.application.rejected',
        rejected(application, 'Toutes les places sont attribuées pour cette année.'),
      );
      const mail = await mailTo(family.email, "Votre demande n'a pas été acceptée");
      expect(mail.text).toContain("VOTRE DEMANDE N'A PAS ÉTÉ ACCEPTÉE");
      expect(mail.text).toContain('Motif : Toutes les places sont attribuées pour cette année.');
      expect(mail.text).toContain(
        `Voir ma demande : ${PORTAL_URL}/demandes/${application.applicationId}`,
      );
      expect(
        await noticeOf(family, `${PORTAL_URL}/demandes/${application.applicationId}`),
      ).toMatchObject({ title: 'Demande refusée' });
    });

    it('asks for information with the message and a link to complete', async () => {
      const family = await aFamily(system);
      const application = anApplicationFor([recipientOf(family)]);
      await recordEnrolmentEvent(
        system,
        'enrolment.application.information-requested',
        informationRequested(
          application,
          "Merci de joindre l'attestation CAF.\nElle date de moins de 3 mois.",
        ),
      );
      const mail = await mailTo(family.email, 'Votre demande est à compléter');
      const link = `${PORTAL_URL}/demandes/${application.applicationId}/completer`;
      expect(mail.subject).toBe('Votre demande est à compléter – Restauration scolaire 2026-2027');
      expect(mail.text).toContain(
        "Merci de joindre l'attestation CAF.\nElle date de moins de 3 mois.",
      );
      expect(mail.text).toContain(`Compléter ma demande : ${link}`);
      expect(mail.html).toContain('Merci de joindre l&#39;attestation CAF.<br>Elle date');
      expect(await noticeOf(family, link)).toMatchObject({ title: 'Compléments demandés' });
    });

    it('notes a withdrawal in the notices only', async () => {
      const family = await aFamily(system);
      const application = anApplicationFor([recipientOf(family)]);
      const event = await recordEnrolmentEvent(
        system,
        'enrolment.application.withdrawn',
        withdrawn(application),
      );
      expect(
        await noticeOf(family, `${PORTAL_URL}/demandes/${application.applicationId}`),
      ).toMatchObject({ title: 'Demande retirée' });
      expect(await messagesOfEvent(event.id)).toEqual([]);
    });

    it('escapes a child name carrying HTML', async () => {
      const family = await aFamily(system);
      const application = anApplicationFor([recipientOf(family)], {
        child: {
          id: randomUUID(),
          firstName: '<script>alert("x")</script>Zoé',
          lastName: 'Martin',
        },
      });
      await recordEnrolmentEvent(system, 'enrolment.application.submitted', submitted(application));
      const mail = await mailTo(family.email, 'Nous avons bien enregistré votre demande');
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain(
        'pour &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;Zoé Martin',
      );
      expect(mail.text).toContain('pour <script>alert("x")</script>Zoé Martin');
    });

    it("stops these e-mails for a family that opted out of 'applications', but not security ones", async () => {
      const family = await aFamily(system);
      const update = await postJson(
        system,
        '/me/notification-preferences',
        { emails: { applications: false } },
        family.authorization,
        'PUT',
      );
      expect(update.status).toBe(200);
      const application = anApplicationFor([recipientOf(family)]);
      const event = await recordEnrolmentEvent(
        system,
        'enrolment.application.submitted',
        submitted(application),
      );
      // The notice stays: only e-mails are turned off.
      await noticeOf(family, `${PORTAL_URL}/demandes/${application.applicationId}`);
      expect(await messagesOfEvent(event.id)).toEqual([]);

      expect(
        (await postJson(system, '/auth/forgot-password', { email: family.email })).status,
      ).toBe(202);
      await mailTo(family.email, 'Réinitialisation de votre mot de passe');
      expect(
        smtp
          .sentTo(family.email)
          .filter((mail) => mail.subject.startsWith('Nous avons bien enregistré')),
      ).toEqual([]);
    });
  });

  describe('to the agents', () => {
    it("tells the agents of the application's service, not those of another service", async () => {
      const family = await aFamily(system);
      const catering = await anAgentOf(['school-catering']);
      const cateringAndCare = await anAgentOf(['school-catering', 'out-of-school-care']);
      const care = await anAgentOf(['out-of-school-care']);
      const application = anApplicationFor([recipientOf(family)]);
      const event = await recordEnrolmentEvent(
        system,
        'enrolment.application.submitted',
        submitted(application),
      );
      const link = `${PORTAL_URL}/agent/demandes/${application.applicationId}`;
      for (const agent of [catering, cateringAndCare]) {
        const notice = await noticeOf(agent, link);
        expect(notice).toMatchObject({
          category: 'applications',
          title: 'Nouvelle demande à instruire',
        });
        expect(notice.body).toContain(application.reference);
      }
      await handled(event.id);
      expect((await noticesOf(care)).map((notice) => notice.link)).not.toContain(link);
      // Agents get notices, not e-mails.
      expect(smtp.sentTo(catering.email)).toEqual([]);

      const completed = await recordEnrolmentEvent(
        system,
        'enrolment.application.submitted',
        submitted(application, { resubmission: true }),
      );
      await handled(completed.id);
      const titles = (await noticesOf(catering))
        .filter((notice) => notice.link === link)
        .map((notice) => notice.title);
      expect(titles.sort()).toEqual([
        'Demande complétée à instruire',
        'Nouvelle demande à instruire',
      ]);
      await mailTo(family.email, 'Nous avons bien enregistré votre demande complétée');
    });
  });

  describe('when a family closes its account', () => {
    it('deletes its notices and preferences, cancels and erases its e-mails, and ignores later events', async () => {
      const family = await aFamily(system);
      await postJson(
        system,
        '/me/notification-preferences',
        { emails: { news: false } },
        family.authorization,
        'PUT',
      );
      const application = anApplicationFor([recipientOf(family)]);
      await recordEnrolmentEvent(system, 'enrolment.application.submitted', submitted(application));
      await mailTo(family.email, 'Nous avons bien enregistré votre demande');
      await noticeOf(family, `${PORTAL_URL}/demandes/${application.applicationId}`);
      // A message waiting for its next attempt.
      await system.query(
        'notification',
        `INSERT INTO outgoing_messages
           (id, event_id, account_id, recipient, template, subject, html, text, next_attempt_at)
         VALUES (gen_random_uuid(), gen_random_uuid(), $1, $2, 'application-rejected',
                 'Sujet', '<p>x</p>', 'x', now() + interval '1 hour')`,
        [family.accountId, family.email],
      );

      const closed = await postJson(
        system,
        '/me/close',
        { confirm: true, password: family.password },
        family.authorization,
      );
      expect(closed.status).toBe(200);

      const countOf = async (table: string) =>
        Number(
          (
            await system.query<{ count: string }>(
              'notification',
              `SELECT count(*)::text AS count FROM ${table} WHERE account_id = $1`,
              [family.accountId],
            )
          )[0].count,
        );
      await eventually(
        async () => (await countOf('notifications')) === 0,
        'the notices to be deleted',
      );
      expect(await countOf('notification_preferences')).toBe(0);
      const messages = await system.query<{
        status: string;
        recipient: string;
        subject: string;
        html: string;
        text: string;
      }>(
        'notification',
        'SELECT status, recipient, subject, html, text FROM outgoing_messages WHERE account_id = $1 ORDER BY status',
        [family.accountId],
      );
      // Cancelled: the waiting one; sent: the verification at sign-up and the application's.
      expect(messages.map((message) => message.status)).toEqual(['cancelled', 'sent', 'sent']);
      for (const message of messages) {
        expect(message).toMatchObject({
          recipient: `closed-${family.accountId}@anonymise.invalid`,
          subject: '',
          html: '',
          text: '',
        });
      }

      // An event of enrolment written before it heard of the closure.
      const late = await recordEnrolmentEvent(
        system,
        'enrolment.application.accepted',
        accepted(application),
      );
      await handled(late.id);
      expect(await messagesOfEvent(late.id)).toEqual([]);
      expect(await countOf('notifications')).toBe(0);
    });
  });

  describe('failed e-mails, for operators', () => {
    it('lists failed messages to an administrator, who sends one again', async () => {
      const family = await aFamily(system);
      const application = anApplicationFor([recipientOf(family)]);
      smtp.rejecting = true;
      let failed: OutgoingMessageView;
      try {
        await recordEnrolmentEvent(
          system,
          'enrolment.application.submitted',
          submitted(application),
        );
        failed = await eventually(async () => {
          const page = await call<OutgoingMessagePage>(
            'GET',
            '/admin/outgoing-messages?status=failed&pageSize=100',
            admin,
          );
          expect(page.status).toBe(200);
          return page.body.items.find((message) => message.recipient === family.email);
        }, 'the failed message in the list');
      } finally {
        smtp.rejecting = false;
      }
      expect(failed).toMatchObject({
        template: 'application-submitted',
        status: 'failed',
        attempts: 1,
        accountId: family.accountId,
        sentAt: null,
      });
      expect(failed.lastError).toContain('451');
      expect(failed).not.toHaveProperty('html');
      expect(failed).not.toHaveProperty('text');

      const page = await call<OutgoingMessagePage>(
        'GET',
        '/admin/outgoing-messages?status=failed&pageSize=1',
        admin,
      );
      expect(page.body).toMatchObject({ page: 1, pageSize: 1 });
      expect(page.body.total).toBeGreaterThanOrEqual(1);
      expect(page.body.items.every((message) => message.status === 'failed')).toBe(true);

      const retried = await call<OutgoingMessageView>(
        'POST',
        `/admin/outgoing-messages/${failed.id}/retry`,
        admin,
      );
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ id: failed.id, status: 'pending', attempts: 0 });
      await mailTo(family.email, 'Nous avons bien enregistré votre demande');
      await eventually(async () => {
        const [row] = await system.query<{ status: string }>(
          'notification',
          'SELECT status FROM outgoing_messages WHERE id = $1',
          [failed.id],
        );
        return row.status === 'sent';
      }, 'the message to be sent');

      const again = await call<{ code: string }>(
        'POST',
        `/admin/outgoing-messages/${failed.id}/retry`,
        admin,
      );
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('OUTGOING_MESSAGE_NOT_RETRYABLE');
      const unknown = await call<{ code: string }>(
        'POST',
        `/admin/outgoing-messages/${application.applicationId}/retry`,
        admin,
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('OUTGOING_MESSAGE_NOT_FOUND');
    });

    it('checks what it is given', async () => {
      for (const query of ['?status=lost', '?pageSize=101', '?page=0']) {
        expect((await call('GET', `/admin/outgoing-messages${query}`, admin)).status).toBe(400);
      }
      expect((await call('POST', '/admin/outgoing-messages/x/retry', admin)).status).toBe(400);
    });

    it('answers 403 to a family or an agent, 401 without a token', async () => {
      const family = await aFamily(system);
      const agent = await anAgentOf(['school-catering']);
      for (const actor of [family, agent]) {
        expect((await call('GET', '/admin/outgoing-messages', actor)).status).toBe(403);
        expect(
          (await call('POST', `/admin/outgoing-messages/${householdId}/retry`, actor)).status,
        ).toBe(403);
      }
      expect((await call('GET', '/admin/outgoing-messages')).status).toBe(401);
    });
  });
});

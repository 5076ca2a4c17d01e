import { connect } from 'nats';
import { v7 as uuidv7 } from 'uuid';
import { eventSubject } from '@portail/contracts';
import { MessagingMetrics } from '@portail/messaging';
import type { TestSystem } from '@portail/testing';
import {
  aFamily,
  aSignUp,
  A_PASSWORD,
  logIn,
  postJson,
  tokenOfLink as tokenOfMailLink,
} from '../support/identity-actors';
import { LINK_TOKEN_PLACEHOLDER } from '../../services/notification/src/mail/mail-templates';
import { startSystem } from '../support/services';
import { aFreePort, SmtpCatcher, type CaughtMail } from './smtp-catcher';
import { eventually } from '../support/eventually';

const PORTAL_URL = 'https://portail.vichy-communaute.test';

function mailTo(smtp: SmtpCatcher, email: string, subjectStart: string): Promise<CaughtMail> {
  return eventually(
    () => smtp.sentTo(email).find((mail) => mail.subject.startsWith(subjectStart)),
    `"${subjectStart}" to ${email}`,
  );
}

function tokenOfLink(text: string, path: string): string {
  const match = new RegExp(`${PORTAL_URL}${path}\\?token=([^\\s"&<]+)`).exec(text);
  if (!match) throw new Error(`No link to ${path} in:\n${text}`);
  return decodeURIComponent(match[1]);
}

/**
 * The token of every link still usable that identity's events named, and of every link in a
 * delivered e-mail: none may appear in any log line.
 */
async function expectNoTokenInLogs(system: TestSystem, smtp?: SmtpCatcher): Promise<void> {
  const rows = await system.query<{ link_id: string }>(
    'identity',
    `SELECT envelope -> 'payload' ->> 'linkId' AS link_id FROM outbox
      WHERE envelope -> 'payload' ->> 'linkId' IS NOT NULL`,
  );
  expect(rows.length).toBeGreaterThan(0);
  const logs = system.logs.lines.map((line) => JSON.stringify(line));
  const tokens = (smtp?.mails ?? []).flatMap((mail) =>
    [...mail.text.matchAll(/\?token=([A-Za-z0-9_-]+)/g)].map((match) => match[1]),
  );
  for (const { link_id: linkId } of rows) {
    const token = await tokenOfMailLink(system, linkId).catch(() => undefined);
    if (token) tokens.push(token);
  }
  expect(tokens.length).toBeGreaterThan(0);
  for (const token of tokens) {
    expect(logs.filter((line) => line.includes(token))).toEqual([]);
  }
}

describe('notification: e-mails for identity events', () => {
  describe('with a working SMTP server', () => {
    let smtp: SmtpCatcher;
    let system: TestSystem;

    beforeAll(async () => {
      smtp = new SmtpCatcher();
      const port = await smtp.listen();
      system = await startSystem(['identity', 'notification'], {
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        MAIL_FROM: 'Portail Famille <no-reply@vichy-communaute.test>',
        PORTAL_URL,
        MAIL_POLL_INTERVAL_MS: '50',
      });
    });

    afterAll(async () => {
      await system?.close();
      await smtp?.close();
    });

    it('blanks the body of a delivered message, which held a single-use link', async () => {
      const signUp = aSignUp();
      expect((await postJson(system, '/accounts', signUp)).status).toBe(202);
      await mailTo(smtp, signUp.email, 'Confirmez votre adresse e-mail');
      const row = await eventually(async () => {
        const [found] = await system.query<{ status: string; text: string; html: string }>(
          'notification',
          'SELECT status, subject, text, html FROM outgoing_messages WHERE recipient = $1',
          [signUp.email],
        );
        return found?.status === 'sent' ? found : undefined;
      }, 'the message marked sent');
      expect(row).toMatchObject({ text: '', html: '' });
    });

    it('sends the verification link, which verifies the account', async () => {
      const signUp = aSignUp();
      expect((await postJson(system, '/accounts', signUp)).status).toBe(202);

      const mail = await mailTo(smtp, signUp.email, 'Confirmez votre adresse e-mail');
      expect(mail.subject).toBe('Confirmez votre adresse e-mail – Portail Famille');
      expect(mail.to).toEqual([signUp.email]);
      expect(mail.headers.from).toContain('no-reply@vichy-communaute.test');
      expect(mail.text).toContain('Bonjour Camille,');
      expect(mail.text).toContain('Bienvenue sur le Portail Famille de Vichy Communauté.');
      const token = tokenOfLink(mail.text, '/compte/verifier-email');
      expect(tokenOfLink(mail.html, '/compte/verifier-email')).toBe(token);

      expect((await postJson(system, '/accounts/verify-email', { token })).status).toBe(204);
      const pair = await logIn(system, signUp.email, signUp.password);
      const me = await fetch(`${system.gatewayUrl}/api/v1/me`, {
        headers: { authorization: `Bearer ${pair.accessToken}` },
      });
      expect(((await me.json()) as { status: string }).status).toBe('active');
    });

    it('tells the owner of an address that already has an account', async () => {
      const family = await aFamily(system);
      expect((await postJson(system, '/accounts', aSignUp({ email: family.email }))).status).toBe(
        202,
      );
      const mail = await mailTo(smtp, family.email, 'Vous avez déjà un compte');
      expect(mail.text).toContain('vous avez déjà un compte');
      expect(mail.text).toContain(`${PORTAL_URL}/connexion`);
    });

    it('sends a working reset link, then says the password changed', async () => {
      const family = await aFamily(system);
      expect(
        (await postJson(system, '/auth/forgot-password', { email: family.email })).status,
      ).toBe(202);
      const mail = await mailTo(smtp, family.email, 'Réinitialisation de votre mot de passe');
      const token = tokenOfLink(mail.text, '/compte/nouveau-mot-de-passe');
      const newPassword = 'Cusset-Allier-2026';
      expect((await postJson(system, '/auth/reset-password', { token, newPassword })).status).toBe(
        204,
      );
      const changed = await mailTo(smtp, family.email, 'Votre mot de passe a été modifié');
      expect(changed.text).toContain('a été réinitialisé le');
      await logIn(system, family.email, newPassword);
    });

    it('sends the confirmation of a new address to that address', async () => {
      const family = await aFamily(system);
      const newEmail = aSignUp().email;
      const response = await postJson(
        system,
        '/me/email',
        { currentPassword: A_PASSWORD, newEmail },
        family.authorization,
        'PUT',
      );
      expect(response.status).toBeLessThan(300);
      const mail = await mailTo(smtp, newEmail, 'Confirmez votre nouvelle adresse e-mail');
      const token = tokenOfLink(mail.text, '/compte/verifier-email');
      expect((await postJson(system, '/accounts/verify-email', { token })).status).toBe(204);
    });

    it('escapes a family name carrying HTML in the HTML part', async () => {
      const firstName = '<script>alert("x")</script>Zoé';
      const signUp = aSignUp({ firstName });
      expect((await postJson(system, '/accounts', signUp)).status).toBe(202);
      const mail = await mailTo(smtp, signUp.email, 'Confirmez votre adresse e-mail');
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('Bonjour &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;Zoé,');
      expect(mail.text).toContain(`Bonjour ${firstName},`);
    });

    it('sends one e-mail for an event delivered twice', async () => {
      const signUp = aSignUp();
      await postJson(system, '/accounts', signUp);
      await mailTo(smtp, signUp.email, 'Confirmez votre adresse e-mail');
      const [row] = await system.query<{ type: string; envelope: unknown }>(
        'identity',
        `SELECT type, envelope FROM outbox
          WHERE type = 'identity.account.email-verification-requested'
            AND envelope -> 'payload' ->> 'email' = $1`,
        [signUp.email],
      );
      const metrics = system.service('notification').app.get(MessagingMetrics);
      const duplicatesBefore = (await metrics.snapshot()).portail_events_duplicates_total;
      const nats = await connect({ servers: system.env.NATS_URL });
      try {
        // Another Nats-Msg-Id: JetStream keeps it, only the inbox can drop it.
        await nats
          .jetstream()
          .publish(
            eventSubject(system.env.EVENTS_SUBJECT_PREFIX!, row.type),
            JSON.stringify(row.envelope),
            { msgID: uuidv7() },
          );
      } finally {
        await nats.close();
      }
      const marker = aSignUp();
      await postJson(system, '/accounts', marker); // a later event of the same stream
      await mailTo(smtp, marker.email, 'Confirmez votre adresse e-mail');
      await eventually(
        async () => (await metrics.snapshot()).portail_events_duplicates_total > duplicatesBefore,
        'the copy to reach the inbox',
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smtp.sentTo(signUp.email)).toHaveLength(1);
      const [count] = await system.query<{ count: string }>(
        'notification',
        'SELECT count(*) FROM outgoing_messages WHERE recipient = $1',
        [signUp.email],
      );
      expect(Number(count.count)).toBe(1);
    });

    it('writes no token in any log line', async () => {
      await expectNoTokenInLogs(system, smtp);
    });
  });

  describe('when SMTP is down', () => {
    let smtp: SmtpCatcher;
    let system: TestSystem;

    afterEach(async () => {
      await system?.close();
      await smtp?.close();
    });

    it('retries and delivers exactly once when SMTP is back', async () => {
      const port = await aFreePort();
      system = await startSystem(['identity', 'notification'], {
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        PORTAL_URL,
        MAIL_POLL_INTERVAL_MS: '50',
        SMTP_RETRY_BASE_MS: '100',
        SMTP_MAX_ATTEMPTS: '50',
      });
      const signUp = aSignUp();
      await postJson(system, '/accounts', signUp);
      await eventually(async () => {
        const [row] = await system.query<{ attempts: number; status: string }>(
          'notification',
          'SELECT attempts, status FROM outgoing_messages WHERE recipient = $1',
          [signUp.email],
        );
        return row && row.attempts >= 2 && row.status === 'pending' ? row : undefined;
      }, 'two failed attempts');

      smtp = new SmtpCatcher();
      smtp.rejecting = true;
      await smtp.listen(port);
      await eventually(async () => {
        const [row] = await system.query<{ last_error: string }>(
          'notification',
          'SELECT last_error FROM outgoing_messages WHERE recipient = $1',
          [signUp.email],
        );
        return row?.last_error?.includes('451') ? row : undefined;
      }, 'a refusal by the SMTP server');

      smtp.rejecting = false;
      await mailTo(smtp, signUp.email, 'Confirmez votre adresse e-mail');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(smtp.sentTo(signUp.email)).toHaveLength(1);
      const [row] = await system.query<{ status: string; sent_at: Date | null }>(
        'notification',
        'SELECT status, sent_at FROM outgoing_messages WHERE recipient = $1',
        [signUp.email],
      );
      expect(row.status).toBe('sent');
      expect(row.sent_at).not.toBeNull();
      await expectNoTokenInLogs(system);
    });

    it('marks a message failed after SMTP_MAX_ATTEMPTS and says so in the log', async () => {
      system = await startSystem(['identity', 'notification'], {
        SMTP_URL: `smtp://127.0.0.1:${await aFreePort()}`,
        MAIL_POLL_INTERVAL_MS: '50',
        SMTP_RETRY_BASE_MS: '50',
        SMTP_MAX_ATTEMPTS: '3',
      });
      const signUp = aSignUp();
      await postJson(system, '/accounts', signUp);
      const row = await eventually(async () => {
        const [found] = await system.query<{ id: string; status: string; attempts: number }>(
          'notification',
          'SELECT id, status, attempts FROM outgoing_messages WHERE recipient = $1',
          [signUp.email],
        );
        return found?.status === 'failed' ? found : undefined;
      }, 'the message to fail');
      expect(row.attempts).toBe(3);
      expect(
        system.logs.lines.some((line) => line.messageId === row.id && line.level === 'error'),
      ).toBe(true);
    });
  });

  describe('without SMTP_URL', () => {
    let system: TestSystem;

    afterAll(async () => {
      await system?.close();
    });

    it('logs the recipient and template only, and keeps the message in the database', async () => {
      system = await startSystem(['identity', 'notification'], { MAIL_POLL_INTERVAL_MS: '50' });
      const signUp = aSignUp();
      await postJson(system, '/accounts', signUp);
      const line = await eventually(
        () =>
          system.logs.lines.find(
            (candidate) =>
              candidate.recipient === signUp.email && candidate.template === 'email-verification',
          ),
        'the log line',
      );
      expect(line.msg).toContain('outgoing_messages');
      const [row] = await system.query<{ status: string; text: string }>(
        'notification',
        'SELECT status, text FROM outgoing_messages WHERE recipient = $1',
        [signUp.email],
      );
      expect(row.status).toBe('sent');
      // Nothing leaves without SMTP, so identity is never asked for the token: the stored body
      // keeps the placeholder, and no token is at rest.
      expect(row.text).toContain(`/compte/verifier-email?token=${LINK_TOKEN_PLACEHOLDER}`);
      await expectNoTokenInLogs(system);
    });
  });
});

describe('notification: the e-mails anyone can trigger are capped per address', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem(['identity', 'notification'], {
      UNSOLICITED_EMAILS_PER_RECIPIENT_PER_DAY: '3',
    });
  });

  afterAll(async () => {
    await system?.close();
  });

  it('sends an address at most the cap of sign-up, reset and verification e-mails a day', async () => {
    const family = await aFamily(system);
    const victim = family.email.toUpperCase();
    for (let i = 0; i < 3; i += 1) {
      expect((await postJson(system, '/accounts', aSignUp({ email: victim }))).status).toBe(202);
      expect((await postJson(system, '/auth/forgot-password', { email: victim })).status).toBe(202);
    }
    // Six events after the sign-up's verification e-mail: two more fit the cap of three.
    const heldBack = () =>
      new Set(
        system.logs.lines
          .filter((line) => line.msg?.startsWith('Unsolicited e-mail held back'))
          .map((line) => String(line.eventId)),
      ).size;
    await eventually(() => heldBack() === 4 || undefined, 'four e-mails held back');
    const rows = await system.query<{ template: string }>(
      'notification',
      'SELECT template FROM outgoing_messages WHERE lower(recipient) = lower($1) ORDER BY created_at',
      [family.email],
    );
    expect(rows.map((row) => row.template)).toEqual([
      'email-verification',
      'sign-up-attempted',
      'password-reset',
    ]);
    // The address itself is not logged.
    const held = system.logs.lines.filter((line) =>
      line.msg?.startsWith('Unsolicited e-mail held back'),
    );
    expect(JSON.stringify(held).toLowerCase()).not.toContain(family.email.toLowerCase());
  });
});

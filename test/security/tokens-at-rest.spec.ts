/**
 * Issue 16, item 2: single-use tokens (address verification at sign-up and at an e-mail
 * change, password reset) reach the mailbox and nothing else. After each flow, the raw bytes of
 * every table of identity and notification (outbox, inbox, dead letters, outgoing messages,
 * notifications…) and of every message of the JetStream stream hold none of the tokens the
 * e-mails carried.
 */
import { connect } from 'nats';
import type { TestSystem } from '@portail/testing';
import { eventually } from '../support/eventually';
import {
  aSignUp,
  latestTokenSentTo,
  logIn,
  postJson,
  uniqueEmail,
} from '../support/identity-actors';
import { startSystem } from '../support/services';
import { SmtpCatcher } from '../notification/smtp-catcher';

const PORTAL_URL = 'https://portail.vichy-communaute.test';

describe('single-use tokens are never at rest', () => {
  let smtp: SmtpCatcher;
  let system: TestSystem;
  /** Every token an e-mail carried, with what it was for. */
  const sent: Array<{ what: string; token: string }> = [];

  beforeAll(async () => {
    smtp = new SmtpCatcher();
    const port = await smtp.listen();
    system = await startSystem(['identity', 'notification'], {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      PORTAL_URL,
      MAIL_POLL_INTERVAL_MS: '50',
      SMTP_RETRY_BASE_MS: '100',
    });
  });

  afterAll(async () => {
    await system?.close();
    await smtp?.close();
  });

  /** The token of the link of the latest e-mail to `email` whose subject starts so. */
  async function tokenMailedTo(email: string, subjectStart: string, path: string) {
    const mail = await eventually(
      () =>
        smtp
          .sentTo(email)
          .filter((candidate) => candidate.subject.startsWith(subjectStart))
          .at(-1),
      `"${subjectStart}" to ${email}`,
    );
    const match = new RegExp(`${PORTAL_URL}${path}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
    if (!match) throw new Error(`No link to ${path} in:\n${mail.text}`);
    expect(mail.html).toContain(match[1]);
    return match[1];
  }

  /** Every row of every table of the service's database, as text (the raw stored values). */
  async function everyRowOf(service: string): Promise<string> {
    const tables = await system.query<{ name: string }>(
      service,
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    const dumps: string[] = [];
    for (const { name } of tables) {
      const rows = await system.query<{ row: string }>(
        service,
        `SELECT t::text AS row FROM ${name} t`,
      );
      dumps.push(`${name}: ${rows.map((row) => row.row).join('\n')}`);
    }
    return dumps.join('\n');
  }

  /** Every message of the system's JetStream stream: subject, headers and data. */
  async function everyStreamMessage(): Promise<string> {
    const connection = await connect({ servers: system.env.NATS_URL });
    try {
      const jsm = await connection.jetstreamManager();
      const stream = system.env.EVENTS_STREAM!;
      const { state } = await jsm.streams.info(stream);
      expect(state.messages).toBeGreaterThan(0);
      const messages: string[] = [];
      for (let seq = state.first_seq; seq <= state.last_seq; seq += 1) {
        const message = await jsm.streams.getMessage(stream, { seq }).catch(() => undefined);
        if (!message) continue;
        const headers = message.header
          ? [...message.header.keys()].map((key) => `${key}: ${message.header.get(key)}`)
          : [];
        messages.push(
          `${message.subject}\n${headers.join('\n')}\n${Buffer.from(message.data).toString()}`,
        );
      }
      return messages.join('\n');
    } finally {
      await connection.close();
    }
  }

  /** A sign-up verified with the link of its e-mail, and that link's token. */
  async function aVerifiedSignUp() {
    const signUp = aSignUp();
    expect((await postJson(system, '/accounts', signUp)).status).toBe(202);
    const verification = await tokenMailedTo(
      signUp.email,
      'Confirmez votre adresse e-mail',
      '/compte/verifier-email',
    );
    expect((await postJson(system, '/accounts/verify-email', { token: verification })).status).toBe(
      204,
    );
    return { signUp, verification };
  }

  it('sends sign-up, reset and e-mail change links whose tokens work', async () => {
    const { signUp, verification } = await aVerifiedSignUp();
    sent.push({ what: 'sign-up verification', token: verification });

    expect((await postJson(system, '/auth/forgot-password', { email: signUp.email })).status).toBe(
      202,
    );
    const reset = await tokenMailedTo(
      signUp.email,
      'Réinitialisation',
      '/compte/nouveau-mot-de-passe',
    );
    sent.push({ what: 'password reset', token: reset });
    const newPassword = 'Bellerive-Allier-2026';
    expect(
      (await postJson(system, '/auth/reset-password', { token: reset, newPassword })).status,
    ).toBe(204);

    const pair = await logIn(system, signUp.email, newPassword);
    const newEmail = uniqueEmail('nouvelle');
    const change = await postJson(
      system,
      '/me/email',
      { currentPassword: newPassword, newEmail },
      { authorization: `Bearer ${pair.accessToken}` },
      'PUT',
    );
    expect(change.status).toBe(202);
    const changeToken = await tokenMailedTo(newEmail, '', '/compte/verifier-email');
    sent.push({ what: 'e-mail change verification', token: changeToken });
    expect((await postJson(system, '/accounts/verify-email', { token: changeToken })).status).toBe(
      204,
    );
    expect(new Set(sent.map(({ token }) => token)).size).toBe(3);
  });

  it("finds none of them in identity's or notification's tables, dead letters included", async () => {
    expect(sent).toHaveLength(3);
    await eventually(async () => {
      const [{ pending }] = await system.query<{ pending: number }>(
        'notification',
        `SELECT count(*)::int AS pending FROM outgoing_messages WHERE status = 'pending'`,
      );
      return pending === 0 || undefined;
    }, 'every message sent');
    for (const service of ['identity', 'notification']) {
      const stored = await everyRowOf(service);
      expect(stored).toContain('outbox');
      for (const { what, token } of sent) {
        expect({ service, what, found: stored.includes(token) }).toEqual({
          service,
          what,
          found: false,
        });
      }
    }
  });

  it('finds none of them in the messages of the JetStream stream', async () => {
    const stream = await everyStreamMessage();
    expect(stream).toContain('identity.account.email-verification-requested');
    expect(stream).toContain('identity.account.password-reset-requested');
    for (const { what, token } of sent) {
      expect({ what, found: stream.includes(token) }).toEqual({ what, found: false });
    }
  });

  it('cancels an e-mail whose link was used before it could be sent, and sends no token', async () => {
    const { signUp } = await aVerifiedSignUp();
    smtp.rejecting = true;
    let row: { status: string; html: string; text: string };
    try {
      expect(
        (await postJson(system, '/auth/forgot-password', { email: signUp.email })).status,
      ).toBe(202);
      // the token the e-mail would carry (the same at every exchange), used meanwhile
      const { token } = await latestTokenSentTo(
        system,
        signUp.email,
        'identity.account.password-reset-requested',
      );
      await eventually(async () => {
        const [row] = await system.query<{ attempts: number }>(
          'notification',
          `SELECT attempts FROM outgoing_messages WHERE recipient = $1 AND template = 'password-reset'`,
          [signUp.email],
        );
        return row && row.attempts > 0 ? row : undefined;
      }, 'a first refused attempt');
      expect(
        (
          await postJson(system, '/auth/reset-password', {
            token,
            newPassword: 'Cusset-Thermal-2027',
          })
        ).status,
      ).toBe(204);
      // still refusing: an exchange made just before the reset fails at SMTP, the next is refused
      row = await eventually(async () => {
        const [found] = await system.query<{ status: string; html: string; text: string }>(
          'notification',
          `SELECT status, html, text FROM outgoing_messages WHERE recipient = $1 AND template = 'password-reset'`,
          [signUp.email],
        );
        return found && found.status !== 'pending' ? found : undefined;
      }, 'the reset e-mail settled');
    } finally {
      smtp.rejecting = false;
    }
    expect(row).toEqual({ status: 'cancelled', html: '', text: '' });
    const subjects = smtp.sentTo(signUp.email).map((mail) => mail.subject);
    expect(subjects.filter((subject) => subject.startsWith('Réinitialisation'))).toEqual([]);
  });
});

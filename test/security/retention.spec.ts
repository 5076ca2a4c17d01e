/**
 * Issue 16, item 2: personal data are not kept for ever. Identity's and notification's purge
 * jobs delete what is past its retention (settings), judged by the service's Clock: run now,
 * they keep everything; run a month (or a year) later, the rows past their time are gone and
 * the live ones stay.
 */
import { DataSource } from 'typeorm';
import { applyRetention, Clock, RetentionJob } from '@portail/service-kit';
import type { TestSystem } from '@portail/testing';
import { eventually } from '../support/eventually';
import { aFamily, aSignUp, postJson, type Actor } from '../support/identity-actors';
import { backends, startSystem } from '../support/services';

const DAY_MS = 86_400_000;

describe('retention of personal data', () => {
  let system: TestSystem;
  let family: Actor;
  let pendingEmail: string;

  const count = async (service: string, sql: string, params: unknown[] = []) =>
    (
      await system.query<{ count: number }>(service, `SELECT count(*)::int AS count ${sql}`, params)
    )[0].count;

  const identityRows = async () => ({
    pendingAccount: await count('identity', 'FROM accounts WHERE email = $1', [pendingEmail]),
    familyAccount: await count('identity', 'FROM accounts WHERE id = $1', [family.accountId]),
    usedLinks: await count('identity', 'FROM account_tokens WHERE account_id = $1', [
      family.accountId,
    ]),
    revokedSessions: await count(
      'identity',
      'FROM refresh_tokens WHERE account_id = $1 AND revoked_at IS NOT NULL',
      [family.accountId],
    ),
    liveSessions: await count(
      'identity',
      'FROM refresh_tokens WHERE account_id = $1 AND revoked_at IS NULL AND used_at IS NULL',
      [family.accountId],
    ),
    credentialFailures: await count('identity', 'FROM credential_failures WHERE account_id = $1', [
      family.accountId,
    ]),
    auditLog: await count('identity', 'FROM audit_log WHERE household_id = $1', [family.accountId]),
  });

  const notificationRows = async () => ({
    sentMessages: await count(
      'notification',
      `FROM outgoing_messages WHERE lower(recipient) = lower($1) AND status = 'sent'`,
      [family.email],
    ),
    notices: await count('notification', 'FROM notifications WHERE account_id = $1', [
      family.accountId,
    ]),
  });

  /** Runs a service's purge as if it were `days` from now. */
  async function purgeAt(service: 'identity' | 'notification', days: number) {
    const app = system.service(service).app;
    const clock = jest
      .spyOn(app.get(Clock, { strict: false }), 'now')
      .mockReturnValue(new Date(Date.now() + days * DAY_MS));
    try {
      const job = app.get(RetentionJob, { strict: false });
      expect(await job.runOnce()).toMatchObject({ ran: true });
    } finally {
      clock.mockRestore();
    }
  }

  beforeAll(async () => {
    system = await startSystem(['identity', 'notification'], { MAIL_POLL_INTERVAL_MS: '50' });
    family = await aFamily(system);
    // a second session, ended at once (logout revokes it)
    const login = await postJson(system, '/auth/login', {
      email: family.email,
      password: family.password,
    });
    const { refreshToken } = (await login.json()) as { refreshToken: string };
    expect((await postJson(system, '/auth/logout', { refreshToken })).status).toBe(204);
    // a wrong password, counted for the address
    await postJson(system, '/auth/login', { email: family.email, password: 'Mauvais-mot-2025' });
    const pending = aSignUp();
    pendingEmail = pending.email;
    expect((await postJson(system, '/accounts', pending)).status).toBe(202);
    // an audit entry (who read which household), written as identity writes them
    await system.query(
      'identity',
      `INSERT INTO audit_log (id, actor_account_id, actor_kind, action, subject_type, household_id)
       VALUES (gen_random_uuid(), $1, 'admin', 'household.read', 'household', $1)`,
      [family.accountId],
    );
    await eventually(
      async () => ((await notificationRows()).sentMessages > 0 ? true : undefined),
      'the verification e-mail sent',
    );
  });

  afterAll(async () => {
    await system?.close();
  });

  it('keeps everything when nothing is past its retention', async () => {
    const before = await identityRows();
    expect(before).toEqual({
      pendingAccount: 1,
      familyAccount: 1,
      usedLinks: 1,
      revokedSessions: 1,
      liveSessions: 1,
      credentialFailures: 1,
      auditLog: 1,
    });
    await purgeAt('identity', 0);
    expect(await identityRows()).toEqual(before);
    const messages = await notificationRows();
    expect(messages.notices).toBeGreaterThan(0);
    await purgeAt('notification', 0);
    expect(await notificationRows()).toEqual(messages);
  });

  it('deletes in identity what is past its time a month later, and keeps the live account', async () => {
    await purgeAt('identity', 31);
    expect(await identityRows()).toEqual({
      pendingAccount: 0, // PENDING_ACCOUNTS_RETENTION_DAYS 30
      familyAccount: 1,
      usedLinks: 0, // EMAIL_LINKS_RETENTION_DAYS 7
      revokedSessions: 0, // ENDED_SESSIONS_RETENTION_DAYS 7
      liveSessions: 1, // expires in 30 days: still live 7 days after
      credentialFailures: 0, // 24 hours
      auditLog: 1, // AUDIT_LOG_RETENTION_DAYS 365
    });
    await purgeAt('identity', 366);
    expect(await identityRows()).toMatchObject({ familyAccount: 1, liveSessions: 0, auditLog: 0 });
  });

  it('deletes sent e-mails after 90 days and notices after a year', async () => {
    await purgeAt('notification', 91);
    const after = await notificationRows();
    expect(after.sentMessages).toBe(0);
    expect(after.notices).toBeGreaterThan(0);
    await purgeAt('notification', 366);
    expect(await notificationRows()).toEqual({ sentMessages: 0, notices: 0 });
  });

  it('deletes dead letters DEAD_LETTERS_RETENTION_DAYS after they failed (the event library)', async () => {
    const deadLetter = (failedDaysAgo: number) =>
      system.query(
        'notification',
        `INSERT INTO dead_letters (id, consumer, event_id, type, envelope, error, attempts, failed_at)
         VALUES (gen_random_uuid(), 'notification', gen_random_uuid(), 'identity.account.created',
                 '{"payload": {"email": "ancienne@example.fr"}}', 'boom', 5,
                 now() - make_interval(days => $1))`,
        [failedDaysAgo],
      );
    await deadLetter(91);
    await deadLetter(89);
    // the relay purges when it starts, then hourly
    await system.stopService('notification');
    await system.startBackend(backends.notification);
    const left = await eventually(async () => {
      const rows = await system.query<{ days: number }>(
        'notification',
        `SELECT round(extract(epoch FROM now() - failed_at) / 86400)::int AS days FROM dead_letters`,
      );
      return rows.length === 1 ? rows : undefined;
    }, 'the old dead letter purged');
    expect(left).toEqual([{ days: 89 }]);
  });

  it('still applies the other rules when one fails, then fails the run', async () => {
    const dataSource = system.service('notification').app.get(DataSource);
    await dataSource.query(
      `CREATE TABLE retention_probe (id serial PRIMARY KEY, created_at timestamptz NOT NULL)`,
    );
    await dataSource.query(
      `INSERT INTO retention_probe (created_at) VALUES (now() - interval '10 days'), (now())`,
    );
    const run = applyRetention(dataSource, new Date(), [
      { table: 'retention_probe', days: 5, olderThan: 'no_such_column < $1' },
      { table: 'retention_probe', days: 5, olderThan: 'created_at < $1' },
    ]);
    await expect(run).rejects.toThrow(/no_such_column/);
    expect(await count('notification', 'FROM retention_probe')).toBe(1);
    await dataSource.query('DROP TABLE retention_probe');
  });
});

import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { NotificationPage, NotificationPreferences, UnreadCount } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { Notifier } from '../../services/notification/src/delivery/notifier';
import { aFamily, A_PASSWORD, postJson, type Actor } from '../support/identity-actors';
import { startSystem } from '../support/services';
import { eventually } from '../support/eventually';

describe('notification: in-app notifications and preferences', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem(['identity', 'notification'], { MAIL_POLL_INTERVAL_MS: '50' });
  });

  afterAll(async () => {
    await system?.close();
  });

  const get = async <T>(actor: Actor, path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${system.gatewayUrl}/api/v1${path}`, {
      headers: actor.authorization,
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  const pageOf = async (actor: Actor, query = '') =>
    (await get<NotificationPage>(actor, `/notifications${query}`)).body;

  /** A family with its welcome notice and a password-changed notice. */
  async function aFamilyWithTwoNotices(): Promise<Actor> {
    const family = await aFamily(system);
    const response = await postJson(
      system,
      '/me/password',
      { currentPassword: A_PASSWORD, newPassword: 'Bellerive-Allier-2026' },
      family.authorization,
      'PUT',
    );
    expect(response.status).toBe(200);
    const pair = (await response.json()) as { accessToken: string };
    const actor = { ...family, authorization: { authorization: `Bearer ${pair.accessToken}` } };
    await eventually(
      async () => ((await pageOf(actor)).total === 2 ? true : undefined),
      'two notices',
    );
    return actor;
  }

  it('lists unread first, paginated, and marks one or all read', async () => {
    const family = await aFamilyWithTwoNotices();
    const first = await pageOf(family);
    expect(first.unread).toBe(2);
    expect(first.items.map((item) => item.title)).toEqual([
      'Mot de passe modifié',
      'Adresse e-mail confirmée',
    ]);

    const newest = first.items[0];
    const read = await postJson(
      system,
      `/notifications/${newest.id}/read`,
      {},
      family.authorization,
    );
    expect(read.status).toBe(200);
    expect(((await read.json()) as { readAt: string | null }).readAt).not.toBeNull();

    const after = await pageOf(family, '?pageSize=1');
    expect(after.items.map((item) => item.title)).toEqual(['Adresse e-mail confirmée']);
    expect(after).toMatchObject({ page: 1, pageSize: 1, total: 2, unread: 1 });
    expect((await pageOf(family, '?page=2&pageSize=1')).items[0].id).toBe(newest.id);
    expect((await get<UnreadCount>(family, '/notifications/unread-count')).body).toEqual({
      unread: 1,
    });

    expect(
      (await postJson(system, '/notifications/read-all', {}, family.authorization)).status,
    ).toBe(200);
    expect((await get<UnreadCount>(family, '/notifications/unread-count')).body).toEqual({
      unread: 0,
    });
  });

  it('caps the page size', async () => {
    const family = await aFamily(system);
    const response = await get<{ code: string }>(family, '/notifications?pageSize=101');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it("shows a family only its own notifications: another's id is not found", async () => {
    const owner = await aFamilyWithTwoNotices();
    const other = await aFamily(system);
    const [notice] = (await pageOf(owner)).items;

    const response = await postJson(
      system,
      `/notifications/${notice.id}/read`,
      {},
      other.authorization,
    );
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('NOTIFICATION_NOT_FOUND');
    expect(
      (await postJson(system, `/notifications/${uuidv7()}/read`, {}, other.authorization)).status,
    ).toBe(404);
    await postJson(system, '/notifications/read-all', {}, other.authorization);

    expect((await pageOf(owner)).unread).toBe(2);
    expect((await pageOf(other)).items.map((item) => item.id)).not.toContain(notice.id);
  });

  it('keeps opt-outs of non-essential e-mails, never of security ones', async () => {
    const family = await aFamily(system);
    expect(
      (await get<NotificationPreferences>(family, '/me/notification-preferences')).body,
    ).toEqual({
      emails: { applications: true, bookings: true, invoices: true, news: true },
    });
    const update = await postJson(
      system,
      '/me/notification-preferences',
      { emails: { applications: false, news: false } },
      family.authorization,
      'PUT',
    );
    expect(update.status).toBe(200);
    expect(await update.json()).toEqual({
      emails: { applications: false, bookings: true, invoices: true, news: false },
    });
    const invalid = await postJson(
      system,
      '/me/notification-preferences',
      { emails: { applications: 'non' } },
      family.authorization,
      'PUT',
    );
    expect(invalid.status).toBe(400);

    const notifier = system.service('notification').app.get(Notifier);
    const dataSource = system.service('notification').app.get(DataSource);
    const mail = { subject: 'Sujet', html: '<p>x</p>', text: 'x' };
    await dataSource.transaction(async (manager) => {
      for (const category of ['applications', 'invoices', 'security'] as const) {
        await notifier.notify(manager, {
          eventId: uuidv7(),
          accountId: family.accountId,
          category,
          email: { recipient: family.email, template: 'password-changed', mail },
          notice: { title: category, body: 'corps' },
        });
      }
    });
    const sent = await system.query<{ count: string }>(
      'notification',
      `SELECT count(*)::text AS count FROM outgoing_messages WHERE recipient = $1 AND subject = 'Sujet'`,
      [family.email],
    );
    expect(Number(sent[0].count)).toBe(2); // invoices and security; not applications
    const titles = (await pageOf(family)).items.map((item) => item.title);
    expect(titles).toEqual(expect.arrayContaining(['applications', 'invoices', 'security']));
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AckPolicy, connect, nanos, type NatsConnection, type NatsError } from 'nats';
import {
  AgentSubjects,
  ALL_SERVICES,
  HouseholdSubjects,
  type ServiceName,
} from '@portail/contracts';
import { inboxPrefixOf, natsServerConfig, passwordVariableOf } from '@portail/service-kit';
import { startDisposableNats, TestSystem, type DisposableNats } from '@portail/testing';
import { aFamily } from '../support/identity-actors';
import { backends, gateway } from '../support/services';

const SHIPPED = join(__dirname, '../../deploy/nats/nats-server.conf');
const passwordOf = (service: ServiceName) => `${service}-password-for-this-test`;

/**
 * A disposable nats-server runs the shipped deploy/nats/nats-server.conf: no anonymous client,
 * each service its own user, allowed only the subjects it serves and calls, its inbox and the
 * JetStream API it needs. The services themselves run under it, through the gateway.
 */
describe('security: NATS permissions of the shipped server configuration', () => {
  let nats: DisposableNats;
  const open: NatsConnection[] = [];

  beforeAll(async () => {
    nats = await startDisposableNats({
      config: readFileSync(SHIPPED, 'utf8'),
      env: Object.fromEntries(
        ALL_SERVICES.map((service) => [passwordVariableOf(service), passwordOf(service)]),
      ),
    });
  });

  afterAll(async () => {
    for (const connection of open) await connection.close().catch(() => undefined);
    await nats?.dispose();
  });

  const as = async (service: ServiceName): Promise<NatsConnection> => {
    const connection = await connect({
      servers: nats.url,
      user: service,
      pass: passwordOf(service),
      inboxPrefix: inboxPrefixOf(service),
      reconnect: false,
    });
    open.push(connection);
    return connection;
  };

  /** The error code of a request: 503 (no responder) means the server let it through. */
  const requestOutcome = async (connection: NatsConnection, subject: string) => {
    try {
      await connection.request(subject, new Uint8Array(), { timeout: 2000 });
      return 'answered';
    } catch (error) {
      return String((error as NatsError).code);
    }
  };

  /** True when the server refuses the subscription (permissions violation). */
  const subscriptionRefused = async (connection: NatsConnection, subject: string) => {
    const refused = new Promise<boolean>((resolve) => {
      connection.subscribe(subject, {
        callback: (error) => resolve(error?.code === 'PERMISSIONS_VIOLATION'),
      });
      setTimeout(() => resolve(false), 1500);
    });
    await connection.flush();
    return refused;
  };

  it('is the file `npm run nats:config` generates from the declaration of who calls what', () => {
    expect(readFileSync(SHIPPED, 'utf8')).toBe(natsServerConfig());
  });

  it('refuses an anonymous connection and a wrong password', async () => {
    await expect(connect({ servers: nats.url, reconnect: false })).rejects.toMatchObject({
      code: 'AUTHORIZATION_VIOLATION',
    });
    await expect(
      connect({ servers: nats.url, user: 'identity', pass: 'guess', reconnect: false }),
    ).rejects.toMatchObject({ code: 'AUTHORIZATION_VIOLATION' });
  });

  it('lets a service call what it is declared to call, and nothing else of another service', async () => {
    const reservation = await as('reservation');
    // Declared: the request goes through (no responder here, so 503).
    expect(await requestOutcome(reservation, HouseholdSubjects.childrenProfiles)).toBe('503');
    // Not declared: an administrator's command, another service's events.
    expect(await requestOutcome(reservation, AgentSubjects.administratorsCreate)).toBe(
      'PERMISSIONS_VIOLATION',
    );
    expect(await requestOutcome(reservation, 'events.identity.account.created')).toBe(
      'PERMISSIONS_VIOLATION',
    );
    expect(await requestOutcome(reservation, 'billing.dead-letters.list')).toBe(
      'PERMISSIONS_VIOLATION',
    );
  });

  it('keeps the gateway off the subjects meant only for services and off dead letters', async () => {
    const gatewayConnection = await as('gateway');
    expect(await requestOutcome(gatewayConnection, AgentSubjects.agentsCreate)).toBe('503');
    for (const subject of [
      HouseholdSubjects.childrenProfiles,
      'billing.quotes.get',
      'identity.dead-letters.replay',
    ]) {
      expect([subject, await requestOutcome(gatewayConnection, subject)]).toEqual([
        subject,
        'PERMISSIONS_VIOLATION',
      ]);
    }
  });

  it('lets no service read another’s requests or replies', async () => {
    const content = await as('content');
    expect(await subscriptionRefused(content, 'identity.>')).toBe(true);
    expect(await subscriptionRefused(content, 'identity.accounts.login')).toBe(true);
    expect(await subscriptionRefused(content, `${inboxPrefixOf('gateway')}.>`)).toBe(true);
    expect(await subscriptionRefused(content, '_INBOX.>')).toBe(true);
    expect(await subscriptionRefused(content, '>')).toBe(true);
    // Its own subjects and inbox are allowed.
    expect(await subscriptionRefused(content, 'content.>')).toBe(false);
    const gatewayConnection = await as('gateway');
    expect(await subscriptionRefused(gatewayConnection, 'identity.>')).toBe(true);
  });

  it('runs the services under these permissions: a family signs up and logs in through the gateway', async () => {
    const system = await TestSystem.start({
      backends: [backends.identity, backends.notification],
      gateway,
      env: {
        NATS_URL: nats.url,
        // The names the shipped file is made for (the server is this test's own).
        NATS_SUBJECT_PREFIX: '',
        EVENTS_STREAM: 'PORTAIL_EVENTS',
        EVENTS_SUBJECT_PREFIX: 'events',
      },
      serviceEnv: (service) => ({
        NATS_USER: service,
        NATS_PASSWORD: passwordOf(service as ServiceName),
      }),
      // The test reads the mailed link's token as notification does (a subject only notification
      // may call), so it connects as notification.
      harnessNats: {
        user: 'notification',
        pass: passwordOf('notification'),
        inboxPrefix: inboxPrefixOf('notification'),
      },
    });
    try {
      const family = await aFamily(system);
      expect(family.accessToken).toEqual(expect.any(String));
      // Notification consumed identity's event through its own durable consumer (create,
      // fetch, ack under its permissions): the verification e-mail is queued.
      const queued = async () =>
        (
          await system.query<{ n: number }>(
            'notification',
            'SELECT count(*)::int AS n FROM outgoing_messages WHERE lower(recipient) = lower($1)',
            [family.email],
          )
        )[0].n;
      const deadline = Date.now() + 20_000;
      while ((await queued()) === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(await queued()).toBeGreaterThan(0);
      // The gateway reads ended sessions from the events stream, and no other event.
      const jsm = await (await as('gateway')).jetstreamManager();
      const consumerOf = (name: string, filter: string) =>
        jsm.consumers.add('PORTAIL_EVENTS', {
          name,
          filter_subject: filter,
          ack_policy: AckPolicy.None,
          inactive_threshold: nanos(5000),
        });
      await expect(
        consumerOf('peek-revoked', 'events.identity.account.sessions-revoked'),
      ).resolves.toMatchObject({ name: 'peek-revoked' });
      await expect(consumerOf('peek-identity', 'events.identity.>')).rejects.toMatchObject({
        code: 'PERMISSIONS_VIOLATION',
      });
      // A service may not take over another's durable consumer, nor read it.
      const content = await (await as('content')).jetstreamManager();
      await expect(
        content.consumers.add('PORTAIL_EVENTS', {
          durable_name: 'notification-from-identity',
          filter_subject: 'events.identity.>',
          ack_policy: AckPolicy.Explicit,
        }),
      ).rejects.toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
      await expect(
        content.consumers.info('PORTAIL_EVENTS', 'notification-from-identity'),
      ).rejects.toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
      expect(
        system.logs.lines.filter((line) => /Permissions Violation/i.test(JSON.stringify(line))),
      ).toEqual([]);
    } finally {
      await system.close();
    }
  });
});

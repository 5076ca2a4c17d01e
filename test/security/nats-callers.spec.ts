import { randomUUID } from 'node:crypto';
import { connect, headers as natsHeaders, JSONCodec, type NatsConnection } from 'nats';
import {
  AgentSubjects,
  BACKEND_SERVICES,
  BillingSubjects,
  CALLER_HEADER,
  CALLER_PROOF_HEADER,
  ContentSubjects,
  EnrolmentSubjects,
  HouseholdSubjects,
  NotificationSubjects,
  ReservationSubjects,
  Subjects,
  type BackendServiceName,
  type Caller,
} from '@portail/contracts';
import { CallerSigner, generateCallerKeys } from '@portail/service-kit';
import type { TestSystem } from '@portail/testing';
import { startSystem } from '../support/services';

/** A command of each service that an administrator may send: what a forged caller would aim at. */
const ADMIN_COMMANDS: Record<BackendServiceName, string> = {
  identity: AgentSubjects.administratorsCreate,
  content: ContentSubjects.newsCreate,
  enrolment: EnrolmentSubjects.proceduresCreate,
  reservation: ReservationSubjects.activitiesCreate,
  billing: BillingSubjects.regiesCreate,
  notification: NotificationSubjects.outgoingMessagesList,
};

const FORGED_ADMIN: Caller = { kind: 'admin', accountId: randomUUID() };

interface Packet {
  response?: unknown;
  err?: { code?: string; message?: string };
}

/**
 * Each service verifies who calls it before trusting `x-portail-caller`: every service of a
 * running system is sent forged, unsigned, replayed, moved and stale callers straight over NATS
 * (skipping the gateway), and refuses them all; a subject meant for services refuses the gateway.
 */
describe('security: callers over NATS are verified by every service', () => {
  let system: TestSystem;
  let nats: NatsConnection;
  const codec = JSONCodec<Packet>();
  let gatewaySigner: CallerSigner;

  beforeAll(async () => {
    system = await startSystem([...BACKEND_SERVICES]);
    nats = await connect({ servers: system.env.NATS_URL });
    gatewaySigner = CallerSigner.fromSeed(
      'gateway',
      system.callerEnvOf('gateway').CALLER_SIGNING_KEY!,
    );
  });

  afterAll(async () => {
    await nats?.close();
    await system?.close();
  });

  const wire = (subject: string) => `${system.env.NATS_SUBJECT_PREFIX}${subject}`;
  const bodyOf = (subject: string, data: unknown = {}) =>
    new TextEncoder().encode(JSON.stringify({ pattern: subject, data, id: randomUUID() }));

  async function send(
    subject: string,
    body: Uint8Array,
    headers: Record<string, string>,
  ): Promise<Packet> {
    const h = natsHeaders();
    for (const [name, value] of Object.entries(headers)) h.set(name, value);
    const reply = await nats.request(wire(subject), body, { timeout: 5000, headers: h });
    return codec.decode(reply.data);
  }

  const refusedAsUnverified = {
    err: expect.objectContaining({
      code: 'CALLER_NOT_VERIFIED',
      message: 'L’appel n’a pas pu être authentifié. Veuillez réessayer.',
    }) as unknown,
  };

  it.each([...BACKEND_SERVICES])(
    '%s refuses a forged administrator sent as a plain header, without a proof',
    async (service) => {
      const subject = ADMIN_COMMANDS[service];
      const reply = await send(subject, bodyOf(subject), {
        [CALLER_HEADER]: JSON.stringify(FORGED_ADMIN),
      });
      expect(reply).toMatchObject(refusedAsUnverified);
    },
  );

  it.each([...BACKEND_SERVICES])(
    '%s refuses a proof signed with a key it does not know, even named "gateway"',
    async (service) => {
      const impostor = generateCallerKeys(['gateway']);
      const signer = CallerSigner.fromSeed('gateway', impostor.seeds.gateway);
      const subject = ADMIN_COMMANDS[service];
      const body = bodyOf(subject);
      const reply = await send(subject, body, {
        [CALLER_PROOF_HEADER]: signer.sign(wire(subject), body, FORGED_ADMIN),
      });
      expect(reply).toMatchObject(refusedAsUnverified);
    },
  );

  it.each([...BACKEND_SERVICES])(
    '%s refuses a genuine proof whose caller was changed into an administrator',
    async (service) => {
      const subject = ADMIN_COMMANDS[service];
      const body = bodyOf(subject);
      const genuine = gatewaySigner.sign(wire(subject), body, {
        kind: 'family',
        accountId: randomUUID(),
      });
      const [payload, signature] = genuine.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as object;
      const tampered = Buffer.from(JSON.stringify({ ...claims, caller: FORGED_ADMIN })).toString(
        'base64url',
      );
      const reply = await send(subject, body, {
        [CALLER_PROOF_HEADER]: `${tampered}.${signature}`,
      });
      expect(reply).toMatchObject(refusedAsUnverified);
    },
  );

  it.each([...BACKEND_SERVICES])(
    '%s answers a genuine proof once and refuses the same request replayed',
    async (service) => {
      const subject = Subjects.health(service);
      const body = bodyOf(subject);
      const proof = gatewaySigner.sign(wire(subject), body);
      const first = await send(subject, body, { [CALLER_PROOF_HEADER]: proof });
      expect(first.err).toBeUndefined();
      expect(first.response).toMatchObject({ service });
      expect(await send(subject, body, { [CALLER_PROOF_HEADER]: proof })).toMatchObject(
        refusedAsUnverified,
      );
    },
  );

  it.each([...BACKEND_SERVICES])(
    '%s refuses a genuine proof moved to another subject or another body, or too old',
    async (service) => {
      const health = Subjects.health(service);
      const command = ADMIN_COMMANDS[service];
      const body = bodyOf(health);
      // Made for the health query, sent with the administrator's command.
      const moved = gatewaySigner.sign(wire(health), body, FORGED_ADMIN);
      expect(await send(command, body, { [CALLER_PROOF_HEADER]: moved })).toMatchObject(
        refusedAsUnverified,
      );
      // Made for one body, sent with another.
      const other = gatewaySigner.sign(wire(command), bodyOf(command, { a: 1 }), FORGED_ADMIN);
      expect(
        await send(command, bodyOf(command, { a: 2 }), { [CALLER_PROOF_HEADER]: other }),
      ).toMatchObject(refusedAsUnverified);
      // Made a minute ago (past the 30 s window).
      const stale = gatewaySigner.sign(wire(health), body, undefined, Date.now() - 60_000);
      expect(await send(health, body, { [CALLER_PROOF_HEADER]: stale })).toMatchObject(
        refusedAsUnverified,
      );
    },
  );

  it('refuses the gateway on subjects meant only for services, and answers the allowed service', async () => {
    const profiles = { childIds: [randomUUID()] };
    const asGateway = await system.request(
      HouseholdSubjects.childrenProfiles,
      profiles,
      {},
      {
        signAs: 'gateway',
      },
    );
    expect(asGateway.err).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Cette opération est réservée aux services du portail.',
    });
    const asBilling = await system.request(
      HouseholdSubjects.childrenProfiles,
      profiles,
      {},
      {
        signAs: 'billing',
      },
    );
    expect(asBilling.err).toMatchObject({ code: 'FORBIDDEN' });
    const asReservation = await system.request(
      HouseholdSubjects.childrenProfiles,
      profiles,
      {},
      {
        signAs: 'reservation',
      },
    );
    expect(asReservation.err).toBeUndefined();

    const quote = await system.request(BillingSubjects.quotesGet, {}, {}, { signAs: 'gateway' });
    expect(quote.err).toMatchObject({ code: 'FORBIDDEN' });
    // Reservation passes the check (then the empty query fails validation, not the caller).
    const fromReservation = await system.request(
      BillingSubjects.quotesGet,
      {},
      {},
      {
        signAs: 'reservation',
      },
    );
    expect(fromReservation.err).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('lets a dead-letter list answer only the service’s own key (its command line)', async () => {
    const subject = 'identity.dead-letters.list';
    expect((await system.request(subject, {}, {}, { signAs: 'gateway' })).err).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await system.request(subject, {}, {}, { signAs: 'identity' })).err).toBeUndefined();
  });
});

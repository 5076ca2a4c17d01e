/**
 * Issue 16: a caller key rotates with overlap, checked on a running service over NATS. Identity
 * is restarted as each step of the rotation of reservation's key leaves it: with the old and the
 * new public key listed, it answers reservation's calls signed with either; once the old key is
 * removed, a call signed with it is refused (CALLER_NOT_VERIFIED) and the new one still answers.
 */
import { randomUUID } from 'node:crypto';
import { connect, headers as natsHeaders, JSONCodec, type NatsConnection } from 'nats';
import { CALLER_PROOF_HEADER, HouseholdSubjects } from '@portail/contracts';
import { CallerSigner, generateCallerKeys } from '@portail/service-kit';
import type { TestSystem } from '@portail/testing';
import { backends, startSystem } from '../support/services';

interface Packet {
  response?: unknown;
  err?: { code?: string };
}

describe('security: rotating a caller key, over NATS', () => {
  let system: TestSystem;
  let nats: NatsConnection;
  const codec = JSONCodec<Packet>();
  const oldKey = generateCallerKeys(['reservation']);
  const newKey = generateCallerKeys(['reservation']);
  const publicOf = (set: typeof oldKey) => set.publicKeys.split('=')[1];
  const signerOf = (set: typeof oldKey) =>
    CallerSigner.fromSeed('reservation', set.seeds.reservation);

  /** Restarts identity trusting, for reservation, exactly `keys`. */
  async function identityTrusting(keys: Array<typeof oldKey>): Promise<void> {
    const others = system.callerEnvOf('identity').CALLER_PUBLIC_KEYS!.split(',');
    const listed = [
      ...others.filter((entry) => !entry.startsWith('reservation=')),
      ...keys.map((set) => `reservation=${publicOf(set)}`),
    ];
    await system.stopService('identity');
    await system.startBackend(backends.identity, { CALLER_PUBLIC_KEYS: listed.join(',') });
  }

  /** What identity answers reservation's query (children's profiles) signed by `signer`. */
  async function profilesSignedBy(signer: CallerSigner): Promise<Packet> {
    const subject = HouseholdSubjects.childrenProfiles;
    const wire = `${system.env.NATS_SUBJECT_PREFIX}${subject}`;
    const body = new TextEncoder().encode(
      JSON.stringify({ pattern: subject, data: { childIds: [randomUUID()] }, id: randomUUID() }),
    );
    const h = natsHeaders();
    h.set(CALLER_PROOF_HEADER, signer.sign(wire, body));
    const reply = await nats.request(wire, body, { timeout: 5000, headers: h });
    return codec.decode(reply.data);
  }

  beforeAll(async () => {
    system = await startSystem(['identity']);
    nats = await connect({ servers: system.env.NATS_URL });
  }, 120_000);

  afterAll(async () => {
    await nats?.close();
    await system?.close();
  });

  it('answers calls signed by the old key or the new one while both are listed', async () => {
    await identityTrusting([oldKey, newKey]);
    for (const signer of [signerOf(oldKey), signerOf(newKey)]) {
      const answer = await profilesSignedBy(signer);
      expect(answer.err).toBeUndefined();
      expect(answer.response).toBeDefined();
    }
  }, 60_000);

  it('refuses the old key once it is removed, and answers the new one', async () => {
    await identityTrusting([newKey]);
    expect(await profilesSignedBy(signerOf(oldKey))).toMatchObject({
      err: { code: 'CALLER_NOT_VERIFIED' },
    });
    expect((await profilesSignedBy(signerOf(newKey))).err).toBeUndefined();
  }, 60_000);
});

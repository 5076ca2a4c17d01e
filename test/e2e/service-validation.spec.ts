import { randomUUID } from 'node:crypto';
import { Subjects } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { startSystem } from '../support/services';

/** Services check what they receive again, whoever sent it: here a caller that skips the gateway. */
describe('a service called directly over NATS with bad input', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem(['identity']);
  });

  afterAll(async () => {
    await system?.close();
  });

  const call = (subject: string, data: unknown) => system.request(subject, data);

  it('answers VALIDATION_FAILED with field details for a malformed id', async () => {
    const reply = await call(Subjects.identity.organisationsGet, { id: 'not-a-uuid' });
    expect(reply.err).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'La requête contient des données invalides.',
      details: {
        fields: [{ field: 'id', message: "L'identifiant de la collectivité doit être un UUID." }],
      },
    });
  });

  it('refuses unknown fields', async () => {
    const reply = await call(Subjects.identity.organisationsGet, { id: randomUUID(), admin: true });
    expect(reply.err).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [expect.objectContaining({ field: 'admin' })] },
    });
  });

  it('answers a domain error as its envelope', async () => {
    const id = randomUUID();
    expect((await call(Subjects.identity.organisationsGet, { id })).err).toEqual({
      code: 'ORGANISATION_NOT_FOUND',
      message: "Cette collectivité n'existe pas.",
      details: { id },
    });
  });
});

import { AccountSubjects, Subjects } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { MAX_FIELD_ERRORS, MAX_PAYLOAD_DEPTH } from '@portail/validation';
import { startSystem } from '../support/services';

function nested(depth: number): unknown {
  let value: unknown = 'x';
  for (let level = 0; level < depth; level += 1) value = { a: value };
  return value;
}

/**
 * Shapes no declaration can describe — control characters, nesting deeper than any message,
 * more errors than a reply can carry — are refused by the one validation pipe, at the gateway
 * (400 problem+json) and again in the service (VALIDATION_FAILED over NATS).
 */
describe('payload limits, at the edge and in the services', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem(['identity']);
  });

  afterAll(async () => {
    await system?.close();
  });

  const post = (path: string, body: string) =>
    fetch(`${system.gatewayUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  it('answers 400 problem+json, naming the field, for a NUL character in a body', async () => {
    const response = await post(
      '/auth/login',
      JSON.stringify({ email: 'camille@example.fr', password: 'mot de passe\u0000' }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: {
        fields: [
          {
            field: 'password',
            message: 'Le texte contient des caractères de contrôle non autorisés.',
          },
        ],
      },
    });
  });

  it('answers 400 for a control character in a query string', async () => {
    const response = await fetch(`${system.gatewayUrl}/api/v1/organisations?search=Vichy%00`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('answers 400 for a body nested a thousand levels deep, and still serves', async () => {
    const response = await post('/auth/login', JSON.stringify(nested(1000)));
    expect(response.status).toBe(400);
    expect(
      ((await response.json()) as { details: { fields: Array<{ message: string }> } }).details
        .fields[0].message,
    ).toContain(`au plus ${MAX_PAYLOAD_DEPTH} niveaux`);
    expect((await fetch(`${system.gatewayUrl}/api/v1/organisations`)).status).toBe(200);
  });

  it('refuses the same shapes when a caller skips the gateway', async () => {
    const reply = await system.request(Subjects.identity.organisationsGet, {
      id: 'abc\u0000',
    });
    expect(reply.err).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'id' }] },
    });
    const deep = await system.request(AccountSubjects.login, nested(1000));
    expect(deep.err).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('reports a bounded number of field errors', async () => {
    const body = Object.fromEntries(
      Array.from({ length: 500 }, (_, index) => [`unknown${index}`, index]),
    );
    const reply = await system.request(AccountSubjects.login, body);
    const details = (reply.err as { details: { fields: unknown[]; truncated?: boolean } }).details;
    expect(details.fields).toHaveLength(MAX_FIELD_ERRORS);
    expect(details.truncated).toBe(true);
  });
});

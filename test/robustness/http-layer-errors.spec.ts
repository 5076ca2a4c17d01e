import type { TestSystem } from '@portail/testing';
import { startSystem } from '../support/services';

/** Errors raised by the HTTP layer itself follow the error contract like every other answer. */
describe('errors of the HTTP layer', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem(['identity']);
  });

  afterAll(async () => {
    await system?.close();
  });

  async function problemOf(
    path: string,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${system.gatewayUrl}${path}`);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('answers 414 URI_TOO_LONG for a path parameter over 100 characters', async () => {
    const { status, body } = await problemOf(`/api/v1/organisations/${'a'.repeat(150)}`);
    expect(status).toBe(414);
    expect(body).toMatchObject({ code: 'URI_TOO_LONG', status: 414 });
    expect(body.detail).toContain('trop long');
  });

  it.each([
    ['a malformed percent-encoding', '/api/v1/organisations/%E0%A4%A'],
    ['an overlong UTF-8 sequence', '/api/v1/organisations/%C0%AF'],
  ])('answers 400 VALIDATION_FAILED for %s', async (_, path) => {
    const { status, body } = await problemOf(path);
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(typeof body.correlationId).toBe('string');
  });

  it('answers 400 for a NUL character in a path parameter', async () => {
    const { status, body } = await problemOf('/api/v1/organisations/abc%00');
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

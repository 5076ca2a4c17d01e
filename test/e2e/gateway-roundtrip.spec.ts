import { randomUUID } from 'node:crypto';
import { BACKEND_SERVICES } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { startSystem } from '../support/services';

describe('gateway round trips through NATS', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem([...BACKEND_SERVICES], {
      SERVICE_TIMEOUT_MS: '1500',
      CORS_ORIGINS: 'https://portail.vichy.fr',
    });
  });

  afterAll(async () => {
    await system?.close();
  });

  it('reaches each of the six back-end services and reports them up', async () => {
    const response = await fetch(`${system.gatewayUrl}/api/v1/health`);
    const body = (await response.json()) as {
      status: string;
      services: Record<string, { status: string; latencyMs: number }>;
    };
    expect(response.status).toBe(200);
    expect(body.status).toBe('up');
    expect(Object.keys(body.services).sort()).toEqual([...BACKEND_SERVICES].sort());
    for (const service of BACKEND_SERVICES) {
      expect(body.services[service]).toMatchObject({ status: 'up' });
      expect(body.services[service].latencyMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('returns a domain error of a service as problem+json with its status and code', async () => {
    const id = randomUUID();
    const response = await fetch(`${system.gatewayUrl}/api/v1/organisations/${id}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({
      status: 404,
      code: 'ORGANISATION_NOT_FOUND',
      detail: "Cette collectivité n'existe pas.",
      instance: `/api/v1/organisations/${id}`,
      details: { id },
    });
  });

  it('refuses a malformed identifier at the edge with field details', async () => {
    const response = await fetch(`${system.gatewayUrl}/api/v1/organisations/not-a-uuid`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as {
      code: string;
      details: { fields: Array<{ field: string }> };
    };
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.details.fields).toEqual([expect.objectContaining({ field: 'id' })]);
  });

  it('answers an unknown route with a problem+json 404', async () => {
    const response = await fetch(`${system.gatewayUrl}/api/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { code: string }).code).toBe('NOT_FOUND');
  });

  it('echoes the caller x-request-id and carries it into the service logs', async () => {
    const correlationId = `test-${randomUUID()}`;
    const response = await fetch(`${system.gatewayUrl}/api/v1/organisations`, {
      headers: { 'x-request-id': correlationId },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(correlationId);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const services = new Set(
      system.logs.withCorrelationId(correlationId).map((line) => line.service),
    );
    expect(services).toEqual(new Set(['gateway', 'identity']));
  });

  it('generates a request id when the caller sends none', async () => {
    const response = await fetch(`${system.gatewayUrl}/api/v1/organisations`);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const response = await fetch(`${system.gatewayUrl}/api/v1/health`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('strict-transport-security')).toBeTruthy();
  });

  it('allows the configured browser origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${system.gatewayUrl}/api/v1/organisations`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    const allowed = await preflight('https://portail.vichy.fr');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portail.vichy.fr');
    const other = await preflight('https://evil.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

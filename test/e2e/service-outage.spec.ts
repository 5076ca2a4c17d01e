import { connect, type NatsConnection } from 'nats';
import { Subjects } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { startSystem } from '../support/services';

const TIMEOUT_MS = 800;

describe('a back-end service that is down or hung', () => {
  let system: TestSystem;
  let nats: NatsConnection;

  beforeAll(async () => {
    system = await startSystem(['identity'], { SERVICE_TIMEOUT_MS: String(TIMEOUT_MS) });
    nats = await connect({ servers: process.env.NATS_URL });
    await system.stopService('identity');
  });

  afterAll(async () => {
    await nats?.drain();
    await system?.close();
  });

  it('answers 503 at once when no replica of the service listens', async () => {
    const started = Date.now();
    const response = await fetch(`${system.gatewayUrl}/api/v1/organisations`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      details: { service: 'identity' },
    });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
  });

  it('answers 504 within the configured bound when the service never replies', async () => {
    const hung = nats.subscribe(
      `${system.env.NATS_SUBJECT_PREFIX}${Subjects.identity.organisationsList}`,
      {
        queue: 'identity',
        callback: () => undefined,
      },
    );
    try {
      const started = Date.now();
      const response = await fetch(`${system.gatewayUrl}/api/v1/organisations`);
      const elapsed = Date.now() - started;
      expect(response.status).toBe(504);
      expect(await response.json()).toMatchObject({ code: 'SERVICE_TIMEOUT' });
      expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + 1500);
    } finally {
      hung.unsubscribe();
    }
  });

  it('reports the stopped service down in the system health, with status 503', async () => {
    const response = await fetch(`${system.gatewayUrl}/api/v1/health`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as {
      status: string;
      services: Record<string, { status: string; error?: string }>;
    };
    expect(body.status).toBe('down');
    expect(body.services.identity).toMatchObject({ status: 'down', error: 'SERVICE_UNAVAILABLE' });
  });

  it('answers again once the service is back', async () => {
    await system.startBackend((await import('../support/services')).backends.identity);
    const response = await fetch(`${system.gatewayUrl}/api/v1/organisations`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([]);
  });
});

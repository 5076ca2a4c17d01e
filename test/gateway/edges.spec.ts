import { loadConfig } from '@portail/config';
import type { TestSystem } from '@portail/testing';
import { apiDocsEnabled, gatewayEnvSchema } from '../../services/gateway/src/config';
import { startSystem } from '../support/services';

/**
 * The gateway's public edges: the system health report is rate-limited like other public
 * routes while the probes are not, and the API documentation can be switched off.
 */

async function expectProblem404(response: Response): Promise<void> {
  expect({ url: response.url, status: response.status }).toEqual({
    url: response.url,
    status: 404,
  });
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(((await response.json()) as { code: string }).code).toBe('NOT_FOUND');
}

describe('gateway with API_DOCS_ENABLED=false and a small rate limit', () => {
  let system: TestSystem;

  beforeAll(async () => {
    // No back-end service: the health report says they are down, which is enough here.
    system = await startSystem([], {
      API_DOCS_ENABLED: 'false',
      RATE_LIMIT_PER_MINUTE: '3',
      SERVICE_TIMEOUT_MS: '200',
    });
  });

  afterAll(async () => {
    await system?.close();
  });

  it('answers 404 problem+json on /docs and the OpenAPI documents', async () => {
    for (const route of ['/docs', '/docs/', '/openapi.json', '/openapi.yaml']) {
      await expectProblem404(await fetch(`${system.gatewayUrl}${route}`));
    }
  });

  it('limits GET /api/v1/health per client IP, like other public routes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await fetch(`${system.gatewayUrl}/api/v1/health`);
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(((await response.json()) as { code: string }).code).toBe('RATE_LIMITED');
      } else {
        await response.body?.cancel();
      }
    }
    expect(statuses).toEqual([503, 503, 503, 429]);
  });

  it('never limits the probes /health/live and /health/ready', async () => {
    for (const probe of ['/health/live', '/health/ready']) {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i += 1) {
        const response = await fetch(`${system.gatewayUrl}${probe}`);
        statuses.push(response.status);
        await response.body?.cancel();
      }
      expect({ probe, statuses }).toEqual({ probe, statuses: Array(8).fill(200) });
    }
  });
});

describe('gateway with the default API_DOCS_ENABLED outside production', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem([]);
  });

  afterAll(async () => {
    await system?.close();
  });

  it('serves /docs and /openapi.json', async () => {
    expect((await fetch(`${system.gatewayUrl}/docs`)).status).toBe(200);
    const document = await fetch(`${system.gatewayUrl}/openapi.json`);
    expect(document.status).toBe(200);
    expect(((await document.json()) as { openapi: string }).openapi).toMatch(/^3\./);
  });
});

describe('API_DOCS_ENABLED', () => {
  const enabled = (env: NodeJS.ProcessEnv) =>
    apiDocsEnabled(loadConfig('gateway', gatewayEnvSchema, env));

  it('defaults to on outside production and off under NODE_ENV=production', () => {
    expect(enabled({})).toBe(true);
    expect(enabled({ NODE_ENV: 'development' })).toBe(true);
    expect(enabled({ NODE_ENV: 'test' })).toBe(true);
    expect(enabled({ NODE_ENV: 'production' })).toBe(false);
  });

  it('is followed when set, in production too', () => {
    expect(enabled({ NODE_ENV: 'production', API_DOCS_ENABLED: 'true' })).toBe(true);
    expect(enabled({ NODE_ENV: 'development', API_DOCS_ENABLED: 'false' })).toBe(false);
  });

  it('refuses a value that is not a boolean, naming the variable', () => {
    expect(() => enabled({ API_DOCS_ENABLED: 'maybe' })).toThrow(/API_DOCS_ENABLED/);
  });
});

import { Client } from 'pg';
import {
  startDisposableNats,
  TestSystem,
  type DisposableNats,
  type LogLine,
} from '@portail/testing';
import { startSystem } from '../support/services';

/** Far longer than any answer here may take: an outage must be answered at once, not at the bound. */
const SERVICE_TIMEOUT_MS = 10_000;

async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('not recovered in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function timed(url: string): Promise<{ response: Response; elapsedMs: number }> {
  const started = Date.now();
  const response = await fetch(url);
  return { response, elapsedMs: Date.now() - started };
}

function linesLike(lines: LogLine[], text: string): LogLine[] {
  return lines.filter((line) => typeof line.msg === 'string' && line.msg.includes(text));
}

describe('outages of NATS and PostgreSQL', () => {
  describe('while NATS is down', () => {
    let nats: DisposableNats;
    let system: TestSystem;

    beforeAll(async () => {
      nats = await startDisposableNats();
      system = await startSystem(['identity'], {
        NATS_URL: nats.url,
        SERVICE_TIMEOUT_MS: String(SERVICE_TIMEOUT_MS),
      });
    });

    afterAll(async () => {
      await system?.close();
      await nats?.dispose();
    });

    it('answers 503 SERVICE_UNAVAILABLE at once, health and readiness included, logs it once, and recovers', async () => {
      expect((await fetch(`${system.gatewayUrl}/api/v1/organisations`)).status).toBe(200);
      await nats.stop();

      for (let attempt = 0; attempt < 5; attempt += 1) {
        const { response, elapsedMs } = await timed(`${system.gatewayUrl}/api/v1/organisations`);
        expect(response.status).toBe(503);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(await response.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
        expect(elapsedMs).toBeLessThan(SERVICE_TIMEOUT_MS);
      }
      const health = await timed(`${system.gatewayUrl}/api/v1/health`);
      expect(health.response.status).toBe(503);
      expect(health.elapsedMs).toBeLessThan(SERVICE_TIMEOUT_MS);
      const gatewayProbe = system.service('gateway').httpUrl;
      expect((await fetch(`${gatewayProbe}/health/ready`)).status).toBe(503);
      const gatewayLines = system.logs.lines.filter((line) => line.service === 'gateway');
      expect(linesLike(gatewayLines, 'NATS connection lost')).toHaveLength(1);

      await nats.start();
      await eventually(
        async () => (await fetch(`${system.gatewayUrl}/api/v1/organisations`)).status === 200,
      );
      expect((await fetch(`${gatewayProbe}/health/ready`)).status).toBe(200);
      const after = system.logs.lines.filter((line) => line.service === 'gateway');
      expect(linesLike(after, 'NATS connection back')).toHaveLength(1);
    });
  });

  describe("while a service's PostgreSQL is unreachable", () => {
    let system: TestSystem;
    let admin: Client;
    let database: string;

    beforeAll(async () => {
      system = await startSystem(['identity'], { SERVICE_TIMEOUT_MS: String(SERVICE_TIMEOUT_MS) });
      database = new URL(system.databaseUrlOf('identity')).pathname.slice(1);
      admin = new Client({ connectionString: TestSystem.serverUrl() });
      await admin.connect();
    });

    afterAll(async () => {
      await admin
        ?.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`)
        .catch(() => undefined);
      await admin?.end();
      await system?.close();
    });

    it('answers 503 SERVICE_UNAVAILABLE with Retry-After, logs one line without a stack, and recovers', async () => {
      expect((await fetch(`${system.gatewayUrl}/api/v1/organisations`)).status).toBe(200);
      // As during a restart: every connection cut, and no new one accepted.
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const { response, elapsedMs } = await timed(`${system.gatewayUrl}/api/v1/organisations`);
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('5');
        expect(await response.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
        expect(elapsedMs).toBeLessThan(SERVICE_TIMEOUT_MS);
      }
      const identityProbe = system.service('identity').httpUrl;
      expect((await fetch(`${identityProbe}/health/ready`)).status).toBe(503);
      expect(linesLike(system.logs.lines, 'PostgreSQL unreachable')).toHaveLength(1);
      expect(system.logs.lines.filter((line) => line.level === 'error')).toEqual([]);

      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
      await eventually(
        async () => (await fetch(`${system.gatewayUrl}/api/v1/organisations`)).status === 200,
      );
    });
  });
});

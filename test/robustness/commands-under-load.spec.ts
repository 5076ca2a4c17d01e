import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import type { TestSystem } from '@portail/testing';
import { aSignUp, postJson } from '../support/identity-actors';
import { startSystem } from '../support/services';

/** Small on purpose, so that a burst of a few dozen commands is "far beyond capacity". */
const MAX_IN_FLIGHT = 2;
const MAX_QUEUED = 2;
const BURST = 40;

async function accountsWithEmails(system: TestSystem, emails: string[]): Promise<number> {
  const [row] = await system.query<{ count: string }>(
    'identity',
    'SELECT count(*) FROM accounts WHERE email = ANY($1)',
    [emails],
  );
  return Number(row.count);
}

/**
 * A command is either done or refused with nothing done; told "retry", a client that retries
 * with its Idempotency-Key never makes it act twice.
 */
describe('commands under load and retried', () => {
  describe('past the capacity of a replica', () => {
    let system: TestSystem;

    beforeAll(async () => {
      // A generous timeout: every admitted sign-up must finish, only admission may refuse.
      system = await startSystem(['identity'], {
        MAX_IN_FLIGHT_REQUESTS: String(MAX_IN_FLIGHT),
        MAX_QUEUED_REQUESTS: String(MAX_QUEUED),
        SERVICE_TIMEOUT_MS: '30000',
      });
    });

    afterAll(async () => {
      await system?.close();
    });

    it('a burst far beyond capacity: each sign-up succeeds, or gets 503 SERVICE_BUSY with Retry-After and has no effect', async () => {
      const signUps = Array.from({ length: BURST }, () => aSignUp());
      const responses = await Promise.all(
        signUps.map((body) => postJson(system, '/accounts', body)),
      );
      const accepted: string[] = [];
      const refused: string[] = [];
      for (const [index, response] of responses.entries()) {
        const email = signUps[index].email;
        if (response.status === 202) {
          accepted.push(email);
          continue;
        }
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(await response.json()).toMatchObject({ code: 'SERVICE_BUSY' });
        refused.push(email);
      }
      expect(accepted.length).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);
      expect(await accountsWithEmails(system, accepted)).toBe(accepted.length);
      expect(await accountsWithEmails(system, refused)).toBe(0);
    });
  });

  describe('with an Idempotency-Key', () => {
    let system: TestSystem;

    beforeAll(async () => {
      system = await startSystem(['identity'], { SERVICE_TIMEOUT_MS: '1000' });
    });

    afterAll(async () => {
      await system?.close();
    });

    it('a sign-up that timed out, retried with its Idempotency-Key, creates one account and returns the first outcome', async () => {
      const body = aSignUp();
      const key = randomUUID();
      const headers = { 'idempotency-key': `"${key}"` };
      // Hold the accounts table so that the first attempt outlives the gateway's timeout.
      const blocker = new Client({ connectionString: system.databaseUrlOf('identity') });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE accounts IN EXCLUSIVE MODE');
        const first = await postJson(system, '/accounts', body, headers);
        expect(first.status).toBe(504);
        await blocker.query('COMMIT');
      } finally {
        await blocker.end();
      }
      // The service went on and committed; the retry must not sign up a second time.
      let retry: Response;
      do {
        retry = await postJson(system, '/accounts', body, headers);
      } while (retry.status === 409);
      expect(retry.status).toBe(202);
      expect(await retry.json()).toEqual({ message: expect.any(String) as string });
      expect(await accountsWithEmails(system, [body.email])).toBe(1);
      const [{ count: events }] = await system.query<{ count: string }>(
        'identity',
        "SELECT count(*) FROM outbox WHERE type = 'identity.account.created' AND envelope->'payload'->>'email' = $1",
        [body.email],
      );
      expect(Number(events)).toBeLessThanOrEqual(1);

      const another = await postJson(system, '/accounts', { ...body, firstName: 'Léa' }, headers);
      expect(another.status).toBe(422);
      expect(await another.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    });

    it('refuses a malformed Idempotency-Key with 400 problem+json', async () => {
      const response = await postJson(system, '/accounts', aSignUp(), {
        'idempotency-key': 'x'.repeat(300),
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });
});

import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { exportJWK, SignJWT, type JWK } from 'jose';
import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, Subjects } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { RefreshTokenSessionStart1764260000001 } from '../../services/identity/src/migrations/1764260000001-refresh-token-session-start';
import { aFamily, postJson } from '../support/identity-actors';
import { startSystem } from '../support/services';

const current = generateKeyPairSync('ed25519');
const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsaKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

type Problem = { code: string; detail: string };

/** EdDSA only at the gateway, the absolute life of a session, and unknown key ids. */
describe('session limits and signing algorithms', () => {
  let system: TestSystem;

  const me = (token: string) =>
    fetch(`${system.gatewayUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  const refresh = (refreshToken: string) => postJson(system, '/auth/refresh', { refreshToken });
  const problemOf = async (response: Response) => {
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    return (await response.json()) as Problem;
  };

  const sign = (key: KeyObject, alg: string, kid: string, claims: Record<string, unknown>) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg, kid, typ: 'JWT' })
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setIssuedAt(now - 60)
      .setExpirationTime(now + 600)
      .sign(key);
  };

  beforeAll(async () => {
    // Keys of other algorithms published under known kids: identity serves them, the gateway
    // must ignore them.
    const published: JWK[] = [
      { ...(await exportJWK(ecKey.publicKey)), kid: 'legacy-es', alg: 'ES256' },
      { ...(await exportJWK(rsaKey.publicKey)), kid: 'legacy-rs', alg: 'RS256' },
    ];
    system = await startSystem(['identity'], {
      JWT_PRIVATE_KEY: current.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      JWT_KEY_ID: 'portail-now',
      JWT_PREVIOUS_PUBLIC_KEYS: JSON.stringify(published),
    });
  });

  afterAll(async () => {
    await system?.close();
  });

  describe('access tokens', () => {
    it.each([
      ['ES256', () => ecKey.privateKey, 'legacy-es'],
      ['RS256', () => rsaKey.privateKey, 'legacy-rs'],
    ])(
      'are refused with 401 when signed with %s by a key published under a known kid',
      async (alg, key, kid) => {
        const family = await aFamily(system);
        const reply = await system.request(Subjects.identity.keysJwks, {});
        expect((reply.response as { keys: JWK[] }).keys.map((k) => k.kid)).toContain(kid);

        const response = await me(
          await sign(key(), alg, kid, { kind: 'family', sub: family.accountId }),
        );
        expect(response.status).toBe(401);
        const problem = await problemOf(response);
        expect(problem.code).toBe('UNAUTHENTICATED');
        expect(problem.detail).toBe('Le jeton de connexion est invalide.');
        // The genuine EdDSA token still works.
        expect((await me(family.accessToken)).status).toBe(200);
      },
    );

    it('with unknown kids are refused at once, and do not disturb valid tokens', async () => {
      const family = await aFamily(system);
      const forged = await Promise.all(
        Array.from({ length: 20 }, () =>
          sign(current.privateKey, 'EdDSA', randomUUID(), {
            kind: 'family',
            sub: family.accountId,
          }),
        ),
      );
      const responses = await Promise.all(forged.map((token) => me(token)));
      for (const response of responses) {
        expect(response.status).toBe(401);
        expect((await problemOf(response)).code).toBe('UNAUTHENTICATED');
      }
      expect((await me(family.accessToken)).status).toBe(200);
    });
  });

  describe('sessions', () => {
    const startOf = async (accountId: string) =>
      system.query<{ chain_id: string; session_started_at: Date; expires_at: Date }>(
        'identity',
        'SELECT chain_id, session_started_at, expires_at FROM refresh_tokens ' +
          'WHERE account_id = $1 ORDER BY created_at, id',
        [accountId],
      );

    it('keep the start of their login through refreshes', async () => {
      const family = await aFamily(system);
      const [login] = await startOf(family.accountId);
      const first = (await (await refresh(family.refreshToken)).json()) as { refreshToken: string };
      expect((await refresh(first.refreshToken)).status).toBe(200);
      const links = await startOf(family.accountId);
      expect(links).toHaveLength(3);
      for (const link of links) {
        expect(link.chain_id).toBe(login.chain_id);
        expect(new Date(link.session_started_at).getTime()).toBe(
          new Date(login.session_started_at).getTime(),
        );
      }
    });

    it('end SESSION_MAX_AGE_DAYS (90) after their login, whatever the refreshes', async () => {
      const family = await aFamily(system);
      const rotated = (await (await refresh(family.refreshToken)).json()) as {
        refreshToken: string;
      };
      // The session started 90 days and a minute ago; its latest link is still fresh.
      await system.query(
        'identity',
        "UPDATE refresh_tokens SET session_started_at = now() - interval '90 days 1 minute' WHERE account_id = $1",
        [family.accountId],
      );
      const response = await refresh(rotated.refreshToken);
      expect(response.status).toBe(401);
      const problem = await problemOf(response);
      expect(problem.code).toBe('SESSION_EXPIRED');
      expect(problem.detail).toBe(
        'Votre session a atteint sa durée maximale. Veuillez vous reconnecter.',
      );
      // The chain is over; a new login starts a new session.
      expect((await problemOf(await refresh(rotated.refreshToken))).code).toBe(
        'REFRESH_TOKEN_INVALID',
      );
      const login = await postJson(system, '/auth/login', {
        email: family.email,
        password: family.password,
      });
      expect(login.status).toBe(200);
      const pair = (await login.json()) as { refreshToken: string };
      expect((await refresh(pair.refreshToken)).status).toBe(200);
    });

    it('give refresh tokens that never outlive the session', async () => {
      const family = await aFamily(system);
      await system.query(
        'identity',
        "UPDATE refresh_tokens SET session_started_at = now() - interval '89 days' WHERE account_id = $1",
        [family.accountId],
      );
      expect((await refresh(family.refreshToken)).status).toBe(200);
      const links = await startOf(family.accountId);
      expect(links).toHaveLength(2);
      const newest = links[1];
      // The login's link was issued before the start was moved back; the refresh's is capped.
      expect(new Date(newest.expires_at).getTime()).toBeLessThanOrEqual(
        new Date(newest.session_started_at).getTime() + 90 * 86_400_000 + 1000,
      );
      // About one day left, not REFRESH_TOKEN_TTL_DAYS (30).
      expect(new Date(newest.expires_at).getTime() - Date.now()).toBeLessThan(2 * 86_400_000);
    });

    it('of existing chains start at their earliest link after the migration', async () => {
      const family = await aFamily(system);
      const client = new Client({ connectionString: system.databaseUrlOf('identity') });
      await client.connect();
      try {
        await client.query('BEGIN');
        // As before the migration: no column, links of two chains created at different times.
        await client.query('ALTER TABLE refresh_tokens DROP COLUMN session_started_at');
        const [chainA, chainB] = [randomUUID(), randomUUID()];
        const links: Array<[string, string]> = [
          [chainA, '2026-01-01T10:00:00Z'],
          [chainA, '2026-02-01T10:00:00Z'],
          [chainA, '2026-03-01T10:00:00Z'],
          [chainB, '2026-04-01T10:00:00Z'],
        ];
        for (const [chain, createdAt] of links) {
          await client.query(
            `INSERT INTO refresh_tokens (id, account_id, chain_id, token_hash, expires_at, created_at)
             VALUES ($1, $2, $3, $4, now() + interval '1 day', $5)`,
            [randomUUID(), family.accountId, chain, randomUUID(), createdAt],
          );
        }
        const runner = { query: (sql: string) => client.query(sql) } as unknown as QueryRunner;
        await new RefreshTokenSessionStart1764260000001().up(runner);
        const rows = (
          await client.query<{ chain_id: string; started: Date }>(
            'SELECT chain_id, session_started_at AS started FROM refresh_tokens WHERE chain_id = ANY($1)',
            [[chainA, chainB]],
          )
        ).rows;
        expect(rows).toHaveLength(4);
        for (const row of rows) {
          expect(new Date(row.started).toISOString()).toBe(
            row.chain_id === chainA ? '2026-01-01T10:00:00.000Z' : '2026-04-01T10:00:00.000Z',
          );
        }
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
        await client.end();
      }
    });
  });
});

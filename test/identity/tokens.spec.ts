import { createHmac, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, exportJWK, SignJWT, type JWK } from 'jose';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, Subjects } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { aFamily, anAdmin, aSignUp, logIn, postJson } from '../support/identity-actors';
import { startSystem } from '../support/services';

const current = generateKeyPairSync('ed25519');
const previous = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Sessions (refresh-token chains) and access tokens, with a configured and a previous key. */
describe('sessions and access tokens', () => {
  let system: TestSystem;
  let previousJwk: JWK;
  const secrets = new Set<string>();

  const me = (token: string) =>
    fetch(`${system.gatewayUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  const refresh = (refreshToken: string) => postJson(system, '/auth/refresh', { refreshToken });
  const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;

  const sign = (
    key: KeyObject,
    kid: string,
    claims: Record<string, unknown>,
    options: { iss?: string; aud?: string; exp?: number } = {},
  ) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
      .setIssuer(options.iss ?? ACCESS_TOKEN_ISSUER)
      .setAudience(options.aud ?? ACCESS_TOKEN_AUDIENCE)
      .setIssuedAt(now - 60)
      .setExpirationTime(options.exp ?? now + 600)
      .sign(key);
  };

  beforeAll(async () => {
    previousJwk = { ...(await exportJWK(previous.publicKey)), kid: 'portail-2024' };
    system = await startSystem(['identity'], {
      JWT_PRIVATE_KEY: current.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      JWT_KEY_ID: 'portail-2025',
      JWT_PREVIOUS_PUBLIC_KEYS: JSON.stringify([previousJwk]),
    });
  });

  afterAll(async () => {
    await system?.close();
  });

  describe('refresh tokens', () => {
    it('rotate: each refresh gives a new pair and the old token is spent', async () => {
      const family = await aFamily(system);
      secrets.add(family.password).add(family.refreshToken).add(family.accessToken);
      const first = await refresh(family.refreshToken);
      expect(first.status).toBe(200);
      const pair = (await first.json()) as { accessToken: string; refreshToken: string };
      secrets.add(pair.refreshToken).add(pair.accessToken);
      expect(pair.refreshToken).not.toBe(family.refreshToken);
      expect((await me(pair.accessToken)).status).toBe(200);
      const second = await refresh(pair.refreshToken);
      expect(second.status).toBe(200);
      secrets.add(((await second.json()) as { refreshToken: string }).refreshToken);
    });

    it('revoke the whole chain when a rotated token is presented again', async () => {
      const family = await aFamily(system);
      secrets.add(family.password).add(family.refreshToken);
      const rotated = (await (await refresh(family.refreshToken)).json()) as {
        refreshToken: string;
      };
      secrets.add(rotated.refreshToken);
      const otherSession = await logIn(system, family.email, family.password);
      secrets.add(otherSession.refreshToken);

      const replay = await refresh(family.refreshToken);
      expect(replay.status).toBe(401);
      expect(await codeOf(replay)).toBe('REFRESH_TOKEN_REUSED');
      // The legitimate holder of the latest link is logged out too; other sessions are not.
      const latest = await refresh(rotated.refreshToken);
      expect(latest.status).toBe(401);
      expect(await codeOf(latest)).toBe('REFRESH_TOKEN_INVALID');
      expect((await refresh(otherSession.refreshToken)).status).toBe(200);
      expect(
        system.logs.lines.some(
          (line) =>
            // In one process Nest's static logger writes through the last app booted (the gateway).
            line.level === 'warn' &&
            String(line.msg).includes(`account ${family.accountId} was presented again`),
        ),
      ).toBe(true);
    });

    it('stop working at logout, for the whole chain', async () => {
      const family = await aFamily(system);
      secrets.add(family.password).add(family.refreshToken);
      const rotated = (await (await refresh(family.refreshToken)).json()) as {
        refreshToken: string;
      };
      secrets.add(rotated.refreshToken);
      const logout = await postJson(system, '/auth/logout', {
        refreshToken: rotated.refreshToken,
      });
      expect(logout.status).toBe(204);
      expect(await codeOf(await refresh(rotated.refreshToken))).toBe('REFRESH_TOKEN_INVALID');
      // Logging out twice, or with an unknown token, is not an error.
      expect(
        (await postJson(system, '/auth/logout', { refreshToken: rotated.refreshToken })).status,
      ).toBe(204);
    });

    it('refuse an expired or unknown refresh token', async () => {
      const family = await aFamily(system);
      secrets.add(family.password).add(family.refreshToken);
      await system.query(
        'identity',
        "UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE account_id = $1",
        [family.accountId],
      );
      expect(await codeOf(await refresh(family.refreshToken))).toBe('REFRESH_TOKEN_INVALID');
      expect(await codeOf(await refresh('a'.repeat(43)))).toBe('REFRESH_TOKEN_INVALID');
    });
  });

  describe('access tokens', () => {
    let family: Awaited<ReturnType<typeof aFamily>>;
    const claimsOf = () => ({ kind: 'family', sub: family.accountId });

    beforeAll(async () => {
      family = await aFamily(system);
      secrets.add(family.password).add(family.refreshToken).add(family.accessToken);
    });

    it('are EdDSA JWTs with the configured key id, issuer, audience and a 15-minute life', async () => {
      expect(decodeProtectedHeader(family.accessToken)).toMatchObject({
        alg: 'EdDSA',
        kid: 'portail-2025',
      });
      const payload = JSON.parse(
        Buffer.from(family.accessToken.split('.')[1], 'base64url').toString('utf8'),
      ) as Record<string, unknown>;
      expect(payload).toMatchObject({
        iss: ACCESS_TOKEN_ISSUER,
        aud: ACCESS_TOKEN_AUDIENCE,
        sub: family.accountId,
        kind: 'family',
      });
      expect(Number(payload.exp) - Number(payload.iat)).toBe(900);
    });

    it('are verified with the JWKS, which also holds the previous key', async () => {
      const response = await fetch(`${system.gatewayUrl}/api/v1/me`, {
        headers: family.authorization,
      });
      expect(response.status).toBe(200);
      const reply = await system.request(Subjects.identity.keysJwks, {});
      const { keys } = reply.response as { keys: JWK[] };
      expect(keys.map((key) => key.kid)).toEqual(['portail-2025', 'portail-2024']);
      for (const key of keys) expect(key).not.toHaveProperty('d');
      // A token of the previous key still works during the rotation.
      expect((await me(await sign(previous.privateKey, 'portail-2024', claimsOf()))).status).toBe(
        200,
      );
    });

    it.each([
      [
        'signed by another key under the current kid',
        () => sign(stranger.privateKey, 'portail-2025', claimsOf()),
      ],
      ['signed by an unknown key', () => sign(stranger.privateKey, 'intruder', claimsOf())],
      [
        'expired',
        () =>
          sign(current.privateKey, 'portail-2025', claimsOf(), {
            exp: Math.floor(Date.now() / 1000) - 5,
          }),
      ],
      [
        'for another audience',
        () => sign(current.privateKey, 'portail-2025', claimsOf(), { aud: 'other-app' }),
      ],
      [
        'from another issuer',
        () => sign(current.privateKey, 'portail-2025', claimsOf(), { iss: 'someone-else' }),
      ],
      [
        'unsigned (alg none)',
        () =>
          Promise.resolve(
            `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({
              ...claimsOf(),
              iss: ACCESS_TOKEN_ISSUER,
              aud: ACCESS_TOKEN_AUDIENCE,
              iat: Math.floor(Date.now() / 1000),
              exp: Math.floor(Date.now() / 1000) + 600,
            })}.`,
          ),
      ],
      [
        'HS256 with the public key as secret',
        () => {
          const header = base64url({ alg: 'HS256', typ: 'JWT', kid: 'portail-2025' });
          const payload = base64url({
            ...claimsOf(),
            iss: ACCESS_TOKEN_ISSUER,
            aud: ACCESS_TOKEN_AUDIENCE,
            iat: Math.floor(Date.now() / 1000),
            exp: Math.floor(Date.now() / 1000) + 600,
          });
          const secret = current.publicKey.export({ type: 'spki', format: 'pem' });
          const signature = createHmac('sha256', secret)
            .update(`${header}.${payload}`)
            .digest('base64url');
          return Promise.resolve(`${header}.${payload}.${signature}`);
        },
      ],
      [
        'with a tampered payload',
        async () => {
          const [header, , signature] = family.accessToken.split('.');
          const forged = base64url({
            kind: 'admin',
            sub: family.accountId,
            iss: ACCESS_TOKEN_ISSUER,
            aud: ACCESS_TOKEN_AUDIENCE,
            iat: Math.floor(Date.now() / 1000),
            exp: Math.floor(Date.now() / 1000) + 600,
          });
          return Promise.resolve(`${header}.${forged}.${signature}`);
        },
      ],
    ])('are refused with 401 when %s', async (_, forge) => {
      const response = await me(await forge());
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await codeOf(response)).toBe('UNAUTHENTICATED');
    });

    it('are refused when the account kind is not allowed on the route', async () => {
      const admin = await anAdmin(system);
      secrets.add(admin.password).add(admin.refreshToken).add(admin.accessToken);
      expect((await me(admin.accessToken)).status).toBe(200);
      // An agent token without organisation is malformed for the contract: refused as such.
      const agentless = await sign(current.privateKey, 'portail-2025', {
        kind: 'agent',
        sub: randomUUID(),
      });
      expect((await me(agentless)).status).toBe(401);
    });
  });

  it('keeps secrets out of the logs', async () => {
    const hashes = await system.query<{ password_hash: string }>(
      'identity',
      'SELECT password_hash FROM accounts',
    );
    for (const { password_hash } of hashes) secrets.add(password_hash);
    for (const line of system.logs.lines) {
      const text = JSON.stringify(line);
      for (const secret of secrets) expect(text.includes(secret)).toBe(false);
    }
  });
});

describe('rate limits on credentials routes', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem(['identity'], { AUTH_RATE_LIMIT_PER_MINUTE: '3' });
  });

  afterAll(async () => {
    await system?.close();
  });

  it('answer 429 past the limit per minute and IP, on each route', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await postJson(system, '/auth/login', {
        email: 'personne@example.fr',
        password: 'Whatever-password-1',
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(((await response.json()) as { code: string }).code).toBe('RATE_LIMITED');
        // The throttler names its header after the throttler.
        expect(response.headers.get('retry-after-credentials')).toBeTruthy();
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Sign-up and password reset have their own budgets.
    expect((await postJson(system, '/accounts', aSignUp())).status).toBe(202);
    expect(
      (await postJson(system, '/auth/forgot-password', { email: 'personne@example.fr' })).status,
    ).toBe(202);
    // Routes without credentials are not slowed down by it.
    for (let i = 0; i < 5; i += 1) {
      expect((await fetch(`${system.gatewayUrl}/api/v1/organisations`)).status).toBe(200);
    }
  });
});

describe('rate limits on the routes that check the current password', () => {
  let system: TestSystem;

  beforeAll(async () => {
    // The account back-off (accounts.spec.ts) is set aside: only the rate limit is seen here.
    system = await startSystem(['identity'], {
      AUTH_RATE_LIMIT_PER_MINUTE: '3',
      LOGIN_MAX_FAILURES: '100',
    });
  });

  afterAll(async () => {
    await system?.close();
  });

  it('limit password and e-mail changes and account closure like the login', async () => {
    const family = await aFamily(system);
    const attempts = {
      'PUT /me/password': () =>
        fetch(`${system.gatewayUrl}/api/v1/me/password`, {
          method: 'PUT',
          headers: { ...family.authorization, 'content-type': 'application/json' },
          body: JSON.stringify({
            currentPassword: 'Not-the-password-1',
            newPassword: 'Another-password-42',
          }),
        }),
      'PUT /me/email': () =>
        fetch(`${system.gatewayUrl}/api/v1/me/email`, {
          method: 'PUT',
          headers: { ...family.authorization, 'content-type': 'application/json' },
          body: JSON.stringify({
            currentPassword: 'Not-the-password-1',
            newEmail: 'ailleurs@example.fr',
          }),
        }),
      'POST /me/close': () =>
        fetch(`${system.gatewayUrl}/api/v1/me/close`, {
          method: 'POST',
          headers: { ...family.authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ password: 'Not-the-password-1', confirm: true }),
        }),
    };
    for (const [route, attempt] of Object.entries(attempts)) {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await attempt()).status);
      expect({ route, statuses }).toEqual({ route, statuses: [403, 403, 403, 429] });
    }
  });
});

import type { TestSystem } from '@portail/testing';
import {
  A_PASSWORD,
  aFamily,
  anAdmin,
  aSignUp,
  aStaffAccount,
  latestTokenSentTo,
  tokenOfLink,
  logIn,
  postJson,
  uniqueEmail,
} from '../support/identity-actors';
import { startSystem } from '../support/services';

interface Problem {
  status: number;
  code: string;
  detail: string;
  details?: { fields?: Array<{ field: string; message: string }>; retryAfterSeconds?: number };
}

/** Personal spaces through the gateway: sign-up, verification, login, lockout, passwords, e-mail. */
describe('personal spaces', () => {
  let system: TestSystem;
  /** Every secret the tests handled; none may appear in a log line. */
  const secrets = new Set<string>();

  const remember = <T extends object>(value: T): T => {
    for (const [key, secret] of Object.entries(value)) {
      if (typeof secret === 'string' && /password|token/i.test(key)) secrets.add(secret);
    }
    return value;
  };
  const problemOf = async (response: Response) => {
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    return (await response.json()) as Problem;
  };
  const me = (authorization: { authorization: string }) =>
    fetch(`${system.gatewayUrl}/api/v1/me`, { headers: authorization });
  const outboxCount = async (type: string, accountId: string) =>
    Number(
      (
        await system.query<{ n: string }>(
          'identity',
          'SELECT count(*) AS n FROM outbox WHERE type = $1 AND aggregate_id = $2',
          [type, accountId],
        )
      )[0].n,
    );

  beforeAll(async () => {
    // Trusts the test client's X-Forwarded-For, to log in from several addresses.
    system = await startSystem(['identity'], { TRUST_PROXY: '127.0.0.1' });
  });

  afterAll(async () => {
    await system?.close();
  });

  describe('sign-up and verification', () => {
    it('creates a pending account, records its events, and activates it with the token', async () => {
      const signUp = remember(aSignUp());
      const response = await postJson(system, '/accounts', signUp);
      expect(response.status).toBe(202);
      const ack = (await response.json()) as { message: string };
      expect(ack.message).toMatch(/Si cette adresse e-mail est nouvelle/);

      const { accountId, token } = await latestTokenSentTo(system, signUp.email);
      secrets.add(token);
      const [row] = await system.query<{ status: string; password_hash: string }>(
        'identity',
        'SELECT status, password_hash FROM accounts WHERE id = $1',
        [accountId],
      );
      expect(row.status).toBe('pending');
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      secrets.add(row.password_hash);
      const stored = await system.query<{ token_hash: string }>(
        'identity',
        'SELECT token_hash FROM account_tokens WHERE account_id = $1',
        [accountId],
      );
      expect(stored).toHaveLength(1);
      expect(stored[0].token_hash).not.toContain(token);
      expect(await outboxCount('identity.account.created', accountId)).toBe(1);

      const pending = await postJson(system, '/auth/login', {
        email: signUp.email,
        password: signUp.password,
      });
      expect(pending.status).toBe(403);
      expect((await problemOf(pending)).code).toBe('ACCOUNT_NOT_VERIFIED');

      expect((await postJson(system, '/accounts/verify-email', { token })).status).toBe(204);
      expect(await outboxCount('identity.account.verified', accountId)).toBe(1);
      const reused = await postJson(system, '/accounts/verify-email', { token });
      expect(reused.status).toBe(400);
      expect((await problemOf(reused)).code).toBe('TOKEN_INVALID');

      const pair = remember(await logIn(system, signUp.email, signUp.password));
      expect(pair).toMatchObject({ expiresIn: 900, tokenType: 'Bearer' });
      const profile = await me({ authorization: `Bearer ${pair.accessToken}` });
      expect(profile.status).toBe(200);
      const body = (await profile.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        id: accountId,
        kind: 'family',
        status: 'active',
        email: signUp.email,
        firstName: 'Camille',
        address: { line1: '12 rue de Paris', postalCode: '03200', city: 'Vichy' },
      });
      expect(JSON.stringify(body)).not.toMatch(/argon2|password/i);
    });

    it('refuses an expired verification token', async () => {
      const signUp = remember(aSignUp());
      await postJson(system, '/accounts', signUp);
      const { accountId, token } = await latestTokenSentTo(system, signUp.email);
      secrets.add(token);
      await system.query(
        'identity',
        "UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE account_id = $1",
        [accountId],
      );
      const response = await postJson(system, '/accounts/verify-email', { token });
      expect(response.status).toBe(400);
      expect((await problemOf(response)).code).toBe('TOKEN_EXPIRED');
    });

    it('refuses an unknown token', async () => {
      const response = await postJson(system, '/accounts/verify-email', {
        token: 'x'.repeat(43),
      });
      expect(response.status).toBe(400);
      expect((await problemOf(response)).code).toBe('TOKEN_INVALID');
    });

    it('answers a sign-up with a known address like a new one, and tells the owner', async () => {
      const family = remember(await aFamily(system));
      const response = await postJson(
        system,
        '/accounts',
        remember(aSignUp({ email: family.email.toUpperCase(), password: 'Another-Password-42' })),
      );
      expect(response.status).toBe(202);
      expect(((await response.json()) as { message: string }).message).toMatch(
        /Si cette adresse e-mail est nouvelle/,
      );
      expect(await outboxCount('identity.account.sign-up-attempted', family.accountId)).toBe(1);
      // The existing password still works, the attempted one does not.
      remember(await logIn(system, family.email, family.password));
      const attempt = await postJson(system, '/auth/login', {
        email: family.email,
        password: 'Another-Password-42',
      });
      expect(attempt.status).toBe(401);
    });

    it('resends the verification e-mail at most 3 times an hour, with one answer for all', async () => {
      const signUp = remember(aSignUp());
      await postJson(system, '/accounts', signUp);
      const { accountId } = await latestTokenSentTo(system, signUp.email);
      const answers: string[] = [];
      for (let i = 0; i < 4; i += 1) {
        const response = await postJson(system, '/accounts/resend-verification', {
          email: signUp.email,
        });
        expect(response.status).toBe(202);
        answers.push(((await response.json()) as { message: string }).message);
      }
      const unknown = await postJson(system, '/accounts/resend-verification', {
        email: uniqueEmail(),
      });
      expect(unknown.status).toBe(202);
      answers.push(((await unknown.json()) as { message: string }).message);
      expect(new Set(answers).size).toBe(1);
      // The sign-up e-mail and two resends: three in the hour.
      expect(await outboxCount('identity.account.email-verification-requested', accountId)).toBe(3);
      const links = await system.query<{ envelope: { payload: { linkId: string } } }>(
        'identity',
        'SELECT envelope FROM outbox WHERE aggregate_id = $1 AND type = $2',
        [accountId, 'identity.account.email-verification-requested'],
      );
      for (const row of links) secrets.add(await tokenOfLink(system, row.envelope.payload.linkId));
    });
  });

  describe('login', () => {
    it('gives the same answer for an unknown address and a wrong password', async () => {
      const family = remember(await aFamily(system));
      const unknown = await postJson(system, '/auth/login', {
        email: uniqueEmail(),
        password: 'Whatever-password-1',
      });
      const wrong = await postJson(system, '/auth/login', {
        email: family.email,
        password: 'Whatever-password-1',
      });
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      const [a, b] = [await problemOf(unknown), await problemOf(wrong)];
      expect(a.code).toBe('INVALID_CREDENTIALS');
      expect({ ...a, correlationId: undefined }).toEqual({ ...b, correlationId: undefined });
    });

    it('locks the account for the address after 5 failures, even for the right password, until the lock ends', async () => {
      const family = remember(await aFamily(system));
      const attempt = (password: string) =>
        postJson(system, '/auth/login', { email: family.email, password });
      for (let i = 1; i <= 4; i += 1) {
        expect((await attempt(`Wrong-password-${i}`)).status).toBe(401);
      }
      const fifth = await attempt('Wrong-password-5');
      expect(fifth.status).toBe(423);
      const locked = await problemOf(fifth);
      expect(locked.code).toBe('ACCOUNT_LOCKED');
      expect(locked.details?.retryAfterSeconds).toBeGreaterThan(14 * 60);
      expect(locked.detail).toBe(
        'Trop de mots de passe erronés depuis cette connexion : votre compte y est bloqué pendant 15 minutes.',
      );

      const right = await attempt(family.password);
      expect(right.status).toBe(423);

      await system.query(
        'identity',
        "UPDATE credential_failures SET locked_until = now() - interval '1 second' WHERE account_id = $1",
        [family.accountId],
      );
      expect((await attempt(family.password)).status).toBe(200);
      const rows = await system.query(
        'identity',
        'SELECT * FROM credential_failures WHERE account_id = $1',
        [family.accountId],
      );
      expect(rows).toEqual([]);
    });

    it('counts wrong current passwords on the password change in the same back-off', async () => {
      const family = remember(await aFamily(system));
      const change = () =>
        fetch(`${system.gatewayUrl}/api/v1/me/password`, {
          method: 'PUT',
          headers: { ...family.authorization, 'content-type': 'application/json' },
          body: JSON.stringify({
            currentPassword: 'Not-the-password-1',
            newPassword: 'Another-password-42',
          }),
        });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await change()).status);
      expect(statuses).toEqual([403, 403, 403, 403, 423]);
      const login = await postJson(system, '/auth/login', {
        email: family.email,
        password: family.password,
      });
      expect(login.status).toBe(423);
    });

    it('does not let failures from one address lock the account out from another', async () => {
      const agent = remember(await aFamily(system));
      const from = (address: string, password: string) =>
        fetch(`${system.gatewayUrl}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
          body: JSON.stringify({ email: agent.email, password }),
        });
      for (let i = 1; i <= 5; i += 1) await from('203.0.113.7', `Wrong-password-${i}`);
      expect((await from('203.0.113.7', agent.password)).status).toBe(423);
      // The agent, at the office, still logs in; an IPv6 neighbour of the attacker's /64 does not.
      expect((await from('198.51.100.20', agent.password)).status).toBe(200);
      for (let i = 1; i <= 5; i += 1) await from('2001:db8:1:2::1', `Wrong-password-${i}`);
      expect((await from('2001:db8:1:2:ffff::9', agent.password)).status).toBe(423);
      expect((await from('2001:db8:1:3::1', agent.password)).status).toBe(200);
      // Only pseudonyms of the addresses are kept.
      const stored = JSON.stringify(
        await system.query('identity', 'SELECT * FROM credential_failures'),
      );
      expect(stored).not.toContain('203.0.113.7');
      expect(stored).not.toContain('2001:db8');
    });

    it('resets the failure count on a success', async () => {
      const family = remember(await aFamily(system));
      const attempt = (password: string) =>
        postJson(system, '/auth/login', { email: family.email, password });
      for (let i = 0; i < 4; i += 1) await attempt('Wrong-password-x1');
      expect((await attempt(family.password)).status).toBe(200);
      for (let i = 0; i < 4; i += 1) {
        expect((await attempt('Wrong-password-x2')).status).toBe(401);
      }
    });

    it('refuses a closed account', async () => {
      const family = remember(await aFamily(system));
      await system.query('identity', "UPDATE accounts SET status = 'closed' WHERE id = $1", [
        family.accountId,
      ]);
      const response = await postJson(system, '/auth/login', {
        email: family.email,
        password: family.password,
      });
      expect(response.status).toBe(403);
      expect((await problemOf(response)).code).toBe('ACCOUNT_CLOSED');
    });
  });

  describe('forgotten password', () => {
    it('answers the same for any address and resets with a single-use token', async () => {
      const family = remember(await aFamily(system));
      const known = await postJson(system, '/auth/forgot-password', { email: family.email });
      const unknown = await postJson(system, '/auth/forgot-password', { email: uniqueEmail() });
      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(await known.json()).toEqual(await unknown.json());

      const { token } = await latestTokenSentTo(
        system,
        family.email,
        'identity.account.password-reset-requested',
      );
      secrets.add(token);
      const newPassword = 'Nouveau-mot-de-passe-2026';
      secrets.add(newPassword);
      const weak = await postJson(system, '/auth/reset-password', {
        token,
        newPassword: 'court1',
      });
      expect(weak.status).toBe(400);
      expect((await problemOf(weak)).details?.fields).toEqual([
        expect.objectContaining({ field: 'newPassword' }),
      ]);
      expect((await postJson(system, '/auth/reset-password', { token, newPassword })).status).toBe(
        204,
      );

      const reused = await postJson(system, '/auth/reset-password', {
        token,
        newPassword: 'Encore-un-autre-mot-2027',
      });
      expect(reused.status).toBe(400);
      expect((await problemOf(reused)).code).toBe('TOKEN_INVALID');

      // Sessions opened before the reset are over; the new password works, the old one not.
      const refresh = await postJson(system, '/auth/refresh', {
        refreshToken: family.refreshToken,
      });
      expect(refresh.status).toBe(401);
      expect(
        (await postJson(system, '/auth/login', { email: family.email, password: family.password }))
          .status,
      ).toBe(401);
      remember(await logIn(system, family.email, newPassword));
    });

    it('refuses an expired reset token', async () => {
      const family = remember(await aFamily(system));
      await postJson(system, '/auth/forgot-password', { email: family.email });
      const { token } = await latestTokenSentTo(
        system,
        family.email,
        'identity.account.password-reset-requested',
      );
      secrets.add(token);
      await system.query(
        'identity',
        "UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE account_id = $1 AND purpose = 'password-reset'",
        [family.accountId],
      );
      const response = await postJson(system, '/auth/reset-password', {
        token,
        newPassword: 'Nouveau-mot-de-passe-2026',
      });
      expect(response.status).toBe(400);
      expect((await problemOf(response)).code).toBe('TOKEN_EXPIRED');
    });

    it('sends nothing for a pending account', async () => {
      const signUp = remember(aSignUp());
      await postJson(system, '/accounts', signUp);
      const { accountId } = await latestTokenSentTo(system, signUp.email);
      expect(
        (await postJson(system, '/auth/forgot-password', { email: signUp.email })).status,
      ).toBe(202);
      expect(await outboxCount('identity.account.password-reset-requested', accountId)).toBe(0);
    });
  });

  describe('my account', () => {
    it('is reachable by every kind of account', async () => {
      const family = remember(await aFamily(system));
      const admin = remember(await anAdmin(system));
      const agent = await aStaffAccount(system, 'agent');
      secrets.add(agent.password);
      expect((await me(family.authorization)).status).toBe(200);
      expect(await (await me(admin.authorization)).json()).toMatchObject({ kind: 'admin' });
      // Until the agents part attaches it to services, an agent cannot log in.
      const agentLogin = await postJson(system, '/auth/login', {
        email: agent.email,
        password: agent.password,
      });
      expect(agentLogin.status).toBe(403);
      expect((await problemOf(agentLogin)).code).toBe('ACCOUNT_NOT_ASSIGNED');
      expect((await fetch(`${system.gatewayUrl}/api/v1/me`)).status).toBe(401);
    });

    it('changes the password with the current one, ending the other sessions', async () => {
      const family = remember(await aFamily(system));
      const other = remember(await logIn(system, family.email, family.password));
      const newPassword = 'Mon-nouveau-secret-77';
      secrets.add(newPassword);
      const wrong = await postJson(
        system,
        '/me/password',
        { currentPassword: 'Not-my-password-1', newPassword },
        family.authorization,
        'PUT',
      );
      expect(wrong.status).toBe(403);
      expect((await problemOf(wrong)).code).toBe('CURRENT_PASSWORD_INCORRECT');
      const sameAsEmail = await postJson(
        system,
        '/me/password',
        { currentPassword: family.password, newPassword: family.email },
        family.authorization,
        'PUT',
      );
      expect(sameAsEmail.status).toBe(400);

      const response = await postJson(
        system,
        '/me/password',
        { currentPassword: family.password, newPassword },
        family.authorization,
        'PUT',
      );
      expect(response.status).toBe(200);
      const pair = remember(
        (await response.json()) as { accessToken: string; refreshToken: string },
      );
      expect(
        (await postJson(system, '/auth/refresh', { refreshToken: other.refreshToken })).status,
      ).toBe(401);
      expect(
        (await postJson(system, '/auth/refresh', { refreshToken: pair.refreshToken })).status,
      ).toBe(200);
      remember(await logIn(system, family.email, newPassword));
    });

    it('changes the e-mail only once the new address is verified', async () => {
      const family = remember(await aFamily(system));
      const newEmail = uniqueEmail('nouvelle');
      const response = await postJson(
        system,
        '/me/email',
        { currentPassword: family.password, newEmail },
        family.authorization,
        'PUT',
      );
      expect(response.status).toBe(202);
      expect(await (await me(family.authorization)).json()).toMatchObject({
        email: family.email,
        pendingEmail: newEmail,
      });
      const { token } = await latestTokenSentTo(system, newEmail);
      secrets.add(token);
      expect((await postJson(system, '/accounts/verify-email', { token })).status).toBe(204);
      expect(await (await me(family.authorization)).json()).toMatchObject({
        email: newEmail,
        pendingEmail: null,
      });
      remember(await logIn(system, newEmail, family.password));
      expect(
        (await postJson(system, '/auth/login', { email: family.email, password: family.password }))
          .status,
      ).toBe(401);
    });

    it('does not tell whether the new address already has an account', async () => {
      const family = remember(await aFamily(system));
      const other = remember(await aFamily(system));
      const response = await postJson(
        system,
        '/me/email',
        { currentPassword: family.password, newEmail: other.email },
        family.authorization,
        'PUT',
      );
      expect(response.status).toBe(202);
      expect(await outboxCount('identity.account.sign-up-attempted', other.accountId)).toBe(1);
      expect(await (await me(family.authorization)).json()).toMatchObject({ pendingEmail: null });
    });
  });

  describe('bad input', () => {
    const cases: Array<[string, string, Record<string, unknown>, string[]]> = [
      ['missing fields', '/accounts', {}, ['email', 'password', 'firstName', 'acceptTerms']],
      ['a malformed e-mail', '/accounts', { ...aSignUp(), email: 'pas-une-adresse' }, ['email']],
      [
        'wrong types',
        '/accounts',
        { ...aSignUp(), firstName: 42, acceptTerms: 'yes', address: 'Vichy' },
        ['firstName', 'acceptTerms', 'address'],
      ],
      [
        'oversized strings',
        '/accounts',
        {
          ...aSignUp(),
          lastName: 'x'.repeat(201),
          address: { line1: 'y'.repeat(201), postalCode: '03200', city: 'Vichy' },
        },
        ['lastName', 'address.line1'],
      ],
      ['unknown fields', '/accounts', { ...aSignUp(), role: 'admin' }, ['role']],
      [
        'unknown nested fields',
        '/accounts',
        {
          ...aSignUp(),
          address: { line1: 'a', postalCode: '03200', city: 'Vichy', country: 'FR' },
        },
        ['address.country'],
      ],
      ['terms not accepted', '/accounts', { ...aSignUp(), acceptTerms: false }, ['acceptTerms']],
      ['a short password', '/accounts', { ...aSignUp(), password: 'abc123' }, ['password']],
      ['digits missing', '/accounts', { ...aSignUp(), password: 'abcdefghijkl' }, ['password']],
      [
        'the e-mail as password',
        '/accounts',
        {
          ...aSignUp({ email: 'camille.martin.pw@example.fr' }),
          password: 'Camille.Martin.PW@example.fr',
        },
        ['password'],
      ],
      [
        'an oversized password',
        '/auth/login',
        { email: uniqueEmail(), password: 'p'.repeat(201) },
        ['password'],
      ],
      ['a login without password', '/auth/login', { email: uniqueEmail() }, ['password']],
      [
        'a malformed refresh token',
        '/auth/refresh',
        { refreshToken: 'not a token!' },
        ['refreshToken'],
      ],
      ['a token of the wrong type', '/accounts/verify-email', { token: 12 }, ['token']],
    ];

    it.each(cases)('refuses %s with 400 and field details', async (_, path, body, fields) => {
      const response = await postJson(system, path, body);
      expect(response.status).toBe(400);
      const problem = await problemOf(response);
      expect(problem.code).toBe('VALIDATION_FAILED');
      const reported = new Set(problem.details?.fields?.map((field) => field.field));
      for (const field of fields) expect(reported).toContain(field);
    });

    it('accepts a long passphrase without digits', async () => {
      const response = await postJson(
        system,
        '/accounts',
        remember(aSignUp({ password: 'une phrase de passe longue' })),
      );
      expect(response.status).toBe(202);
    });
  });

  it('never writes a password, token or hash into the logs', async () => {
    const hashes = await system.query<{ password_hash: string }>(
      'identity',
      'SELECT password_hash FROM accounts',
    );
    for (const { password_hash } of hashes) secrets.add(password_hash);
    secrets.add(A_PASSWORD);
    expect(secrets.size).toBeGreaterThan(20);
    expect(system.logs.lines.length).toBeGreaterThan(0);
    for (const line of system.logs.lines) {
      const text = JSON.stringify(line);
      for (const secret of secrets) {
        if (text.includes(secret))
          throw new Error(`A secret appears in a log line: ${text.slice(0, 200)}`);
      }
      expect(text).not.toMatch(/\$argon2/);
    }
  });
});

/**
 * Baseline of the identity-auth benchmark: the least a server can do to log a family in and
 * to answer `GET /api/v1/me` from the identity database, in one process. No NATS hop, no
 * Nest, no TypeORM, no throttler, hooks or security headers; the same work otherwise:
 *
 * - `POST /api/v1/auth/login`: the account by its normalised address (the columns TypeORM
 *   reads for identity's Login), `argon2.verify` against its stored hash (argon2 takes the
 *   parameters from the hash, so they are identity's), the refresh-token row identity inserts,
 *   and an access token signed with jose (EdDSA) with identity's header and claims;
 * - `GET /api/v1/me`: the access token verified with jose against the same public JWK and
 *   options as the gateway's guard, then identity's GetMyAccount query by id, mapped to the
 *   same JSON as identity's `toAccountProfile`.
 *
 * Only what the benchmark exercises is complete: the failure paths answer the right status
 * but do not count failures, lock accounts or support agents.
 *
 * Child process of bench/run.ts. Environment: DATABASE_URL (the identity database),
 * HTTP_PORT, DATABASE_POOL_SIZE (default 10), JWT_PRIVATE_KEY (Ed25519, PKCS#8 PEM, the one
 * identity signs with), JWT_KEY_ID, ACCESS_TOKEN_TTL_S (default 900), REFRESH_TOKEN_TTL_DAYS
 * (default 30).
 */
import { argon2id, hash as argon2Hash, verify as argon2Verify } from 'argon2';
import { addressKey } from '../../services/identity/src/accounts/credential-failures';
import Fastify, { type FastifyReply } from 'fastify';
import { createHash, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { createLocalJWKSet, exportJWK, jwtVerify, SignJWT } from 'jose';
import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  callerFromClaims,
  normalizeEmail,
  type AccessTokenClaims,
  type AccountProfile,
  type TokenPair,
} from '@portail/contracts';

interface AccountRow {
  id: string;
  kind: 'family' | 'agent' | 'admin';
  email: string;
  email_normalized: string;
  password_hash: string;
  status: 'pending' | 'active' | 'closed';
  first_name: string;
  last_name: string;
  phone: string | null;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  terms_accepted_at: Date | null;
  pending_email: string | null;
  email_verified_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Every column of identity's Account entity, as TypeORM's `findOneBy` reads them. */
const ACCOUNT_COLUMNS =
  'id, kind, email, email_normalized, password_hash, status, first_name, last_name, phone, ' +
  'address_line1, address_line2, postal_code, city, terms_accepted_at, pending_email, ' +
  'email_verified_at, closed_at, created_at, updated_at';
/** identity's Login: `findOneBy({ emailNormalized })`. */
const ACCOUNT_BY_EMAIL = `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE email_normalized = $1 LIMIT 1`;
/** identity's GetMyAccount: `findOneBy({ id })`. */
const ACCOUNT_BY_ID = `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = $1 LIMIT 1`;
/** identity's SessionTokens.add (a new chain per login). */
const INSERT_REFRESH_TOKEN =
  'INSERT INTO refresh_tokens (id, account_id, chain_id, token_hash, expires_at, used_at, revoked_at) ' +
  'VALUES ($1, $2, $3, $4, $5, NULL, NULL) RETURNING created_at';

const SIGNING_ALGORITHM = 'EdDSA';
/** What the gateway's AuthGuard accepts. */
const ACCEPTED_ALGORITHMS = ['EdDSA', 'ES256'];
const DAY_MS = 86_400_000;

/** identity's toAccountProfile, on a row instead of an entity. */
function profileOf(account: AccountRow): AccountProfile {
  const hasAddress = account.address_line1 && account.postal_code && account.city;
  return {
    id: account.id,
    kind: account.kind,
    status: account.status,
    email: account.email,
    pendingEmail: account.pending_email,
    emailVerifiedAt: account.email_verified_at?.toISOString() ?? null,
    firstName: account.first_name,
    lastName: account.last_name,
    phone: account.phone,
    address: hasAddress
      ? {
          line1: account.address_line1 ?? '',
          ...(account.address_line2 ? { line2: account.address_line2 } : {}),
          postalCode: account.postal_code ?? '',
          city: account.city ?? '',
        }
      : null,
    termsAcceptedAt: account.terms_accepted_at?.toISOString() ?? null,
    createdAt: account.created_at.toISOString(),
  };
}

function problem(reply: FastifyReply, status: number, code: string): FastifyReply {
  return reply.code(status).type('application/problem+json').send({ status, code, title: code });
}

function bearerToken(header: string | undefined): string | undefined {
  return header?.match(/^Bearer\s+([A-Za-z0-9._~+/=-]+)$/)?.[1];
}

async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2Verify(hash, password);
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  const pem = process.env.JWT_PRIVATE_KEY;
  const kid = process.env.JWT_KEY_ID;
  if (!databaseUrl || !pem || !kid) {
    throw new Error('DATABASE_URL, JWT_PRIVATE_KEY and JWT_KEY_ID are required');
  }
  const port = Number(process.env.HTTP_PORT ?? 0);
  const accessTtlS = Number(process.env.ACCESS_TOKEN_TTL_S ?? 900);
  const refreshTtlDays = Number(process.env.REFRESH_TOKEN_TTL_DAYS ?? 30);
  const privateKey = createPrivateKey(pem);
  const publicJwk = {
    ...(await exportJWK(createPublicKey(privateKey))),
    kid,
    alg: SIGNING_ALGORITHM,
    use: 'sig',
  };
  const keys = createLocalJWKSet({ keys: [publicJwk] });
  // As identity's PasswordHasher: an unknown address costs one verification too.
  const dummyHash = await argon2Hash(randomBytes(32).toString('base64url'), { type: argon2id });

  const pool = new Pool({
    connectionString: databaseUrl,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    application_name: 'portail-bench-bare-auth',
  });
  const app = Fastify({ logger: false });

  app.post('/api/v1/auth/login', async (request, reply) => {
    const body = request.body as { email?: unknown; password?: unknown } | undefined;
    if (typeof body?.email !== 'string' || typeof body.password !== 'string' || !body.password) {
      return problem(reply, 400, 'VALIDATION_FAILED');
    }
    const { rows } = await pool.query<AccountRow>(ACCOUNT_BY_EMAIL, [normalizeEmail(body.email)]);
    const account = rows[0];
    if (!account) {
      await verifyPassword(dummyHash, body.password);
      return problem(reply, 401, 'INVALID_CREDENTIALS');
    }
    // identity's back-off per account and client address (CredentialFailures).
    const address = addressKey(request.ip);
    const locked = await pool.query(
      `SELECT 1 FROM credential_failures
        WHERE account_id = $1 AND address_key = $2 AND locked_until > now()`,
      [account.id, address],
    );
    if (locked.rows.length > 0) return problem(reply, 423, 'ACCOUNT_LOCKED');
    if (!(await verifyPassword(account.password_hash, body.password))) {
      return problem(reply, 401, 'INVALID_CREDENTIALS');
    }
    if (account.status === 'pending') return problem(reply, 403, 'ACCOUNT_NOT_VERIFIED');
    if (account.status === 'closed') return problem(reply, 403, 'ACCOUNT_CLOSED');
    if (account.kind === 'agent') return problem(reply, 501, 'NOT_IN_THE_BASELINE');
    await pool.query('DELETE FROM credential_failures WHERE account_id = $1 AND address_key = $2', [
      account.id,
      address,
    ]);

    const refreshToken = randomBytes(32).toString('base64url');
    const session = uuidv7();
    await pool.query(INSERT_REFRESH_TOKEN, [
      uuidv7(),
      account.id,
      session,
      createHash('sha256').update(refreshToken, 'utf8').digest('hex'),
      new Date(Date.now() + refreshTtlDays * DAY_MS),
    ]);
    const now = Math.floor(Date.now() / 1000);
    // The session (refresh chain) in `sid`, as identity writes it, so revoked sessions are refused.
    const accessToken = await new SignJWT({ kind: account.kind, sid: session })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: 'JWT' })
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setSubject(account.id)
      .setIssuedAt(now)
      .setExpirationTime(now + accessTtlS)
      .setJti(uuidv7())
      .sign(privateKey);
    const pair: TokenPair = {
      accessToken,
      refreshToken,
      expiresIn: accessTtlS,
      tokenType: 'Bearer',
    };
    return pair;
  });

  app.get('/api/v1/me', async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    if (!token) return problem(reply, 401, 'UNAUTHENTICATED');
    let claims: AccessTokenClaims;
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        algorithms: ACCEPTED_ALGORITHMS,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      claims = payload as unknown as AccessTokenClaims;
    } catch {
      return problem(reply, 401, 'UNAUTHENTICATED');
    }
    const caller = callerFromClaims(claims);
    if (!caller) return problem(reply, 401, 'UNAUTHENTICATED');
    const { rows } = await pool.query<AccountRow>(ACCOUNT_BY_ID, [caller.accountId]);
    const account = rows[0];
    if (!account) return problem(reply, 404, 'ACCOUNT_NOT_FOUND');
    return profileOf(account);
  });

  app.get('/health/ready', async () => {
    await pool.query('SELECT 1');
    return { status: 'ok' };
  });

  await app.listen({ port, host: '127.0.0.1' });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`bare auth server: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bare auth server: start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

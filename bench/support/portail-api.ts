/**
 * Setting up data through the gateway, as a user would: JSON calls that fail loudly on an
 * unexpected status, verified family accounts (sign-up, then the token of the verification
 * e-mail asked of identity as the notification service does, then a login), an administrator (the one account that
 * cannot be made through the API: inserted in identity's database, as `npm run seed` does
 * through identity's use case) and a helper to run set-up calls a few at a time.
 */
import { argon2id, hash as argon2Hash } from 'argon2';
import type { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { connect } from 'nats';
import { AccountSubjects, normalizeEmail, type MailLinkToken } from '@portail/contracts';
import { natsRequest } from '@portail/service-kit';
import { benchSignerOf } from './service-security';

/** A password that passes identity's strength rules. */
export const BENCH_PASSWORD = 'Vichy-Thermes-2025';

/** A logged-in account. */
export interface Actor {
  accountId: string;
  email: string;
  accessToken: string;
}

export interface CallOptions {
  /** Access token sent as `Authorization: Bearer`. */
  token?: string;
  /** JSON body. */
  body?: unknown;
  /** Status the call must answer (default 200). */
  expect?: number;
}

/** JSON calls to the gateway's `/api/v1`. */
export class GatewayApi {
  constructor(readonly baseUrl: string) {}

  async call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    const expected = options.expect ?? 200;
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    if (response.status !== expected) {
      throw new Error(`${method} ${path}: expected ${expected}, got ${response.status} ${text}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async logIn(email: string, password = BENCH_PASSWORD): Promise<Actor> {
    const pair = await this.call<{ accessToken: string }>('POST', '/auth/login', {
      body: { email, password },
    });
    return { accountId: subjectOf(pair.accessToken), email, accessToken: pair.accessToken };
  }
}

/** The `sub` claim of an access token (the account id). */
export function subjectOf(token: string): string {
  const claims = JSON.parse(
    Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
  ) as { sub?: unknown };
  if (typeof claims.sub !== 'string') throw new Error('Access token without sub');
  return claims.sub;
}

/** Where a bench reaches identity: its database (the outbox) and its NATS subjects. */
export interface IdentityAccess {
  db: Client;
  natsUrl: string;
  /** The run's `NATS_SUBJECT_PREFIX`. */
  subjectPrefix: string;
}

/**
 * The verification token the e-mail to `email` carries: the event in identity's outbox names
 * the link (`linkId`, never the token), and identity gives its token to whoever sends the
 * e-mail (`identity.mail-links.token`), as it does to the notification service.
 */
export async function verificationTokenOf(
  identity: IdentityAccess,
  email: string,
): Promise<string> {
  const { rows } = await identity.db.query<{ link_id: string | null }>(
    `SELECT envelope -> 'payload' ->> 'linkId' AS link_id FROM outbox
      WHERE type = 'identity.account.email-verification-requested'
        AND lower(envelope -> 'payload' ->> 'email') = lower($1)
      ORDER BY id DESC LIMIT 1`,
    [email],
  );
  const linkId = rows[0]?.link_id;
  if (!linkId) throw new Error(`No verification event for ${email} in identity's outbox`);
  const connection = await connect({ servers: identity.natsUrl.split(',') });
  try {
    const { token } = await natsRequest<MailLinkToken>(
      connection,
      AccountSubjects.mailLinkToken,
      { linkId },
      // Only notification may ask for a link's token: the benchmark asks as notification does.
      {
        subjectPrefix: identity.subjectPrefix,
        timeoutMs: 10_000,
        signer: benchSignerOf('notification'),
      },
    );
    return token;
  } finally {
    await connection.close();
  }
}

/** A family account signed up, verified and logged in through the gateway. */
export async function aVerifiedFamily(
  api: GatewayApi,
  identity: IdentityAccess,
  person: { email: string; firstName: string; lastName: string },
): Promise<Actor> {
  await api.call('POST', '/accounts', {
    expect: 202,
    body: {
      email: person.email,
      password: BENCH_PASSWORD,
      firstName: person.firstName,
      lastName: person.lastName,
      phone: '04 70 30 17 17',
      address: { line1: '12 rue de Paris', postalCode: '03200', city: 'Vichy' },
      acceptTerms: true,
    },
  });
  const token = await verificationTokenOf(identity, person.email);
  await api.call('POST', '/accounts/verify-email', { expect: 204, body: { token } });
  return api.logIn(person.email);
}

/**
 * An active administrator, inserted in identity's database (the columns identity's
 * CreateStaffAccount writes, the password hashed with argon2id at the library's defaults, as
 * identity's PasswordHasher does), then logged in through the gateway.
 */
export async function anAdministrator(
  api: GatewayApi,
  identityDb: Client,
  email: string,
): Promise<Actor> {
  const passwordHash = await argon2Hash(BENCH_PASSWORD, { type: argon2id });
  await identityDb.query(
    `INSERT INTO accounts (id, kind, email, email_normalized, password_hash, status, first_name,
       last_name, email_verified_at)
     VALUES ($1, 'admin', $2, $3, $4, 'active', 'Alix', 'Administratrice', now())`,
    [uuidv7(), email, normalizeEmail(email), passwordHash],
  );
  return api.logIn(email);
}

/** `make(i)` for i in 0…count-1, at most `concurrency` at a time; results in order. */
export async function inParallel<T>(
  count: number,
  concurrency: number,
  make: (index: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < count; index = next++) results[index] = await make(index);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

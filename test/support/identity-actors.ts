/**
 * Test data for everyone who needs a logged-in caller: a family that signed up, verified its
 * address and logged in through the gateway, or an administrator created directly.
 *
 *   const family = await aFamily(system);
 *   await fetch(`${system.gatewayUrl}/api/v1/me`, { headers: family.authorization });
 */
import { randomUUID } from 'node:crypto';
import { AccountSubjects, type SignUpCommand, type TokenPair } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { CreateStaffAccount } from '../../services/identity/src/accounts/create-staff-account.use-case';

export interface Actor {
  accountId: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  /** Headers for fetch: `{ authorization: 'Bearer …' }`. */
  authorization: { authorization: string };
}

/** A unique address per call, so tests never collide. */
export function uniqueEmail(prefix = 'famille'): string {
  return `${prefix}.${randomUUID().slice(0, 12)}@example.fr`;
}

/** A password that passes the strength rules. */
export const A_PASSWORD = 'Vichy-Thermes-2025';

/** Sign-up data that passes validation; `overrides` replace fields. */
export function aSignUp(overrides: Partial<SignUpCommand> = {}): SignUpCommand {
  return {
    email: uniqueEmail(),
    password: A_PASSWORD,
    firstName: 'Camille',
    lastName: 'Martin',
    phone: '04 70 30 17 17',
    address: { line1: '12 rue de Paris', postalCode: '03200', city: 'Vichy' },
    acceptTerms: true,
    ...overrides,
  };
}

export async function postJson(
  system: TestSystem,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<Response> {
  return fetch(`${system.gatewayUrl}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function expectStatus(response: Response, status: number, what: string): Promise<void> {
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${await response.text()}`);
  }
}

interface LinkEvent {
  aggregateId: string;
  payload: { email: string; linkId: string };
}

/**
 * The latest single-use token sent to `email`, with the account id it belongs to: the token
 * the e-mail carries. Events never hold it: the event in identity's outbox names the link
 * (`linkId`), and identity gives the token of a link to whoever sends the e-mail, over NATS
 * (`identity.mail-links.token`), exactly as notification's mail sender asks for it at send time
 * (the same link always gives the same token, so this works with or without notification).
 */
export async function latestTokenSentTo(
  system: TestSystem,
  email: string,
  type:
    | 'identity.account.email-verification-requested'
    | 'identity.account.password-reset-requested' = 'identity.account.email-verification-requested',
): Promise<{ accountId: string; token: string }> {
  const rows = await system.query<{ envelope: LinkEvent | string }>(
    'identity',
    `SELECT envelope FROM outbox
      WHERE type = $1 AND lower(envelope -> 'payload' ->> 'email') = lower($2)
      ORDER BY id DESC LIMIT 1`,
    [type, email],
  );
  if (!rows[0]) throw new Error(`No ${type} event for ${email}`);
  const raw = rows[0].envelope;
  const envelope = (typeof raw === 'string' ? JSON.parse(raw) : raw) as LinkEvent;
  return {
    accountId: envelope.aggregateId,
    token: await tokenOfLink(system, envelope.payload.linkId),
  };
}

/** The token of a single-use link, as identity gives it to the sender of the e-mail. */
export async function tokenOfLink(system: TestSystem, linkId: string): Promise<string> {
  const reply = await system.request(AccountSubjects.mailLinkToken, { linkId });
  const token = (reply.response as { token?: unknown } | undefined)?.token;
  if (typeof token !== 'string') {
    throw new Error(`No token for the link ${linkId}: ${JSON.stringify(reply.err)}`);
  }
  return token;
}

export async function logIn(
  system: TestSystem,
  email: string,
  password: string,
): Promise<TokenPair> {
  const response = await postJson(system, '/auth/login', { email, password });
  await expectStatus(response, 200, `login of ${email}`);
  return (await response.json()) as TokenPair;
}

function actorOf(accountId: string, email: string, password: string, pair: TokenPair): Actor {
  return {
    accountId,
    email,
    password,
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    authorization: { authorization: `Bearer ${pair.accessToken}` },
  };
}

/** A family account: signed up and verified through the gateway, then logged in. */
export async function aFamily(
  system: TestSystem,
  overrides: Partial<SignUpCommand> = {},
): Promise<Actor> {
  const signUp = aSignUp(overrides);
  await expectStatus(await postJson(system, '/accounts', signUp), 202, 'sign-up');
  const { accountId, token } = await latestTokenSentTo(system, signUp.email);
  await expectStatus(
    await postJson(system, '/accounts/verify-email', { token }),
    204,
    'e-mail verification',
  );
  const pair = await logIn(system, signUp.email, signUp.password);
  return actorOf(accountId, signUp.email, signUp.password, pair);
}

/** Creates an active staff account in identity directly (the identity service must run in-process). */
export async function aStaffAccount(
  system: TestSystem,
  kind: 'admin' | 'agent',
  overrides: { email?: string; password?: string; firstName?: string; lastName?: string } = {},
): Promise<{ accountId: string; email: string; password: string }> {
  const email = overrides.email ?? uniqueEmail(kind);
  const password = overrides.password ?? A_PASSWORD;
  const account = await system
    .service('identity')
    .app.get(CreateStaffAccount, { strict: false })
    .execute({
      kind,
      email,
      password,
      firstName: overrides.firstName ?? (kind === 'admin' ? 'Alix' : 'Dominique'),
      lastName: overrides.lastName ?? (kind === 'admin' ? 'Administratrice' : 'Agent'),
    });
  return { accountId: account.id, email, password };
}

/** An administrator, created directly in identity and logged in through the gateway. */
export async function anAdmin(
  system: TestSystem,
  overrides: { email?: string; password?: string } = {},
): Promise<Actor> {
  const { accountId, email, password } = await aStaffAccount(system, 'admin', overrides);
  return actorOf(accountId, email, password, await logIn(system, email, password));
}

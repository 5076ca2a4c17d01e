import type { TestSystem } from '@portail/testing';
import { anAgent, anOrganisation } from '../support/directory-actors';
import {
  aFamily,
  anAdmin,
  latestTokenSentTo,
  logIn,
  postJson,
  type Actor,
} from '../support/identity-actors';
import { startSystem } from '../support/services';

/** What a token holder can still do: read its own profile. */
async function profileStatus(system: TestSystem, accessToken: string): Promise<number> {
  const response = await fetch(`${system.gatewayUrl}/api/v1/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return response.status;
}

/** The revocation travels by the outbox and JetStream: it lands within moments, not at expiry. */
async function refusedSoon(system: TestSystem, accessToken: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await profileStatus(system, accessToken)) !== 401) {
    if (Date.now() > deadline) throw new Error('the old access token is still accepted');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const response = await fetch(`${system.gatewayUrl}/api/v1/households`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(response.status).toBe(401);
  expect(await response.json()).toMatchObject({
    code: 'UNAUTHENTICATED',
    detail: 'Votre session a pris fin. Veuillez vous reconnecter.',
  });
}

/**
 * Closing an account, resetting or changing a password and deactivating an agent end the live
 * access tokens at once: personal data cannot be re-created after its erasure.
 */
describe('live access tokens after the end of their sessions', () => {
  let system: TestSystem;
  let admin: Actor;

  beforeAll(async () => {
    system = await startSystem(['identity']);
    admin = await anAdmin(system);
  });

  afterAll(async () => {
    await system?.close();
  });

  it('an account closed: its token no longer acts, e.g. cannot create a household', async () => {
    const family = await aFamily(system);
    expect(await profileStatus(system, family.accessToken)).toBe(200);
    const closed = await postJson(
      system,
      '/me/close',
      { confirm: true, password: family.password },
      family.authorization,
    );
    expect(closed.status).toBe(200);
    await refusedSoon(system, family.accessToken);
  });

  it('a password reset: every earlier token is refused, a new login works', async () => {
    const family = await aFamily(system);
    const otherDevice = await logIn(system, family.email, family.password);
    expect((await postJson(system, '/auth/forgot-password', { email: family.email })).status).toBe(
      202,
    );
    const { token } = await latestTokenSentTo(
      system,
      family.email,
      'identity.account.password-reset-requested',
    );
    const newPassword = 'Allier-Bellerive-2026';
    expect((await postJson(system, '/auth/reset-password', { token, newPassword })).status).toBe(
      204,
    );
    await refusedSoon(system, family.accessToken);
    await refusedSoon(system, otherDevice.accessToken);
    const again = await logIn(system, family.email, newPassword);
    expect(await profileStatus(system, again.accessToken)).toBe(200);
  });

  it('a password change: the other sessions end, the pair it returns keeps working', async () => {
    const family = await aFamily(system);
    const otherDevice = await logIn(system, family.email, family.password);
    const changed = await fetch(`${system.gatewayUrl}/api/v1/me/password`, {
      method: 'PUT',
      headers: { ...family.authorization, 'content-type': 'application/json' },
      body: JSON.stringify({
        currentPassword: family.password,
        newPassword: 'Cusset-Thermal-2026',
      }),
    });
    expect(changed.status).toBe(200);
    const pair = (await changed.json()) as { accessToken: string };
    await refusedSoon(system, otherDevice.accessToken);
    await refusedSoon(system, family.accessToken);
    expect(await profileStatus(system, pair.accessToken)).toBe(200);
  });

  it('an agent deactivated: its token is refused at once', async () => {
    const vichy = await anOrganisation(system, admin, 'Vichy', ['restauration']);
    const agent = await anAgent(system, admin, vichy, ['restauration']);
    expect(await profileStatus(system, agent.actor.accessToken)).toBe(200);
    const deactivated = await postJson(
      system,
      `/admin/agents/${agent.id}/deactivate`,
      {},
      admin.authorization,
    );
    expect(deactivated.status).toBe(200);
    await refusedSoon(system, agent.actor.accessToken);
  });
});

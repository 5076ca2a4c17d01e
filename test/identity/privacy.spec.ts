import type {
  AccountClosedView,
  ChildView,
  HouseholdView,
  PersonalDataExport,
} from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { aFamily, anAdmin, postJson, type Actor } from '../support/identity-actors';
import { startSystem } from '../support/services';

interface Problem {
  status: number;
  code: string;
  detail: string;
  details?: { fields?: Array<{ field: string; message: string }> };
}

type Json = Record<string, unknown>;

// Jest's asymmetric matchers are typed `any`: give it a type once.
const anyString: unknown = expect.any(String);

const GUARDIAN = {
  civility: 'madame',
  firstName: 'Maman',
  lastName: 'Paillette',
  relationship: 'mother',
  phone: '06 12 34 56 78',
  email: 'maman.paillette@example.fr',
  address: { line1: '12 rue de Flandre', postalCode: '03200', city: 'Vichy' },
  commune: { name: 'Vichy', inseeCode: '03310' },
};

const CHILD = {
  firstName: 'Iris',
  lastName: 'Paillette',
  birthDate: '2016-05-14',
  sex: 'female',
  schoolLevel: 'CM1',
  schoolName: 'École Jules Ferry',
  health: { allergies: ['arachide'], pai: true, paiDetails: 'Adrénaline', doctorName: 'Dr Morel' },
  authorisations: {
    imageRights: true,
    authorisedPickups: [
      { name: 'Jeanne Grandmère', relationship: 'grand-mère', phone: '06 98 76 54 32' },
    ],
  },
};

/** RGPD: a family downloads its personal data and closes its account. */
describe('personal data and account closure', () => {
  let system: TestSystem;

  const call = (method: string, path: string, actor?: Actor, body?: unknown): Promise<Response> =>
    fetch(`${system.gatewayUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(actor ? actor.authorization : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });

  const ok = async <T>(response: Response, status = 200): Promise<T> => {
    const text = await response.text();
    if (response.status !== status)
      throw new Error(`expected ${status}, got ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  };

  const problemOf = async (response: Response): Promise<Problem> => {
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    return (await response.json()) as Problem;
  };

  async function aFamilyWithChild(): Promise<{
    actor: Actor;
    household: HouseholdView;
    child: ChildView;
  }> {
    const actor = await aFamily(system, {
      firstName: 'Maman',
      lastName: 'Paillette',
      phone: '04 70 11 22 33',
    });
    const household = await ok<HouseholdView>(
      await call('POST', '/households', actor, {
        guardian: GUARDIAN,
        cafNumber: '7654321',
        familyQuotient: 480,
      }),
      201,
    );
    await ok(
      await call('POST', `/households/${household.id}/guardians`, actor, {
        ...GUARDIAN,
        civility: 'monsieur',
        firstName: 'Papa',
        relationship: 'father',
        email: 'papa.paillette@example.fr',
      }),
      201,
    );
    const child = await ok<ChildView>(
      await call('POST', `/households/${household.id}/children`, actor, CHILD),
      201,
    );
    return { actor, household, child };
  }

  beforeAll(async () => {
    system = await startSystem(['identity']);
  });

  afterAll(async () => {
    await system?.close();
  });

  describe('GET /me/personal-data', () => {
    it('downloads the account, consents, household, children and history, without any secret', async () => {
      const { actor, household, child } = await aFamilyWithChild();
      const response = await call('GET', '/me/personal-data', actor);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(response.headers.get('content-disposition')).toMatch(
        /^attachment; filename="donnees-personnelles-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      const text = await response.text();
      const data = JSON.parse(text) as PersonalDataExport;
      expect(data.account).toMatchObject({
        id: actor.accountId,
        email: actor.email,
        firstName: 'Maman',
        lastName: 'Paillette',
        phone: '04 70 11 22 33',
        status: 'active',
      });
      expect(data.consents.termsAcceptedAt).toEqual(expect.any(String));
      expect(data.household?.id).toBe(household.id);
      expect(data.household?.guardians.map((guardian) => guardian.firstName)).toEqual([
        'Maman',
        'Papa',
      ]);
      expect(data.household?.children).toEqual([child]);
      expect(data.household?.children[0].health.allergies).toEqual(['arachide']);
      expect(data.history.map((change) => `${change.entity}.${change.action}`)).toEqual([
        'household.created',
        'guardian.created',
        'guardian.created',
        'child.created',
      ]);
      expect(data.notice).toMatch(/factures/);

      const hashes = await system.query<{ password_hash: string }>(
        'identity',
        'SELECT password_hash FROM accounts WHERE id = $1',
        [actor.accountId],
      );
      expect(text).not.toContain(hashes[0].password_hash);
      expect(text).not.toMatch(/argon2|passwordHash|password_hash|refreshToken|failedLogin/i);
      expect(text).not.toContain(actor.password);
      expect(text).not.toContain(actor.refreshToken);
    });

    it('gives a family without a household its account alone', async () => {
      const actor = await aFamily(system);
      const data = await ok<PersonalDataExport>(await call('GET', '/me/personal-data', actor));
      expect(data.account.email).toBe(actor.email);
      expect(data.household).toBeNull();
      expect(data.history).toEqual([]);
    });

    it('is for families only, and needs a token', async () => {
      const admin = await anAdmin(system);
      expect((await call('GET', '/me/personal-data')).status).toBe(401);
      const response = await call('GET', '/me/personal-data', admin);
      expect(response.status).toBe(403);
      expect(
        (await call('POST', '/me/close', admin, { confirm: true, password: admin.password }))
          .status,
      ).toBe(403);
      expect(
        (await call('POST', '/me/close', undefined, { confirm: true, password: 'x' })).status,
      ).toBe(401);
    });
  });

  describe('POST /me/close', () => {
    it('needs an explicit confirmation and the current password', async () => {
      const actor = await aFamily(system);
      const unconfirmed = await call('POST', '/me/close', actor, {
        confirm: false,
        password: actor.password,
      });
      expect(unconfirmed.status).toBe(400);
      expect((await problemOf(unconfirmed)).code).toBe('ACCOUNT_CLOSURE_NOT_CONFIRMED');

      const wrong = await call('POST', '/me/close', actor, {
        confirm: true,
        password: 'Pas-le-bon-mot-2025',
      });
      expect(wrong.status).toBe(403);
      expect((await problemOf(wrong)).code).toBe('CURRENT_PASSWORD_INCORRECT');

      for (const [body, field] of [
        [{ confirm: true }, 'password'],
        [{ password: actor.password }, 'confirm'],
        [{ confirm: 'oui', password: actor.password }, 'confirm'],
        [{ confirm: true, password: actor.password, reason: 'x' }, 'reason'],
      ] as Array<[Json, string]>) {
        const response = await call('POST', '/me/close', actor, body);
        expect(response.status).toBe(400);
        expect((await problemOf(response)).details?.fields?.map((each) => each.field)).toContain(
          field,
        );
      }
      expect((await call('GET', '/me', actor)).status).toBe(200);
    });

    it('erases or anonymises the personal data, ends the sessions and says what is kept', async () => {
      const { actor, household, child } = await aFamilyWithChild();
      const bystander = await aFamilyWithChild();

      const closed = await ok<AccountClosedView>(
        await call('POST', '/me/close', actor, { confirm: true, password: actor.password }),
      );
      expect(closed).toMatchObject({ accountId: actor.accountId, closedAt: anyString });
      expect(closed.message).toMatch(/compte est fermé/);
      expect(closed.kept.join(' ')).toMatch(/factures/i);

      // Login and refresh fail; the household is out of reach of the old token.
      const login = await postJson(system, '/auth/login', {
        email: actor.email,
        password: actor.password,
      });
      expect(login.status).toBe(401);
      const refresh = await postJson(system, '/auth/refresh', { refreshToken: actor.refreshToken });
      expect(refresh.status).toBe(401);
      // The old access token ends with the session (issue "Robustness"): once the gateway has
      // heard identity.account.sessions-revoked, nothing answers it but 401.
      const deadline = Date.now() + 10_000;
      let read = await call('GET', `/households/${household.id}`, actor);
      while (read.status !== 401 && Date.now() < deadline) {
        expect(read.status).toBe(404);
        await new Promise((resolve) => setTimeout(resolve, 100));
        read = await call('GET', `/households/${household.id}`, actor);
      }
      expect(read.status).toBe(401);
      const again = await call('POST', '/me/close', actor, {
        confirm: true,
        password: actor.password,
      });
      expect(again.status).toBe(401);
      expect((await problemOf(again)).code).toBe('UNAUTHENTICATED');

      // What identity still holds about this family names no one.
      const account = await system.query<Json>('identity', 'SELECT * FROM accounts WHERE id = $1', [
        actor.accountId,
      ]);
      expect(account[0]).toMatchObject({
        status: 'closed',
        email: `closed-${actor.accountId}@anonymise.invalid`,
        first_name: 'Anonyme',
        last_name: 'Anonyme',
        phone: null,
        address_line1: null,
        postal_code: null,
        city: null,
        pending_email: null,
      });
      expect(account[0].closed_at).toBeInstanceOf(Date);
      const sessions = await system.query<{ revoked_at: Date | null }>(
        'identity',
        'SELECT revoked_at FROM refresh_tokens WHERE account_id = $1',
        [actor.accountId],
      );
      expect(sessions.length).toBeGreaterThan(0);
      expect(sessions.every((session) => session.revoked_at !== null)).toBe(true);
      const tokens = await system.query(
        'identity',
        'SELECT * FROM account_tokens WHERE account_id = $1',
        [actor.accountId],
      );
      expect(tokens).toEqual([]);

      const guardians = await system.query<Json>(
        'identity',
        'SELECT * FROM guardians WHERE household_id = $1',
        [household.id],
      );
      expect(guardians).toHaveLength(2);
      for (const guardian of guardians) {
        expect(guardian).toMatchObject({
          account_id: null,
          first_name: 'Anonyme',
          last_name: 'Anonyme',
          phone: null,
          email: null,
        });
      }
      const children = await system.query<Json>(
        'identity',
        'SELECT * FROM children WHERE household_id = $1',
        [household.id],
      );
      expect(children).toEqual([
        expect.objectContaining({
          id: child.id,
          first_name: 'Anonyme',
          allergies: [],
          pai: false,
          pai_details: null,
          doctor_name: null,
          authorised_pickups: [],
          school_name: null,
        }),
      ]);
      const households = await system.query<Json>(
        'identity',
        'SELECT * FROM households WHERE id = $1',
        [household.id],
      );
      expect(households[0]).toMatchObject({ caf_number: null, family_quotient: null });
      expect(households[0].anonymised_at).toBeInstanceOf(Date);
      const history = await system.query<Json>(
        'identity',
        'SELECT action, before, after FROM household_changes WHERE household_id = $1 ORDER BY at, id',
        [household.id],
      );
      expect(history.at(-1)).toEqual({ action: 'anonymised', before: null, after: null });
      expect(history.every((change) => change.before === null && change.after === null)).toBe(true);

      const everything = JSON.stringify([account, guardians, children, households, history]);
      for (const personal of [
        'Paillette',
        'Maman',
        actor.email,
        'maman.paillette@example.fr',
        '06 12 34 56 78',
        '04 70 11 22 33',
        'Flandre',
        'arachide',
        'Morel',
        'Jeanne',
        '7654321',
        '2016-05-14',
      ]) {
        expect([personal, everything.includes(personal)]).toEqual([personal, false]);
      }

      const [event] = await system.query<{ envelope: { payload: Json } }>(
        'identity',
        "SELECT envelope FROM outbox WHERE type = 'identity.account.closed' AND aggregate_id = $1",
        [actor.accountId],
      );
      expect(event.envelope.payload).toEqual({
        id: actor.accountId,
        householdId: household.id,
        childIds: [child.id],
        closedAt: closed.closedAt,
      });

      // Another family is untouched.
      const other = await ok<HouseholdView>(await call('GET', '/me/household', bystander.actor));
      expect(other.guardians[0]).toMatchObject({
        firstName: 'Maman',
        lastName: 'Paillette',
        phone: '06 12 34 56 78',
      });
      expect(other.children[0].health.allergies).toEqual(['arachide']);
    });

    it('closes an account without a household too', async () => {
      const actor = await aFamily(system);
      await ok(await call('POST', '/me/close', actor, { confirm: true, password: actor.password }));
      const [event] = await system.query<{ envelope: { payload: Json } }>(
        'identity',
        "SELECT envelope FROM outbox WHERE type = 'identity.account.closed' AND aggregate_id = $1",
        [actor.accountId],
      );
      expect(event.envelope.payload).toMatchObject({ householdId: null, childIds: [] });
    });
  });

  it('leaves no error in the logs of the run', () => {
    expect(system.logs.lines.filter((line) => ['error', 'fatal'].includes(line.level))).toEqual([]);
  });
});

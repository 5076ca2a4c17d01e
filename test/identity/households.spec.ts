import { randomUUID } from 'node:crypto';
import {
  CALLER_HEADER,
  HouseholdSubjects,
  type ChildView,
  type GuardianView,
  type HouseholdChangeView,
  type HouseholdView,
} from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { aFamily, anAdmin, logIn, uniqueEmail, type Actor } from '../support/identity-actors';
import { startSystem } from '../support/services';

interface Problem {
  status: number;
  code: string;
  detail: string;
  details?: { fields?: Array<{ field: string; message: string }> };
}

type Json = Record<string, unknown>;

// Jest's asymmetric matchers are typed `any`: give them a type once.
const containing = (value: object): unknown => expect.objectContaining(value);
const anyString: unknown = expect.any(String);

// Factories: a test shows only what matters to it.

function aGuardian(overrides: Json = {}): Json {
  return {
    civility: 'madame',
    firstName: 'Maman',
    lastName: 'Paillette',
    relationship: 'mother',
    phone: '06 12 34 56 78',
    email: 'maman.paillette@example.fr',
    address: { line1: '12 rue de Flandre', postalCode: '03200', city: 'Vichy' },
    commune: { name: 'Vichy', inseeCode: '03310' },
    ...overrides,
  };
}

function aHousehold(overrides: Json = {}): Json {
  return {
    guardian: aGuardian(),
    cafNumber: '1234567',
    familyQuotient: 612,
    familyQuotientValidUntil: '2026-12-31',
    ...overrides,
  };
}

function aChild(overrides: Json = {}): Json {
  return {
    firstName: 'Iris',
    lastName: 'Paillette',
    birthDate: '2016-05-14',
    sex: 'female',
    schoolLevel: 'CM1',
    schoolName: 'École Jules Ferry',
    health: {
      allergies: ['arachide'],
      pai: true,
      paiDetails: 'Trousse avec stylo d’adrénaline dans le cartable.',
      doctorName: 'Dr Morel',
      doctorPhone: '04 70 98 76 54',
    },
    authorisations: {
      imageRights: true,
      mayLeaveAlone: false,
      authorisedPickups: [
        { name: 'Jeanne Paillette', relationship: 'grand-mère', phone: '06 98 76 54 32' },
      ],
    },
    ...overrides,
  };
}

/** A family with a household, a second guardian and a child. */
interface FamilyWithHousehold {
  actor: Actor;
  household: HouseholdView;
  secondGuardian: GuardianView;
  child: ChildView;
}

describe('households, guardians and children', () => {
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
    return (text ? JSON.parse(text) : undefined) as T;
  };

  const problemOf = async (response: Response): Promise<Problem> => {
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    return (await response.json()) as Problem;
  };

  const outboxOf = (type: string, aggregateId: string) =>
    system.query<{ envelope: { payload: Json } }>(
      'identity',
      'SELECT envelope FROM outbox WHERE type = $1 AND aggregate_id = $2 ORDER BY id',
      [type, aggregateId],
    );

  async function aFamilyWithHousehold(): Promise<FamilyWithHousehold> {
    const actor = await aFamily(system);
    const household = await ok<HouseholdView>(
      await call('POST', '/households', actor, aHousehold()),
      201,
    );
    const secondGuardian = await ok<GuardianView>(
      await call(
        'POST',
        `/households/${household.id}/guardians`,
        actor,
        aGuardian({ civility: 'monsieur', firstName: 'Papa', relationship: 'father' }),
      ),
      201,
    );
    const child = await ok<ChildView>(
      await call('POST', `/households/${household.id}/children`, actor, aChild()),
      201,
    );
    return { actor, household, secondGuardian, child };
  }

  beforeAll(async () => {
    system = await startSystem(['identity']);
  });

  afterAll(async () => {
    await system?.close();
  });

  it('documents its routes and schemas in OpenAPI', async () => {
    const document = (await (await fetch(`${system.gatewayUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    const routes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/v1/households',
        'GET /api/v1/me/household',
        'GET /api/v1/households/{householdId}',
        'PATCH /api/v1/households/{householdId}',
        'GET /api/v1/households/{householdId}/history',
        'POST /api/v1/households/{householdId}/guardians',
        'PUT /api/v1/households/{householdId}/guardians/{guardianId}',
        'DELETE /api/v1/households/{householdId}/guardians/{guardianId}',
        'POST /api/v1/households/{householdId}/children',
        'GET /api/v1/households/{householdId}/children/{childId}',
        'PUT /api/v1/households/{householdId}/children/{childId}',
        'GET /api/v1/me/personal-data',
        'POST /api/v1/me/close',
      ]),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'CreateHouseholdCommand',
        'HouseholdView',
        'ChildInput',
        'ChildView',
        'HouseholdChangeView',
        'PersonalDataExport',
      ]),
    );
  });

  describe('the family builds its household', () => {
    let family: Actor;
    let household: HouseholdView;

    beforeAll(async () => {
      family = await aFamily(system);
    });

    it('has no household before declaring one', async () => {
      const response = await call('GET', '/me/household', family);
      expect(response.status).toBe(404);
      expect((await problemOf(response)).code).toBe('HOUSEHOLD_NOT_FOUND');
    });

    it('creates its household, its account being the first guardian', async () => {
      household = await ok<HouseholdView>(
        await call('POST', '/households', family, aHousehold()),
        201,
      );
      expect(household).toMatchObject({
        cafNumber: '1234567',
        familyQuotient: 612,
        familyQuotientValidUntil: '2026-12-31',
        children: [],
      });
      expect(household.guardians).toEqual([
        expect.objectContaining({
          primary: true,
          accountId: family.accountId,
          firstName: 'Maman',
          address: {
            line1: '12 rue de Flandre',
            line2: null,
            postalCode: '03200',
            city: 'Vichy',
          },
          commune: { organisationId: null, inseeCode: '03310', name: 'Vichy' },
        }),
      ]);
      expect(await ok<HouseholdView>(await call('GET', '/me/household', family))).toEqual(
        household,
      );
      expect(
        await ok<HouseholdView>(await call('GET', `/households/${household.id}`, family)),
      ).toEqual(household);
    });

    it('has one household per account', async () => {
      const response = await call('POST', '/households', family, aHousehold());
      expect(response.status).toBe(409);
      expect((await problemOf(response)).code).toBe('HOUSEHOLD_ALREADY_EXISTS');
    });

    it('changes its family quotient; the history keeps only what changed', async () => {
      const updated = await ok<HouseholdView>(
        await call('PATCH', `/households/${household.id}`, family, {
          familyQuotient: 540,
          familyQuotientValidUntil: '2027-06-30',
        }),
      );
      expect(updated).toMatchObject({ cafNumber: '1234567', familyQuotient: 540 });
      const history = await ok<HouseholdChangeView[]>(
        await call('GET', `/households/${household.id}/history`, family),
      );
      expect(history[0]).toMatchObject({
        entity: 'household',
        entityId: household.id,
        action: 'updated',
        actor: { accountId: family.accountId, kind: 'family' },
        before: { familyQuotient: 612, familyQuotientValidUntil: '2026-12-31' },
        after: { familyQuotient: 540, familyQuotientValidUntil: '2027-06-30' },
      });
      expect(Date.now() - new Date(history[0].at).getTime()).toBeLessThan(60_000);
    });

    it('clears the CAF number with null and records nothing for a change to nothing', async () => {
      await ok(await call('PATCH', `/households/${household.id}`, family, { cafNumber: null }));
      const before = await ok<HouseholdChangeView[]>(
        await call('GET', `/households/${household.id}/history`, family),
      );
      expect(before[0]).toMatchObject({
        before: { cafNumber: '1234567' },
        after: { cafNumber: null },
      });
      await ok(await call('PATCH', `/households/${household.id}`, family, { cafNumber: null }));
      const after = await ok<HouseholdChangeView[]>(
        await call('GET', `/households/${household.id}/history`, family),
      );
      expect(after).toHaveLength(before.length);
    });

    it('adds a separated second guardian with an address and commune of their own, not a third', async () => {
      const second = await ok<GuardianView>(
        await call(
          'POST',
          `/households/${household.id}/guardians`,
          family,
          aGuardian({
            civility: 'monsieur',
            firstName: 'Papa',
            relationship: 'father',
            email: null,
            address: {
              line1: '3 avenue de Gramont',
              line2: 'Bât. B',
              postalCode: '03300',
              city: 'Cusset',
            },
            commune: { name: 'Cusset', inseeCode: '03095' },
          }),
        ),
        201,
      );
      expect(second).toMatchObject({
        primary: false,
        accountId: null,
        address: {
          line1: '3 avenue de Gramont',
          line2: 'Bât. B',
          postalCode: '03300',
          city: 'Cusset',
        },
        commune: { organisationId: null, inseeCode: '03095', name: 'Cusset' },
      });
      const third = await call(
        'POST',
        `/households/${household.id}/guardians`,
        family,
        aGuardian(),
      );
      expect(third.status).toBe(409);
      expect((await problemOf(third)).code).toBe('GUARDIAN_LIMIT_REACHED');

      const moved = await ok<GuardianView>(
        await call(
          'PUT',
          `/households/${household.id}/guardians/${second.id}`,
          family,
          aGuardian({
            civility: 'monsieur',
            firstName: 'Papa',
            relationship: 'father',
            email: null,
            address: { line1: '8 rue Lucas', postalCode: '03200', city: 'Vichy' },
            commune: { name: 'Vichy', inseeCode: '03310' },
          }),
        ),
      );
      expect(moved.address).toEqual({
        line1: '8 rue Lucas',
        line2: null,
        postalCode: '03200',
        city: 'Vichy',
      });
      const [change] = await ok<HouseholdChangeView[]>(
        await call('GET', `/households/${household.id}/history?limit=1`, family),
      );
      expect(change).toMatchObject({ entity: 'guardian', entityId: second.id, action: 'updated' });
      expect(Object.keys(change.after ?? {}).sort()).toEqual(['address', 'commune']);

      const primary = household.guardians[0];
      const removePrimary = await call(
        'DELETE',
        `/households/${household.id}/guardians/${primary.id}`,
        family,
      );
      expect(removePrimary.status).toBe(409);
      expect((await problemOf(removePrimary)).code).toBe('PRIMARY_GUARDIAN_NOT_REMOVABLE');
      expect(
        (await call('DELETE', `/households/${household.id}/guardians/${second.id}`, family)).status,
      ).toBe(204);
      const after = await ok<HouseholdView>(await call('GET', '/me/household', family));
      expect(after.guardians.map((guardian) => guardian.id)).toEqual([primary.id]);
    });

    it('adds a child with health information and authorisations, then updates it', async () => {
      const child = await ok<ChildView>(
        await call('POST', `/households/${household.id}/children`, family, aChild()),
        201,
      );
      expect(child).toMatchObject({
        householdId: household.id,
        firstName: 'Iris',
        birthDate: '2016-05-14',
        sex: 'female',
        schoolLevel: 'CM1',
        schoolId: null,
        health: { allergies: ['arachide'], pai: true, doctorName: 'Dr Morel' },
        authorisations: {
          imageRights: true,
          mayLeaveAlone: false,
          authorisedPickups: [
            { name: 'Jeanne Paillette', relationship: 'grand-mère', phone: '06 98 76 54 32' },
          ],
        },
      });
      expect(
        await ok<ChildView>(
          await call('GET', `/households/${household.id}/children/${child.id}`, family),
        ),
      ).toEqual(child);

      // Health only: kept in the history, but no event (health never leaves identity).
      await ok(
        await call(
          'PUT',
          `/households/${household.id}/children/${child.id}`,
          family,
          aChild({ health: { allergies: ['arachide', 'kiwi'], pai: true } }),
        ),
      );
      expect(await outboxOf('identity.child.updated', child.id)).toHaveLength(0);

      const moved = await ok<ChildView>(
        await call(
          'PUT',
          `/households/${household.id}/children/${child.id}`,
          family,
          aChild({ schoolLevel: 'CM2', health: { allergies: ['arachide', 'kiwi'], pai: true } }),
        ),
      );
      expect(moved.schoolLevel).toBe('CM2');
      expect(await outboxOf('identity.child.updated', child.id)).toHaveLength(1);

      const history = await ok<HouseholdChangeView[]>(
        await call('GET', `/households/${household.id}/history`, family),
      );
      const childChanges = history.filter((change) => change.entityId === child.id);
      expect(childChanges.map((change) => change.action)).toEqual([
        'updated',
        'updated',
        'created',
      ]);
      expect(childChanges[0]).toMatchObject({
        before: { schoolLevel: 'CM1' },
        after: { schoolLevel: 'CM2' },
      });
      expect(childChanges[1]).toMatchObject({
        before: { health: containing({ allergies: ['arachide'] }) },
        after: { health: containing({ allergies: ['arachide', 'kiwi'] }) },
      });

      const mine = await ok<HouseholdView>(await call('GET', '/me/household', family));
      expect(mine.children.map((each) => each.id)).toEqual([child.id]);
    });

    it('records household and child events without health, contact or authorisation details', async () => {
      const created = await outboxOf('identity.household.created', household.id);
      const updated = await outboxOf('identity.household.updated', household.id);
      expect(created).toHaveLength(1);
      expect(updated.length).toBeGreaterThanOrEqual(4);
      expect(created[0].envelope.payload).toMatchObject({
        id: household.id,
        familyQuotient: 612,
        guardians: [
          expect.objectContaining({
            accountId: family.accountId,
            primary: true,
            lastName: 'Paillette',
            address: containing({ city: 'Vichy' }),
            commune: { organisationId: null, inseeCode: '03310', name: 'Vichy' },
          }),
        ],
      });
      const children = await system.query<{ type: string; envelope: { payload: Json } }>(
        'identity',
        `SELECT type, envelope FROM outbox
          WHERE type LIKE 'identity.child.%' AND envelope -> 'payload' ->> 'householdId' = $1
          ORDER BY id`,
        [household.id],
      );
      expect(children.map((row) => row.type)).toEqual([
        'identity.child.created',
        'identity.child.updated',
      ]);
      expect(children[0].envelope.payload).toEqual({
        id: anyString,
        householdId: household.id,
        firstName: 'Iris',
        lastName: 'Paillette',
        birthDate: '2016-05-14',
        schoolLevel: 'CM1',
        schoolId: null,
        schoolName: 'École Jules Ferry',
      });
      const everything = JSON.stringify([...created, ...updated, ...children]);
      for (const secret of [
        'arachide',
        'adrénaline',
        'Dr Morel',
        '06 12 34 56 78',
        'maman.paillette@example.fr',
        'Jeanne',
      ]) {
        expect(everything).not.toContain(secret);
      }
    });
  });

  describe('communes and schools of the directory', () => {
    let admin: Actor;
    let vichyId: string;
    let communityId: string;

    beforeAll(async () => {
      admin = await anAdmin(system);
      const slug = `vichy-${randomUUID().slice(0, 8)}`;
      vichyId = (
        await ok<{ id: string }>(
          await call('POST', '/organisations', admin, { slug, name: 'Vichy', kind: 'commune' }),
          201,
        )
      ).id;
      communityId = (
        await ok<{ id: string }>(
          await call('POST', '/organisations', admin, {
            slug: `vc-${randomUUID().slice(0, 8)}`,
            name: 'Vichy Communauté',
            kind: 'intercommunality',
          }),
          201,
        )
      ).id;
    });

    it('references a commune of the directory, whose name comes from the directory', async () => {
      const family = await aFamily(system);
      const household = await ok<HouseholdView>(
        await call(
          'POST',
          '/households',
          family,
          aHousehold({ guardian: aGuardian({ commune: { organisationId: vichyId } }) }),
        ),
        201,
      );
      expect(household.guardians[0].commune).toEqual({
        organisationId: vichyId,
        inseeCode: null,
        name: 'Vichy',
      });
    });

    it('refuses an organisation that is not a commune, an unknown one, or no commune at all', async () => {
      const family = await aFamily(system);
      for (const [commune, field] of [
        [{ organisationId: communityId }, 'guardian.commune.organisationId'],
        [{ organisationId: randomUUID() }, 'guardian.commune.organisationId'],
        [{ inseeCode: '03310' }, 'guardian.commune.name'],
      ] as const) {
        const response = await call(
          'POST',
          '/households',
          family,
          aHousehold({ guardian: aGuardian({ commune }) }),
        );
        expect(response.status).toBe(400);
        const problem = await problemOf(response);
        expect(problem.code).toBe('VALIDATION_FAILED');
        expect(problem.details?.fields).toEqual([expect.objectContaining({ field })]);
      }
      expect((await call('GET', '/me/household', family)).status).toBe(404);
    });

    it('takes the name of a school of the directory, and refuses an unknown school', async () => {
      const { actor, household } = await aFamilyWithHousehold();
      const school = await ok<{ id: string }>(
        await call('POST', `/organisations/${vichyId}/schools`, admin, {
          name: 'École maternelle Jean Macé',
          kind: 'maternelle',
        }),
        201,
      );
      const child = await ok<ChildView>(
        await call(
          'POST',
          `/households/${household.id}/children`,
          actor,
          aChild({
            schoolId: school.id,
            schoolName: undefined,
            schoolLevel: 'MS',
            birthDate: '2021-03-02',
          }),
        ),
        201,
      );
      expect(child).toMatchObject({
        schoolId: school.id,
        schoolName: 'École maternelle Jean Macé',
      });
      const unknown = await call(
        'POST',
        `/households/${household.id}/children`,
        actor,
        aChild({ schoolId: randomUUID() }),
      );
      expect(unknown.status).toBe(400);
      expect((await problemOf(unknown)).details?.fields).toEqual([
        expect.objectContaining({ field: 'schoolId' }),
      ]);
    });

    it("refuses a school whose level does not fit the child's class or age", async () => {
      const { actor, household } = await aFamilyWithHousehold();
      const elementary = await ok<{ id: string }>(
        await call('POST', `/organisations/${vichyId}/schools`, admin, {
          name: `École élémentaire ${randomUUID().slice(0, 8)}`,
          kind: 'elementaire',
        }),
        201,
      );
      const toddler = new Date().getFullYear() - 2;
      for (const child of [
        aChild({ schoolId: elementary.id, schoolLevel: null, birthDate: `${toddler}-01-15` }),
        aChild({ schoolId: elementary.id, schoolLevel: 'MS', birthDate: '2021-03-02' }),
      ]) {
        const refused = await call('POST', `/households/${household.id}/children`, actor, child);
        expect(refused.status).toBe(400);
        const fields = (await problemOf(refused)).details?.fields ?? [];
        expect(fields).toHaveLength(1);
        expect(fields[0].field).toBe('schoolId');
        expect(fields[0].message).toMatch(
          /accueille les élèves de l'élémentaire .* relève de la maternelle\.$/,
        );
      }
      const pupil = await call(
        'POST',
        `/households/${household.id}/children`,
        actor,
        aChild({ schoolId: elementary.id, schoolLevel: 'CE1', birthDate: '2019-03-02' }),
      );
      expect(pupil.status).toBe(201);
    });
  });

  describe('ownership: a family reaches only its own household', () => {
    let owner: FamilyWithHousehold;
    let other: FamilyWithHousehold;

    beforeAll(async () => {
      owner = await aFamilyWithHousehold();
      other = await aFamilyWithHousehold();
    });

    /** Every household route and method, on the owner's ids. */
    const routes = (): Array<[string, string, unknown?]> => {
      const h = owner.household.id;
      return [
        ['GET', `/households/${h}`],
        ['PATCH', `/households/${h}`, { familyQuotient: 1 }],
        ['GET', `/households/${h}/history`],
        ['POST', `/households/${h}/guardians`, aGuardian()],
        [
          'PUT',
          `/households/${h}/guardians/${owner.secondGuardian.id}`,
          aGuardian({ firstName: 'Intrus' }),
        ],
        ['DELETE', `/households/${h}/guardians/${owner.secondGuardian.id}`],
        ['POST', `/households/${h}/children`, aChild({ firstName: 'Intrus' })],
        ['GET', `/households/${h}/children/${owner.child.id}`],
        ['PUT', `/households/${h}/children/${owner.child.id}`, aChild({ firstName: 'Intrus' })],
      ];
    };

    /** The other family's own household id with the owner's guardian and child ids. */
    const crossedRoutes = (): Array<[string, string, unknown?]> => {
      const h = other.household.id;
      return [
        [
          'PUT',
          `/households/${h}/guardians/${owner.secondGuardian.id}`,
          aGuardian({ firstName: 'Intrus' }),
        ],
        ['DELETE', `/households/${h}/guardians/${owner.secondGuardian.id}`],
        ['GET', `/households/${h}/children/${owner.child.id}`],
        ['PUT', `/households/${h}/children/${owner.child.id}`, aChild({ firstName: 'Intrus' })],
      ];
    };

    it('answers 404 to another family on every route, as for an id that does not exist', async () => {
      const historyBefore = await system.query(
        'identity',
        'SELECT * FROM household_changes WHERE household_id = $1',
        [owner.household.id],
      );
      for (const [method, path, body] of routes()) {
        const response = await call(method, path, other.actor, body);
        expect([method, path, response.status]).toEqual([method, path, 404]);
        const problem = await problemOf(response);
        expect(problem.code).toBe('HOUSEHOLD_NOT_FOUND');
        expect(JSON.stringify(problem)).not.toContain('Paillette');

        const unknown = path.replace(owner.household.id, randomUUID());
        const unknownResponse = await call(method, unknown, other.actor, body);
        expect(unknownResponse.status).toBe(404);
        expect((await problemOf(unknownResponse)).detail).toBe(problem.detail);
      }
      for (const [method, path, body] of crossedRoutes()) {
        const response = await call(method, path, other.actor, body);
        expect([method, path, response.status]).toEqual([method, path, 404]);
        expect(['GUARDIAN_NOT_FOUND', 'CHILD_NOT_FOUND']).toContain(
          (await problemOf(response)).code,
        );
      }
      const historyAfter = await system.query(
        'identity',
        'SELECT * FROM household_changes WHERE household_id = $1',
        [owner.household.id],
      );
      expect(historyAfter).toEqual(historyBefore);
      const untouched = await ok<HouseholdView>(await call('GET', '/me/household', owner.actor));
      expect(untouched.guardians).toHaveLength(2);
      expect(untouched.children.map((child) => child.firstName)).toEqual(['Iris']);
      expect(untouched.familyQuotient).toBe(612);
    });

    it('answers 401 without a token, and with a tampered one, on every route', async () => {
      const tampered = {
        ...other.actor,
        authorization: {
          authorization: `${other.actor.authorization.authorization.slice(0, -4)}AAAA`,
        },
      };
      for (const [method, path, body] of [
        ...routes(),
        ['GET', '/me/household'] as [string, string],
        ['POST', '/households', aHousehold()] as [string, string, unknown],
      ]) {
        const anonymous = await call(method, path, undefined, body);
        expect([method, path, anonymous.status]).toEqual([method, path, 401]);
        expect((await problemOf(anonymous)).code).toBe('UNAUTHENTICATED');
        expect((await call(method, path, tampered, body)).status).toBe(401);
      }
    });

    it('keeps the owner reaching everything it owns', async () => {
      for (const [method, path, body] of routes()) {
        if (method === 'DELETE' || (method === 'POST' && path.endsWith('/guardians'))) continue;
        const response = await call(method, path, owner.actor, body);
        expect([method, path, response.status]).toEqual([
          method,
          path,
          method === 'POST' ? 201 : 200,
        ]);
      }
    });
  });

  describe('admins and agents', () => {
    let family: FamilyWithHousehold;
    let admin: Actor;

    beforeAll(async () => {
      family = await aFamilyWithHousehold();
      admin = await anAdmin(system);
    });

    it('lets an admin read a household, its children and its history, and audits it', async () => {
      const { household, child } = family;
      const read = await ok<HouseholdView>(await call('GET', `/households/${household.id}`, admin));
      expect(read.children.map((each) => each.id)).toEqual([child.id]);
      await ok(await call('GET', `/households/${household.id}/children/${child.id}`, admin));
      const history = await ok<HouseholdChangeView[]>(
        await call('GET', `/households/${household.id}/history`, admin),
      );
      expect(history.length).toBeGreaterThanOrEqual(4);
      const audit = await system.query<{ action: string; actor_kind: string }>(
        'identity',
        'SELECT action, actor_kind FROM audit_log WHERE household_id = $1 ORDER BY at, id',
        [household.id],
      );
      expect(audit).toEqual([
        { action: 'household.read', actor_kind: 'admin' },
        { action: 'child.read', actor_kind: 'admin' },
        { action: 'household-history.read', actor_kind: 'admin' },
      ]);
    });

    it('does not let an admin or agent change a family household', async () => {
      const response = await call('PATCH', `/households/${family.household.id}`, admin, {
        familyQuotient: 1,
      });
      expect(response.status).toBe(403);
      expect((await call('POST', '/households', admin, aHousehold())).status).toBe(403);
    });

    it('lets an agent read only households that deal with its services, audited', async () => {
      const org = await ok<{ id: string }>(
        await call('POST', '/organisations', admin, {
          slug: `cusset-${randomUUID().slice(0, 8)}`,
          name: 'Cusset',
          kind: 'commune',
        }),
        201,
      );
      const service = await ok<{ id: string }>(
        await call('POST', `/organisations/${org.id}/services`, admin, {
          code: 'school-catering',
          name: 'Restauration scolaire',
          category: 'school-catering',
        }),
        201,
      );
      const email = uniqueEmail('agent');
      const password = 'Cusset-Cantine-2025';
      await ok(
        await call('POST', '/admin/agents', admin, {
          email,
          password,
          firstName: 'Dominique',
          lastName: 'Agent',
          organisationId: org.id,
          serviceIds: [service.id],
          roles: ['agent'],
        }),
        201,
      );
      const pair = await logIn(system, email, password);
      const agent = { authorization: { authorization: `Bearer ${pair.accessToken}` } } as Actor;
      const { household, child } = family;

      // Every household route answers an agent of another organisation as for an unknown
      // household, word for word: existence is not revealed.
      for (const path of [
        `/households/${household.id}`,
        `/households/${household.id}/children/${child.id}`,
      ]) {
        const outOfScope = await problemOf(await call('GET', path, agent));
        const unknown = await problemOf(
          await call('GET', path.replace(household.id, randomUUID()), agent),
        );
        expect([outOfScope.status, outOfScope.code, outOfScope.detail]).toEqual([
          404,
          'HOUSEHOLD_NOT_FOUND',
          unknown.detail,
        ]);
        expect(unknown.status).toBe(404);
      }

      await system.query(
        'identity',
        'INSERT INTO household_service_links (household_id, municipal_service_id) VALUES ($1, $2)',
        [household.id, service.id],
      );
      const read = await ok<HouseholdView>(await call('GET', `/households/${household.id}`, agent));
      expect(read.children[0].health.allergies).toEqual(['arachide']);
      await ok(await call('GET', `/households/${household.id}/children/${child.id}`, agent));
      expect((await call('GET', `/households/${household.id}/history`, agent)).status).toBe(403);
      expect(
        (await call('PUT', `/households/${household.id}/children/${child.id}`, agent, aChild()))
          .status,
      ).toBe(403);
      const audit = await system.query<{ action: string; subject_id: string }>(
        'identity',
        "SELECT action, subject_id FROM audit_log WHERE household_id = $1 AND actor_kind = 'agent' ORDER BY at, id",
        [household.id],
      );
      expect(audit.map((row) => row.action)).toEqual(['household.read', 'child.read']);
      expect(audit[1].subject_id).toBe(child.id);
    });

    it('does not let a family call agent or admin routes', async () => {
      for (const [method, path, body] of [
        ['GET', '/agent/household-links'],
        ['GET', '/admin/audit-log'],
        ['GET', '/admin/agents'],
        ['POST', '/organisations', { slug: 'pirate', name: 'Pirate', kind: 'commune' }],
      ] as Array<[string, string, unknown?]>) {
        const response = await call(method, path, family.actor, body);
        expect([method, path, response.status]).toEqual([method, path, 403]);
        expect((await problemOf(response)).code).toBe('FORBIDDEN');
      }
    });
  });

  describe('bad input: 400 problem+json with field details, never 500', () => {
    let family: FamilyWithHousehold;

    beforeAll(async () => {
      family = await aFamilyWithHousehold();
    });

    const today = new Date();
    const tomorrow = new Date(today.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    const long = 'x'.repeat(101);

    const cases = (): Array<[string, string, string, unknown, string]> => {
      const h = family.household.id;
      const children = `/households/${h}/children`;
      const guardians = `/households/${h}/guardians`;
      return [
        ['empty household', 'POST', '/households', {}, 'guardian'],
        [
          'guardian without first name',
          'POST',
          '/households',
          aHousehold({ guardian: aGuardian({ firstName: undefined }) }),
          'guardian.firstName',
        ],
        [
          'phone of the wrong type',
          'POST',
          '/households',
          aHousehold({ guardian: aGuardian({ phone: 612345678 }) }),
          'guardian.phone',
        ],
        [
          'unknown relationship',
          'POST',
          guardians,
          aGuardian({ relationship: 'uncle' }),
          'relationship',
        ],
        [
          'guardian without address',
          'POST',
          guardians,
          aGuardian({ address: undefined }),
          'address',
        ],
        [
          'bad postal code',
          'POST',
          guardians,
          aGuardian({ address: { line1: 'x', postalCode: '3200', city: 'Vichy' } }),
          'address.postalCode',
        ],
        ['oversized last name', 'POST', guardians, aGuardian({ lastName: long }), 'lastName'],
        ['bad e-mail', 'POST', guardians, aGuardian({ email: 'pas-une-adresse' }), 'email'],
        ['unknown field', 'POST', guardians, aGuardian({ isAdmin: true }), 'isAdmin'],
        [
          'unknown nested field',
          'POST',
          guardians,
          aGuardian({ address: { line1: 'x', postalCode: '03200', city: 'Vichy', floor: 3 } }),
          'address.floor',
        ],
        [
          'CAF number of 6 digits',
          'PATCH',
          `/households/${h}`,
          { cafNumber: '123456' },
          'cafNumber',
        ],
        [
          'family quotient as text',
          'PATCH',
          `/households/${h}`,
          { familyQuotient: 'beaucoup' },
          'familyQuotient',
        ],
        [
          'decimal family quotient',
          'PATCH',
          `/households/${h}`,
          { familyQuotient: 612.5 },
          'familyQuotient',
        ],
        [
          'negative family quotient',
          'PATCH',
          `/households/${h}`,
          { familyQuotient: -1 },
          'familyQuotient',
        ],
        [
          'impossible validity date',
          'PATCH',
          `/households/${h}`,
          { familyQuotientValidUntil: '2026-02-30' },
          'familyQuotientValidUntil',
        ],
        [
          'child without birth date',
          'POST',
          children,
          aChild({ birthDate: undefined }),
          'birthDate',
        ],
        [
          'birth date in the future',
          'POST',
          children,
          aChild({ birthDate: tomorrow }),
          'birthDate',
        ],
        ['birth date in 1850', 'POST', children, aChild({ birthDate: '1850-01-01' }), 'birthDate'],
        [
          'child aged 30',
          'POST',
          children,
          aChild({ birthDate: `${today.getFullYear() - 30}-01-01` }),
          'birthDate',
        ],
        [
          'birth date not a date',
          'POST',
          children,
          aChild({ birthDate: '14/05/2016' }),
          'birthDate',
        ],
        ['birth date as a number', 'POST', children, aChild({ birthDate: 20160514 }), 'birthDate'],
        ['unknown sex', 'POST', children, aChild({ sex: 'x' }), 'sex'],
        ['unknown class level', 'POST', children, aChild({ schoolLevel: 'CM3' }), 'schoolLevel'],
        ['school id not a uuid', 'POST', children, aChild({ schoolId: 'jules-ferry' }), 'schoolId'],
        [
          'allergies not a list',
          'POST',
          children,
          aChild({ health: { allergies: 'arachide' } }),
          'health.allergies',
        ],
        ['PAI as text', 'POST', children, aChild({ health: { pai: 'oui' } }), 'health.pai'],
        [
          'pick-up person without phone',
          'POST',
          children,
          aChild({
            authorisations: { authorisedPickups: [{ name: 'Jeanne', relationship: 'grand-mère' }] },
          }),
          'authorisations.authorisedPickups.0.phone',
        ],
        [
          'oversized PAI details',
          'POST',
          children,
          aChild({ health: { pai: true, paiDetails: 'x'.repeat(2001) } }),
          'health.paiDetails',
        ],
        [
          'unknown field on a child',
          'POST',
          children,
          aChild({ nationality: 'FR' }),
          'nationality',
        ],
        ['child id not a uuid', 'GET', `${children}/42`, undefined, 'childId'],
        ['household id not a uuid', 'GET', '/households/mine', undefined, 'householdId'],
        [
          'history limit too high',
          'GET',
          `/households/${h}/history?limit=5000`,
          undefined,
          'limit',
        ],
      ];
    };

    it('refuses each with the field named', async () => {
      for (const [name, method, path, body, field] of cases()) {
        const response = await call(method, path, family.actor, body);
        expect([name, response.status]).toEqual([name, 400]);
        const problem = await problemOf(response);
        expect([name, problem.code]).toEqual([name, 'VALIDATION_FAILED']);
        expect([name, problem.details?.fields?.map((each) => each.field)]).toEqual([
          name,
          expect.arrayContaining([field]),
        ]);
        for (const each of problem.details?.fields ?? []) expect(each.message).toMatch(/\S/);
      }
    });

    it('refuses a malformed JSON body with 400, and accepts a child born today', async () => {
      const response = await fetch(
        `${system.gatewayUrl}/api/v1/households/${family.household.id}/children`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...family.actor.authorization },
          body: '{"firstName": ',
        },
      );
      expect(response.status).toBe(400);
      const paris = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
        new Date(),
      );
      await ok(
        await call(
          'POST',
          `/households/${family.household.id}/children`,
          family.actor,
          aChild({ birthDate: paris }),
        ),
        201,
      );
    });

    it('is checked again by identity itself when the gateway is skipped', async () => {
      const direct = async (subject: string, data: unknown, caller?: Json) =>
        (
          await system.request(
            subject,
            data,
            caller ? { [CALLER_HEADER]: JSON.stringify(caller) } : {},
          )
        ).err;
      const h = family.household.id;
      expect(
        await direct(
          HouseholdSubjects.childrenCreate,
          { ...aChild({ birthDate: '2999-01-01' }), householdId: h },
          { kind: 'family', accountId: family.actor.accountId },
        ),
      ).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [expect.objectContaining({ field: 'birthDate' })] },
      });
      expect(await direct(HouseholdSubjects.get, { householdId: h })).toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      expect(
        await direct(
          HouseholdSubjects.get,
          { householdId: h },
          { kind: 'family', accountId: randomUUID() },
        ),
      ).toMatchObject({ code: 'HOUSEHOLD_NOT_FOUND' });
      expect(
        await direct(
          HouseholdSubjects.update,
          { householdId: h, familyQuotient: 1 },
          { kind: 'admin', accountId: randomUUID() },
        ),
      ).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('leaves no error in the logs of the run (an error would be a 500)', () => {
      expect(system.logs.lines.filter((line) => ['error', 'fatal'].includes(line.level))).toEqual(
        [],
      );
    });
  });
});

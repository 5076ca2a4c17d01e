import { randomUUID } from 'node:crypto';
import {
  AgentSubjects,
  HouseholdSubjects,
  type AgentContact,
  type ChildView,
  type HouseholdProfile,
  type HouseholdView,
} from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import {
  anApplication,
  recordEnrolmentEvent,
  startSystemWithFakeEnrolment,
  submitted,
} from '../support/fake-enrolment';
import {
  anAgent as anAgentOf,
  anOrganisation,
  serviceOf,
  type Organisation,
} from '../support/directory-actors';
import { aFamily, anAdmin, type Actor } from '../support/identity-actors';
import { api } from './directory-support';

type Json = Record<string, unknown>;

async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function aGuardian(overrides: Json = {}): Json {
  return {
    civility: 'madame',
    firstName: 'Maman',
    lastName: 'Paillette',
    relationship: 'mother',
    phone: '06 12 34 56 78',
    address: { line1: '12 rue de Flandre', postalCode: '03200', city: 'Vichy' },
    commune: { name: 'Vichy', inseeCode: '03310' },
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
    health: { allergies: ['arachide'] },
    ...overrides,
  };
}

describe('identity: what enrolment and notification need', () => {
  let system: TestSystem;
  let admin: Actor;
  let vichy: Organisation;
  let cusset: Organisation;

  const anAgent = async (organisation: Organisation, codes: string[], firstName?: string) =>
    (await anAgentOf(system, admin, organisation, codes, firstName)).actor;

  /** A family with a household, a second guardian (without an account) and two children. */
  async function aFamilyWithHousehold(): Promise<{
    family: Actor;
    household: HouseholdView;
    children: ChildView[];
  }> {
    const family = await aFamily(system);
    const household = await api<HouseholdView>(system, 'POST', '/households', {
      headers: family.authorization,
      body: { guardian: aGuardian() },
    });
    expect(household.status).toBe(201);
    const base = `/households/${household.body.id}`;
    const second = await api(system, 'POST', `${base}/guardians`, {
      headers: family.authorization,
      body: aGuardian({
        civility: 'monsieur',
        firstName: 'Papa',
        relationship: 'father',
        address: { line1: '3 rue de la Liberté', postalCode: '03300', city: 'Cusset' },
        commune: { organisationId: cusset.id },
      }),
    });
    expect(second.status).toBe(201);
    const children: ChildView[] = [];
    for (const child of [
      aChild(),
      aChild({ firstName: 'Hugo', birthDate: '2019-02-03', schoolLevel: 'GS' }),
    ]) {
      const created = await api<ChildView>(system, 'POST', `${base}/children`, {
        headers: family.authorization,
        body: child,
      });
      expect(created.status).toBe(201);
      children.push(created.body);
    }
    return { family, household: household.body, children };
  }

  const profile = (query: Json) => system.request(HouseholdSubjects.enrolmentProfile, query);

  beforeAll(async () => {
    system = await startSystemWithFakeEnrolment(['identity']);
    admin = await anAdmin(system);
    vichy = await anOrganisation(system, admin, 'Vichy', ['school-catering', 'out-of-school-care']);
    cusset = await anOrganisation(system, admin, 'Cusset', ['leisure-centre']);
  });

  afterAll(async () => {
    await system?.close();
  });

  describe(HouseholdSubjects.enrolmentProfile, () => {
    it('gives the household of a family account: accounts, children and communes', async () => {
      const { family, household, children } = await aFamilyWithHousehold();
      const reply = await profile({ accountId: family.accountId });
      expect(reply.err).toBeUndefined();
      expect(reply.response).toEqual({
        householdId: household.id,
        accounts: [
          {
            accountId: family.accountId,
            email: family.email,
            firstName: 'Camille',
            lastName: 'Martin',
          },
        ],
        // Oldest first, as identity lists them.
        children: children.map((child) => ({
          id: child.id,
          firstName: child.firstName,
          lastName: child.lastName,
          birthDate: child.birthDate,
          schoolLevel: child.schoolLevel,
          schoolId: null,
        })),
        communes: [
          // Typed by name, linked to the directory's Vichy (issue 17, item 3).
          { organisationId: vichy.id, inseeCode: '03310', name: 'Vichy' },
          { organisationId: cusset.id, inseeCode: null, name: 'Cusset' },
        ],
      } satisfies HouseholdProfile);
      // Nothing about health, phones or addresses.
      expect(JSON.stringify(reply.response)).not.toContain('arachide');
      expect(JSON.stringify(reply.response)).not.toContain('06 12 34 56 78');
    });

    it('gives the same profile by household id', async () => {
      const { family, household } = await aFamilyWithHousehold();
      const byAccount = await profile({ accountId: family.accountId });
      const byHousehold = await profile({ householdId: household.id });
      expect(byHousehold.err).toBeUndefined();
      expect(byHousehold.response).toEqual(byAccount.response);
    });

    it('answers HOUSEHOLD_NOT_FOUND for an unknown account or household, or an account without one', async () => {
      const withoutHousehold = await aFamily(system);
      for (const query of [
        { accountId: randomUUID() },
        { householdId: randomUUID() },
        { accountId: withoutHousehold.accountId },
        { accountId: admin.accountId },
      ]) {
        expect((await profile(query)).err).toMatchObject({ code: 'HOUSEHOLD_NOT_FOUND' });
      }
    });

    it('wants exactly one of accountId and householdId, as UUIDs', async () => {
      const { family, household } = await aFamilyWithHousehold();
      for (const query of [
        {},
        { accountId: family.accountId, householdId: household.id },
        { accountId: 'x' },
        { householdId: 42 },
        { householdId: household.id, extra: true },
      ]) {
        expect((await profile(query)).err).toMatchObject({ code: 'VALIDATION_FAILED' });
      }
    });

    it('leaves a closed account out of its anonymised household', async () => {
      const { family, household } = await aFamilyWithHousehold();
      const closed = await api(system, 'POST', '/me/close', {
        headers: family.authorization,
        body: { confirm: true, password: family.password },
      });
      expect(closed.status).toBe(200);
      expect((await profile({ accountId: family.accountId })).err).toMatchObject({
        code: 'HOUSEHOLD_NOT_FOUND',
      });
      const reply = await profile({ householdId: household.id });
      expect(reply.response).toMatchObject({
        householdId: household.id,
        accounts: [],
        communes: [],
      });
    });
  });

  describe(AgentSubjects.agentsOfServices, () => {
    it('lists the active agents of any of the services, with those of their services', async () => {
      const catering = serviceOf(vichy, 'school-catering');
      const care = serviceOf(vichy, 'out-of-school-care');
      const cateringOnly = await anAgent(vichy, ['school-catering'], 'Anne');
      const both = await anAgent(vichy, ['school-catering', 'out-of-school-care'], 'Bruno');
      const elsewhere = await anAgent(cusset, ['leisure-centre'], 'Chloé');
      const inactive = await anAgent(vichy, ['school-catering'], 'Denis');
      expect(
        (
          await api(system, 'POST', `/admin/agents/${inactive.accountId}/deactivate`, {
            headers: admin.authorization,
          })
        ).status,
      ).toBe(200);

      const reply = await system.request(AgentSubjects.agentsOfServices, {
        municipalServiceIds: [catering, care],
      });
      expect(reply.err).toBeUndefined();
      const agents = reply.response as AgentContact[];
      const ids = agents.map((agent) => agent.accountId);
      expect(ids).toEqual(expect.arrayContaining([cateringOnly.accountId, both.accountId]));
      expect(ids).not.toContain(elsewhere.accountId);
      expect(ids).not.toContain(inactive.accountId);
      expect(agents.find((agent) => agent.accountId === cateringOnly.accountId)).toEqual({
        accountId: cateringOnly.accountId,
        email: cateringOnly.email,
        firstName: 'Anne',
        municipalServiceIds: [catering],
      });
      expect(
        agents.find((agent) => agent.accountId === both.accountId)?.municipalServiceIds.sort(),
      ).toEqual([catering, care].sort());

      const onlyCare = await system.request(AgentSubjects.agentsOfServices, {
        municipalServiceIds: [care],
      });
      expect((onlyCare.response as AgentContact[]).map((agent) => agent.accountId)).toEqual([
        both.accountId,
      ]);
    });

    it('answers an empty list for no service, and refuses what is not a list of UUIDs', async () => {
      expect(
        (await system.request(AgentSubjects.agentsOfServices, { municipalServiceIds: [] }))
          .response,
      ).toEqual([]);
      for (const query of [{}, { municipalServiceIds: ['x'] }, { municipalServiceIds: 'x' }]) {
        expect((await system.request(AgentSubjects.agentsOfServices, query)).err).toMatchObject({
          code: 'VALIDATION_FAILED',
        });
      }
    });
  });

  describe('enrolment.application.submitted', () => {
    it('links the household to the service, once, so that its agents may read it', async () => {
      const { family, household } = await aFamilyWithHousehold();
      const catering = serviceOf(vichy, 'school-catering');
      const agent = await anAgent(vichy, ['school-catering']);
      expect(
        (
          await api(system, 'GET', `/agent/household-links/${household.id}`, {
            headers: agent.authorization,
          })
        ).status,
        // Not yet dealing with the agent's services: as unknown to it as any other (404).
      ).toBe(404);

      const application = anApplication({
        householdId: household.id,
        municipalServiceId: catering,
        recipients: [{ accountId: family.accountId, email: family.email, firstName: 'Camille' }],
      });
      await recordEnrolmentEvent(system, 'enrolment.application.submitted', submitted(application));
      const linksOf = () =>
        system.query<{ municipal_service_id: string }>(
          'identity',
          'SELECT municipal_service_id FROM household_service_links WHERE household_id = $1',
          [household.id],
        );
      await eventually(
        async () => ((await linksOf()).length > 0 ? true : undefined),
        'the household link',
      );

      const read = await api<{ municipalServiceIds: string[] }>(
        system,
        'GET',
        `/agent/household-links/${household.id}`,
        { headers: agent.authorization },
      );
      expect(read.status).toBe(200);
      expect(read.body.municipalServiceIds).toEqual([catering]);

      // A resubmission of the same application: the link is already there.
      const again = await recordEnrolmentEvent(
        system,
        'enrolment.application.submitted',
        submitted(application, { resubmission: true }),
      );
      await eventually(async () => {
        const rows = await system.query(
          'identity',
          'SELECT 1 FROM inbox WHERE consumer = $1 AND event_id = $2',
          ['identity', again.id],
        );
        return rows.length ? true : undefined;
      }, 'the resubmission to be handled');
      expect(await linksOf()).toEqual([{ municipal_service_id: catering }]);
    });
  });
});

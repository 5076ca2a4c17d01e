import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { AgentSubjects } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import {
  A_PASSWORD,
  aFamily,
  anAdmin,
  logIn,
  uniqueEmail,
  type Actor,
} from '../support/identity-actors';
import { startSystem } from '../support/services';
import { api, fieldsOf, uniqueSlug, type Problem } from './directory-support';

interface Organisation {
  id: string;
  services: Array<{ id: string; code: string }>;
}
interface Agent {
  id: string;
  email: string;
  organisationId: string;
  serviceIds: string[];
  roles: string[];
  active: boolean;
}
interface AuditPage {
  items: Array<{
    actorAccountId: string;
    actorKind: string;
    organisationId: string | null;
    action: string;
    householdId: string | null;
    details: Record<string, unknown>;
  }>;
  total: number;
  page: number;
  pageSize: number;
}

describe('agents, their scope over households, and the audit log', () => {
  let system: TestSystem;
  let admin: Actor;
  let family: Actor;
  let vichy: Organisation;
  let cusset: Organisation;

  const serviceOf = (organisation: Organisation, code: string) =>
    organisation.services.find((service) => service.code === code)!.id;

  async function anOrganisation(name: string, codes: string[]): Promise<Organisation> {
    const created = await api<Organisation>(system, 'POST', '/organisations', {
      headers: admin.authorization,
      body: { slug: uniqueSlug(name.toLowerCase()), name, kind: 'commune' },
    });
    for (const code of codes) {
      await api(system, 'POST', `/organisations/${created.body.id}/services`, {
        headers: admin.authorization,
        body: { code, name: code, category: 'other' },
      });
    }
    return (await api<Organisation>(system, 'GET', `/organisations/${created.body.id}`)).body;
  }

  async function anAgent(
    organisation: Organisation,
    codes: string[],
    roles = ['agent'],
  ): Promise<Agent & { actor: Actor }> {
    const email = uniqueEmail('agent');
    const created = await api<Agent>(system, 'POST', '/admin/agents', {
      headers: admin.authorization,
      body: {
        email,
        password: A_PASSWORD,
        firstName: 'Dominique',
        lastName: 'AGENT',
        organisationId: organisation.id,
        serviceIds: codes.map((code) => serviceOf(organisation, code)),
        roles,
      },
    });
    expect(created.status).toBe(201);
    const pair = await logIn(system, email, A_PASSWORD);
    return {
      ...created.body,
      actor: {
        accountId: created.body.id,
        email,
        password: A_PASSWORD,
        accessToken: pair.accessToken,
        refreshToken: pair.refreshToken,
        authorization: { authorization: `Bearer ${pair.accessToken}` },
      },
    };
  }

  const link = (householdId: string, municipalServiceId: string) =>
    system.request(AgentSubjects.householdsLinkService, { householdId, municipalServiceId });

  beforeAll(async () => {
    system = await startSystem(['identity']);
    admin = await anAdmin(system);
    family = await aFamily(system);
    vichy = await anOrganisation('Vichy', ['school-catering', 'out-of-school-care']);
    cusset = await anOrganisation('Cusset', ['school-catering', 'leisure-centre']);
  });

  afterAll(async () => {
    await system?.close();
  });

  describe('administration of agents', () => {
    it('creates an agent whose token carries its organisation, services and roles', async () => {
      const agent = await anAgent(
        vichy,
        ['school-catering', 'out-of-school-care'],
        ['agent', 'supervisor'],
      );
      expect(agent).toMatchObject({ organisationId: vichy.id, active: true });
      const claims = decodeJwt(agent.actor.accessToken);
      expect(claims).toMatchObject({ sub: agent.id, kind: 'agent', org: vichy.id });
      expect([...(claims.svc as string[])].sort()).toEqual(
        [serviceOf(vichy, 'school-catering'), serviceOf(vichy, 'out-of-school-care')].sort(),
      );
      expect(claims.roles).toEqual(['agent', 'supervisor']);
      const rows = await system.query<{ organisation_id: string; roles: string[] }>(
        'identity',
        'SELECT organisation_id, roles FROM agent_assignments WHERE account_id = $1',
        [agent.id],
      );
      expect(rows).toHaveLength(2);
    });

    it('refuses services of another organisation, and changes nothing', async () => {
      const email = uniqueEmail('agent');
      const response = await api<Problem>(system, 'POST', '/admin/agents', {
        headers: admin.authorization,
        body: {
          email,
          password: A_PASSWORD,
          firstName: 'Mauvais',
          lastName: 'SERVICE',
          organisationId: cusset.id,
          serviceIds: [serviceOf(cusset, 'leisure-centre'), serviceOf(vichy, 'school-catering')],
          roles: ['agent'],
        },
      });
      expect([response.status, response.body.code]).toEqual([400, 'SERVICE_OUTSIDE_ORGANISATION']);
      expect(fieldsOf(response)).toEqual(['serviceIds']);
      const accounts = await system.query('identity', 'SELECT 1 FROM accounts WHERE email = $1', [
        email,
      ]);
      expect(accounts).toHaveLength(0);
    });

    it('lists, updates, deactivates and reactivates agents', async () => {
      const agent = await anAgent(cusset, ['leisure-centre']);
      const list = await api<{ items: Agent[]; total: number }>(
        system,
        'GET',
        `/admin/agents?organisationId=${cusset.id}&pageSize=100`,
        { headers: admin.authorization },
      );
      expect(list.status).toBe(200);
      expect(list.body.items.every((item) => item.organisationId === cusset.id)).toBe(true);
      expect(list.body.items.map((item) => item.id)).toContain(agent.id);

      const updated = await api<Agent>(system, 'PATCH', `/admin/agents/${agent.id}`, {
        headers: admin.authorization,
        body: { serviceIds: [serviceOf(cusset, 'school-catering')], roles: ['supervisor'] },
      });
      expect(updated.body).toMatchObject({
        serviceIds: [serviceOf(cusset, 'school-catering')],
        roles: ['supervisor'],
      });
      const moved = await api<Problem>(system, 'PATCH', `/admin/agents/${agent.id}`, {
        headers: admin.authorization,
        body: { serviceIds: [serviceOf(vichy, 'school-catering')] },
      });
      expect(moved.status).toBe(400);

      const deactivated = await api<Agent>(system, 'POST', `/admin/agents/${agent.id}/deactivate`, {
        headers: admin.authorization,
      });
      expect(deactivated.body.active).toBe(false);
      const login = await api(system, 'POST', '/auth/login', {
        body: { email: agent.email, password: A_PASSWORD },
      });
      expect(login.status).toBeGreaterThanOrEqual(400);
      const active = await api<{ items: Agent[] }>(
        system,
        'GET',
        `/admin/agents?organisationId=${cusset.id}`,
        { headers: admin.authorization },
      );
      expect(active.body.items.map((item) => item.id)).not.toContain(agent.id);

      await api(system, 'POST', `/admin/agents/${agent.id}/reactivate`, {
        headers: admin.authorization,
      });
      expect((await logIn(system, agent.email, A_PASSWORD)).accessToken).toBeTruthy();
    });

    it('answers 404 for an unknown agent and 409 for a taken e-mail', async () => {
      const unknown = await api(system, 'GET', `/admin/agents/${randomUUID()}`, {
        headers: admin.authorization,
      });
      expect(unknown.status).toBe(404);
      const taken = await api(system, 'POST', '/admin/agents', {
        headers: admin.authorization,
        body: {
          email: family.email,
          password: A_PASSWORD,
          firstName: 'A',
          lastName: 'B',
          organisationId: vichy.id,
          serviceIds: [serviceOf(vichy, 'school-catering')],
          roles: ['agent'],
        },
      });
      expect(taken.status).toBe(409);
    });

    it('is for administrators only: 401 without a token, 403 for a family or an agent', async () => {
      const agent = await anAgent(vichy, ['school-catering']);
      const routes: Array<[string, string]> = [
        ['POST', '/admin/agents'],
        ['GET', '/admin/agents'],
        ['GET', `/admin/agents/${agent.id}`],
        ['PATCH', `/admin/agents/${agent.id}`],
        ['POST', `/admin/agents/${agent.id}/deactivate`],
        ['POST', '/admin/administrators'],
        ['GET', '/admin/audit-log'],
      ];
      for (const [method, path] of routes) {
        const body = method === 'GET' ? undefined : {};
        expect((await api(system, method, path, { body })).status).toBe(401);
        for (const caller of [family, agent.actor]) {
          const response = await api(system, method, path, { body, headers: caller.authorization });
          expect([method, path, response.status]).toEqual([method, path, 403]);
        }
      }
    });

    it('refuses bad input with field details', async () => {
      const response = await api<Problem>(system, 'POST', '/admin/agents', {
        headers: admin.authorization,
        body: {
          email: 'pas-une-adresse',
          password: 'court',
          firstName: 'x'.repeat(101),
          organisationId: 'vichy',
          serviceIds: [],
          roles: ['boss'],
          isAdmin: true,
        },
      });
      expect(response.status).toBe(400);
      expect(fieldsOf(response)).toEqual([
        'email',
        'firstName',
        'isAdmin',
        'lastName',
        'organisationId',
        'password',
        'roles',
        'serviceIds',
      ]);
      const page = await api(system, 'GET', '/admin/audit-log?pageSize=1000&from=yesterday', {
        headers: admin.authorization,
      });
      expect(page.status).toBe(400);
      expect(fieldsOf(page)).toEqual(['from', 'pageSize']);
    });
  });

  describe('an agent reaches only households that deal with its services', () => {
    let vichyAgent: Agent & { actor: Actor };
    let cussetAgent: Agent & { actor: Actor };
    let vichyHousehold: string;
    let bothHousehold: string;

    /** A family that declared its household (links need a real household). */
    async function aHousehold(): Promise<string> {
      const owner = await aFamily(system);
      const created = await api<{ id: string }>(system, 'POST', '/households', {
        headers: owner.authorization,
        body: {
          guardian: {
            firstName: 'Camille',
            lastName: 'Martin',
            relationship: 'mother',
            phone: '04 70 30 17 17',
            address: { line1: '12 rue de Paris', postalCode: '03200', city: 'Vichy' },
            commune: { name: 'Vichy' },
          },
        },
      });
      expect(created.status).toBe(201);
      return created.body.id;
    }

    beforeAll(async () => {
      vichyHousehold = await aHousehold();
      bothHousehold = await aHousehold();
      vichyAgent = await anAgent(vichy, ['school-catering']);
      cussetAgent = await anAgent(cusset, ['school-catering', 'leisure-centre']);
      expect((await link(vichyHousehold, serviceOf(vichy, 'school-catering'))).response).toEqual({
        linked: true,
      });
      await link(bothHousehold, serviceOf(vichy, 'out-of-school-care'));
      await link(bothHousehold, serviceOf(cusset, 'leisure-centre'));
      // Idempotent: a second link changes nothing.
      await link(bothHousehold, serviceOf(cusset, 'leisure-centre'));
    });

    it('links households to services idempotently, and refuses unknown services', async () => {
      const rows = await system.query(
        'identity',
        'SELECT 1 FROM household_service_links WHERE household_id = $1',
        [bothHousehold],
      );
      expect(rows).toHaveLength(2);
      const unknown = await link(randomUUID(), randomUUID());
      expect(unknown.err).toMatchObject({ code: 'MUNICIPAL_SERVICE_NOT_FOUND' });
      const noHousehold = await link(randomUUID(), serviceOf(vichy, 'school-catering'));
      expect(noHousehold.err).toMatchObject({ code: 'HOUSEHOLD_NOT_FOUND' });
      const malformed = await link('x', serviceOf(vichy, 'school-catering'));
      expect(malformed.err).toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('lets an agent of Cusset see the household that deals with Cusset, not the one of Vichy', async () => {
      const cussetList = await api<Array<{ householdId: string }>>(
        system,
        'GET',
        '/agent/household-links',
        { headers: cussetAgent.actor.authorization },
      );
      expect(cussetList.status).toBe(200);
      expect(cussetList.body.map((row) => row.householdId)).toEqual([bothHousehold]);

      const refused = await api<Problem>(
        system,
        'GET',
        `/agent/household-links/${vichyHousehold}`,
        {
          headers: cussetAgent.actor.authorization,
        },
      );
      // The answer for a household that does not exist, word for word: existence is not revealed.
      expect([refused.status, refused.body.code]).toEqual([404, 'HOUSEHOLD_NOT_FOUND']);
      const unknownId = randomUUID();
      const unknown = await api<Problem>(system, 'GET', `/agent/household-links/${unknownId}`, {
        headers: cussetAgent.actor.authorization,
      });
      expect([unknown.status, unknown.body.code, unknown.body.detail]).toEqual([
        404,
        'HOUSEHOLD_NOT_FOUND',
        refused.body.detail,
      ]);
      const allowed = await api(system, 'GET', `/agent/household-links/${bothHousehold}`, {
        headers: cussetAgent.actor.authorization,
      });
      expect(allowed.body).toEqual({
        householdId: bothHousehold,
        municipalServiceIds: [serviceOf(cusset, 'leisure-centre')],
      });

      const otherService = await api(
        system,
        'GET',
        `/agent/household-links?municipalServiceId=${serviceOf(vichy, 'school-catering')}`,
        { headers: cussetAgent.actor.authorization },
      );
      expect(otherService.status).toBe(403);

      const vichyList = await api<Array<{ householdId: string }>>(
        system,
        'GET',
        '/agent/household-links',
        { headers: vichyAgent.actor.authorization },
      );
      expect(vichyList.body.map((row) => row.householdId)).toEqual([vichyHousehold]);
    });

    it('keeps families and administrators off the agent routes', async () => {
      for (const caller of [family, admin]) {
        const response = await api(system, 'GET', '/agent/household-links', {
          headers: caller.authorization,
        });
        expect(response.status).toBe(403);
      }
    });

    it("records the agents' reads in the audit log, which admins filter and page", async () => {
      await api(system, 'GET', `/agent/household-links/${bothHousehold}`, {
        headers: cussetAgent.actor.authorization,
      });
      const byHousehold = await api<AuditPage>(
        system,
        'GET',
        `/admin/audit-log?householdId=${bothHousehold}`,
        { headers: admin.authorization },
      );
      expect(byHousehold.status).toBe(200);
      expect(byHousehold.body.items.length).toBeGreaterThanOrEqual(1);
      expect(byHousehold.body.items[0]).toMatchObject({
        actorAccountId: cussetAgent.id,
        actorKind: 'agent',
        organisationId: cusset.id,
        action: 'household-links.read',
        householdId: bothHousehold,
      });

      const byActor = await api<AuditPage>(
        system,
        'GET',
        `/admin/audit-log?actorAccountId=${cussetAgent.id}&pageSize=1`,
        { headers: admin.authorization },
      );
      expect(byActor.body.pageSize).toBe(1);
      expect(byActor.body.items).toHaveLength(1);
      expect(byActor.body.total).toBeGreaterThanOrEqual(3);

      const future = new Date(Date.now() + 3600_000).toISOString();
      const none = await api<AuditPage>(system, 'GET', `/admin/audit-log?from=${future}`, {
        headers: admin.authorization,
      });
      expect(none.body).toMatchObject({ items: [], total: 0 });
      const refused = await system.query(
        'identity',
        `SELECT 1 FROM audit_log WHERE household_id = $1 AND actor_account_id = $2`,
        [vichyHousehold, cussetAgent.id],
      );
      expect(refused).toHaveLength(0);
    });
  });
});

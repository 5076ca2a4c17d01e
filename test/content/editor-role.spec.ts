/**
 * Issue 16, item 7: editing public content (news, tiles, content files) needs the `editor`
 * role, which administrators give to any agent and supervisors to the agents of their own
 * organisation; a plain agent of the organisation gets 403, an editor 2xx.
 */
import type { TestSystem } from '@portail/testing';
import { api } from '../identity/directory-support';
import {
  anAgent,
  anOrganisation,
  expectStatus,
  type Agent,
  type Organisation,
} from '../support/directory-actors';
import { anAdmin, postJson, type Actor } from '../support/identity-actors';
import { startSystem } from '../support/services';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('content: editing needs the editor role', () => {
  let system: TestSystem;
  let admin: Actor;
  let vichy: Organisation;
  let cusset: Organisation;
  let plain: Agent;
  let editor: Agent;
  let supervisor: Agent;
  let cussetSupervisor: Agent;

  const aNews = (title: string) => ({
    organisationId: vichy.id,
    title,
    summary: 'Inscriptions ouvertes',
    bodyMarkdown: 'Les inscriptions se font sur le **portail famille**.',
    category: 'periscolaire',
    status: 'published',
  });
  const aTile = () => ({
    organisationId: vichy.id,
    kind: 'activity',
    title: 'Les écoles',
    bodyMarkdown: 'Les écoles de la commune.',
    status: 'published',
  });
  const aFile = () => ({
    organisationId: vichy.id,
    fileName: 'image.png',
    kind: 'image',
    contentBase64: PNG.toString('base64'),
  });

  /** The agent's token again, as after a refresh: its roles are read anew. */
  async function refreshed(agent: Agent): Promise<Actor> {
    const response = await postJson(system, '/auth/refresh', {
      refreshToken: agent.actor.refreshToken,
    });
    expect(response.status).toBe(200);
    const pair = (await response.json()) as { accessToken: string; refreshToken: string };
    agent.actor = {
      ...agent.actor,
      ...pair,
      authorization: { authorization: `Bearer ${pair.accessToken}` },
    };
    return agent.actor;
  }

  const setEditor = (by: Actor, agent: Agent, value: boolean) =>
    api(system, 'PUT', `/agent/agents/${agent.id}/editor-role`, {
      headers: by.authorization,
      body: { editor: value },
    });

  beforeAll(async () => {
    system = await startSystem(['identity', 'content']);
    admin = await anAdmin(system);
    vichy = await anOrganisation(system, admin, 'Vichy', ['school-catering']);
    cusset = await anOrganisation(system, admin, 'Cusset', ['school-catering']);
    plain = await anAgent(system, admin, vichy, ['school-catering']);
    editor = await anAgent(system, admin, vichy, ['school-catering'], 'Emma', {
      roles: ['agent', 'editor'],
    });
    supervisor = await anAgent(system, admin, vichy, ['school-catering'], 'Sam', {
      roles: ['agent', 'supervisor'],
    });
    cussetSupervisor = await anAgent(system, admin, cusset, ['school-catering'], 'Côme', {
      roles: ['supervisor'],
    });
  });

  afterAll(async () => {
    await system?.close();
  });

  it('refuses a plain agent of the organisation news, tiles and files with 403', async () => {
    const headers = plain.actor.authorization;
    for (const [path, body] of [
      ['/content/news', aNews('Refusée')],
      ['/content/tiles', aTile()],
      ['/content/files', aFile()],
    ] as const) {
      const response = await api<{ code: string }>(system, 'POST', path, { headers, body });
      expect({ path, status: response.status, code: response.body.code }).toEqual({
        path,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    const drafts = await api(system, 'GET', `/content/editor/news?organisationId=${vichy.id}`, {
      headers,
    });
    expect(drafts.status).toBe(403);
  });

  it('lets an editor of the organisation write news, tiles and files', async () => {
    const headers = editor.actor.authorization;
    const news = expectStatus(
      await api<{ id: string }>(system, 'POST', '/content/news', {
        headers,
        body: aNews('Acceptée'),
      }),
      201,
    );
    expectStatus(
      await api(system, 'PATCH', `/content/news/${news.id}`, { headers, body: { pinned: true } }),
      200,
    );
    expectStatus(await api(system, 'POST', '/content/tiles', { headers, body: aTile() }), 201);
    expectStatus(await api(system, 'POST', '/content/files', { headers, body: aFile() }), 201);
  });

  it("carries the editor role in the agent's token", () => {
    const claims = JSON.parse(
      Buffer.from(editor.actor.accessToken.split('.')[1], 'base64url').toString('utf8'),
    ) as { roles: string[] };
    expect(claims.roles).toEqual(['agent', 'editor']);
  });

  it('lets a supervisor of the organisation grant and withdraw the role, effective at refresh', async () => {
    const granted = expectStatus(
      await api<{ roles: string[] }>(system, 'PUT', `/agent/agents/${plain.id}/editor-role`, {
        headers: supervisor.actor.authorization,
        body: { editor: true },
      }),
      200,
    );
    expect(granted.roles).toEqual(['agent', 'editor']);
    const now = await refreshed(plain);
    expectStatus(
      await api(system, 'POST', '/content/news', {
        headers: now.authorization,
        body: aNews('Par un nouveau rédacteur'),
      }),
      201,
    );
    expectStatus(await setEditor(admin, plain, false), 200);
    const after = await refreshed(plain);
    expect(
      (
        await api(system, 'POST', '/content/news', {
          headers: after.authorization,
          body: aNews('Plus rédacteur'),
        })
      ).status,
    ).toBe(403);
  });

  it("refuses the role to a plain agent's request, and hides another organisation's agents", async () => {
    const byPlain = await setEditor(editor.actor, supervisor, true);
    expect(byPlain.status).toBe(403);
    const byOtherSupervisor = await setEditor(cussetSupervisor.actor, plain, true);
    expect(byOtherSupervisor.status).toBe(404);
    const family = await setEditor(admin, { id: admin.accountId, actor: admin }, true);
    expect(family.status).toBe(404);
  });
});

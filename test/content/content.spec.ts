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
import { api, fieldsOf, uniqueSlug, type Problem } from '../identity/directory-support';

interface Organisation {
  id: string;
  services: Array<{ id: string; code: string }>;
}
interface News {
  id: string;
  organisationId: string;
  title: string;
  bodyHtml: string;
  pinned: boolean;
  status: string;
}
interface NewsPage {
  items: News[];
  page: number;
  pageSize: number;
  total: number;
}
interface Home {
  pinned: News[];
  latest: News[];
  tiles: Array<{ id: string; title: string; position: number }>;
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

/** A minimal household, created by the family through the gateway. */
function aHouseholdOf(email: string): Record<string, unknown> {
  return {
    guardian: {
      civility: 'madame',
      firstName: 'Camille',
      lastName: 'Dumas',
      relationship: 'mother',
      phone: '06 12 34 56 78',
      email,
      address: { line1: '3 rue de Paris', postalCode: '03200', city: 'Vichy' },
      commune: { name: 'Vichy', inseeCode: '03310' },
    },
  };
}

describe('content: the public home, news and tiles', () => {
  let system: TestSystem;
  let admin: Actor;
  let family: Actor;
  let vichy: Organisation;
  let cusset: Organisation;
  let vichyAgent: Actor;
  let cussetAgent: Actor;

  async function anOrganisation(name: string, codes: string[]): Promise<Organisation> {
    const created = await api<Organisation>(system, 'POST', '/organisations', {
      headers: admin.authorization,
      body: {
        slug: uniqueSlug(
          name
            .toLowerCase()
            .normalize('NFD')
            .replace(/[^a-z0-9]+/g, '-'),
        ),
        name,
        kind: 'commune',
      },
    });
    for (const code of codes) {
      await api(system, 'POST', `/organisations/${created.body.id}/services`, {
        headers: admin.authorization,
        body: { code, name: code, category: 'other' },
      });
    }
    return (await api<Organisation>(system, 'GET', `/organisations/${created.body.id}`)).body;
  }

  const serviceOf = (organisation: Organisation, code: string) =>
    organisation.services.find((service) => service.code === code)!.id;

  async function anAgentOf(
    organisation: Organisation,
    codes: string[] = organisation.services.map((service) => service.code),
  ): Promise<Actor> {
    const email = uniqueEmail('agent');
    const created = await api<{ id: string }>(system, 'POST', '/admin/agents', {
      headers: admin.authorization,
      body: {
        email,
        password: A_PASSWORD,
        firstName: 'Dominique',
        lastName: 'AGENT',
        organisationId: organisation.id,
        serviceIds: codes.map((code) => serviceOf(organisation, code)),
        // editing public content needs the editor role (test/content/editor-role.spec.ts)
        roles: ['agent', 'editor'],
      },
    });
    expect(created.status).toBe(201);
    const pair = await logIn(system, email, A_PASSWORD);
    return {
      accountId: created.body.id,
      email,
      password: A_PASSWORD,
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      authorization: { authorization: `Bearer ${pair.accessToken}` },
    };
  }

  function aNews(organisation: Organisation, overrides: Record<string, unknown> = {}) {
    return {
      organisationId: organisation.id,
      title: 'Inscriptions périscolaires 2021-2022',
      summary: 'Inscriptions ouvertes à partir du 1er juillet 2021',
      bodyMarkdown: 'Les inscriptions se font sur le **portail famille**.',
      category: 'periscolaire',
      status: 'published',
      ...overrides,
    };
  }

  async function publish(agent: Actor, body: Record<string, unknown>): Promise<News> {
    const created = await api<News>(system, 'POST', '/content/news', {
      headers: agent.authorization,
      body,
    });
    expect(created.status).toBe(201);
    return created.body;
  }

  const listOf = async (query: string, headers: Record<string, string> = {}) =>
    api<NewsPage>(system, 'GET', `/content/news?${query}`, { headers });

  beforeAll(async () => {
    system = await startSystem(['identity', 'content']);
    admin = await anAdmin(system);
    family = await aFamily(system);
    vichy = await anOrganisation('Vichy', ['school-catering', 'music-conservatory']);
    cusset = await anOrganisation('Cusset', ['school-catering']);
    vichyAgent = await anAgentOf(vichy, ['music-conservatory']);
    cussetAgent = await anAgentOf(cusset, ['school-catering']);
  });

  afterAll(async () => {
    await system?.close();
  });

  describe('publication', () => {
    it('shows only what is published now, and a scheduled item at its start without restart', async () => {
      const organisation = await anOrganisation('Bellerive', ['education']);
      const agent = await anAgentOf(organisation);
      const hour = 3_600_000;
      const draft = await publish(
        agent,
        aNews(organisation, { status: 'draft', title: 'Brouillon' }),
      );
      const ended = await publish(
        agent,
        aNews(organisation, {
          title: 'Terminée',
          publishFrom: new Date(Date.now() - 2 * hour).toISOString(),
          publishUntil: new Date(Date.now() - hour).toISOString(),
        }),
      );
      const startsSoon = new Date(Date.now() + 2_500);
      const scheduled = await publish(
        agent,
        aNews(organisation, { title: 'Programmée', publishFrom: startsSoon.toISOString() }),
      );
      const current = await publish(agent, aNews(organisation, { title: 'En cours' }));

      const before = await listOf(`organisationId=${organisation.id}`);
      expect(before.body.items.map((item) => item.id)).toEqual([current.id]);
      for (const hidden of [draft, ended, scheduled]) {
        expect((await api(system, 'GET', `/content/news/${hidden.id}`)).status).toBe(404);
      }
      // the agent of the organisation still reads its draft
      const ownDraft = await api<News & { bodyMarkdown: string }>(
        system,
        'GET',
        `/content/news/${draft.id}`,
        { headers: agent.authorization },
      );
      expect(ownDraft.status).toBe(200);
      expect(ownDraft.body.bodyMarkdown).toContain('portail famille');
      const editable = await api<NewsPage>(
        system,
        'GET',
        `/content/editor/news?organisationId=${organisation.id}`,
        { headers: agent.authorization },
      );
      expect(editable.body.total).toBe(4);
      const drafts = await api<NewsPage>(
        system,
        'GET',
        `/content/editor/news?organisationId=${organisation.id}&status=draft`,
        { headers: agent.authorization },
      );
      expect(drafts.body.items.map((item) => item.id)).toEqual([draft.id]);
      const asFamily = await api(
        system,
        'GET',
        `/content/editor/news?organisationId=${organisation.id}`,
        {
          headers: family.authorization,
        },
      );
      expect(asFamily.status).toBe(403);

      await new Promise((resolve) => setTimeout(resolve, startsSoon.getTime() - Date.now() + 200));
      const after = await listOf(`organisationId=${organisation.id}`);
      expect(after.body.items.map((item) => item.id)).toEqual([scheduled.id, current.id]);

      const unpublished = await api<News>(
        system,
        'POST',
        `/content/news/${scheduled.id}/unpublish`,
        { headers: agent.authorization },
      );
      expect(unpublished.body.status).toBe('draft');
      expect((await listOf(`organisationId=${organisation.id}`)).body.total).toBe(1);
    });

    it('lists pinned first then newest first, filtered by organisation and category, in capped pages', async () => {
      const organisation = await anOrganisation('Agglomeration', ['education']);
      const agent = await anAgentOf(organisation);
      const day = 86_400_000;
      const ids: string[] = [];
      for (let index = 0; index < 5; index += 1) {
        const news = await publish(
          agent,
          aNews(organisation, {
            title: `Actualité ${index}`,
            category: index === 4 ? 'sports' : 'conservatoire',
            publishFrom: new Date(Date.now() - (10 - index) * day).toISOString(),
            pinned: index === 0,
          }),
        );
        ids.push(news.id);
      }
      const page1 = await listOf(`organisationId=${organisation.id}&pageSize=2`);
      expect(page1.body).toMatchObject({ page: 1, pageSize: 2, total: 5 });
      expect(page1.body.items.map((item) => item.id)).toEqual([ids[0], ids[4]]);
      const page3 = await listOf(`organisationId=${organisation.id}&pageSize=2&page=3`);
      expect(page3.body.items.map((item) => item.id)).toEqual([ids[1]]);
      const sports = await listOf(`organisationId=${organisation.id}&category=sports`);
      expect(sports.body.items.map((item) => item.id)).toEqual([ids[4]]);

      const tooBig = await listOf(`organisationId=${organisation.id}&pageSize=51`);
      expect(tooBig.status).toBe(400);
      expect(fieldsOf(tooBig)).toEqual(['pageSize']);
      const zero = await listOf('page=0&category=nope');
      expect(zero.status).toBe(400);
      expect(fieldsOf(zero)).toEqual(['category', 'page']);
    });

    it('shows news for given activities only to their audience', async () => {
      const conservatory = serviceOf(vichy, 'music-conservatory');
      const restricted = await publish(
        vichyAgent,
        aNews(vichy, { title: 'Réservé au conservatoire', audienceServiceIds: [conservatory] }),
      );
      const seenBy = async (headers: Record<string, string>) =>
        (await listOf(`organisationId=${vichy.id}&pageSize=50`, headers)).body.items.some(
          (item) => item.id === restricted.id,
        );
      expect(await seenBy({})).toBe(false);
      expect(await seenBy(cussetAgent.authorization)).toBe(false);
      expect(await seenBy(vichyAgent.authorization)).toBe(true);
      expect(await seenBy(admin.authorization)).toBe(true);
      expect((await api(system, 'GET', `/content/news/${restricted.id}`)).status).toBe(404);

      // A family sees it once its household deals with the conservatory (identity's links,
      // which enrolment fills when an application is accepted); another family does not.
      const enrolled = await aFamily(system);
      const other = await aFamily(system);
      for (const member of [enrolled, other]) {
        expect(
          (
            await api(system, 'POST', '/households', {
              body: aHouseholdOf(member.email),
              headers: member.authorization,
            })
          ).status,
        ).toBe(201);
      }
      expect(await seenBy(enrolled.authorization)).toBe(false);
      const household = await api<{ id: string }>(system, 'GET', '/me/household', {
        headers: enrolled.authorization,
      });
      const linked = await system.request('identity.households.link-service', {
        householdId: household.body.id,
        municipalServiceId: conservatory,
      });
      expect(linked.err).toBeUndefined();
      expect(await seenBy(enrolled.authorization)).toBe(true);
      expect(await seenBy(other.authorization)).toBe(false);
      expect(
        (
          await api(system, 'GET', `/content/news/${restricted.id}`, {
            headers: enrolled.authorization,
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await api(system, 'GET', `/content/news/${restricted.id}`, {
            headers: other.authorization,
          })
        ).status,
      ).toBe(404);
    });
  });

  describe('search', () => {
    it('finds French words whatever their accents and inflections, best match first', async () => {
      const organisation = await anOrganisation('Cusset Recherche', ['education']);
      const agent = await anAgentOf(organisation);
      const inBody = await publish(
        agent,
        aNews(organisation, {
          title: 'Conservatoire : calendrier',
          summary: 'Reprise des cours',
          bodyMarkdown: 'Les activités sportives reprennent aussi en été.',
          category: 'conservatoire',
        }),
      );
      const inTitle = await publish(
        agent,
        aNews(organisation, {
          title: '100% Sports vacances été 2021',
          summary: 'Séjours complets en juillet et août',
          bodyMarkdown: 'Inscriptions aux activités sportives de l’été.',
          category: 'sports',
        }),
      );
      await publish(agent, aNews(organisation, { title: 'Pass’Sport', summary: 'Aide de l’État' }));

      const search = (q: string) =>
        listOf(`organisationId=${organisation.id}&q=${encodeURIComponent(q)}`);
      const ete = await search('ete activites');
      expect(ete.body.items.map((item) => item.id)).toEqual([inTitle.id, inBody.id]);
      const accented = await search('été activités');
      expect(accented.body.items.map((item) => item.id)).toEqual([inTitle.id, inBody.id]);
      const sejour = await search('séjour');
      expect(sejour.body.items.map((item) => item.id)).toEqual([inTitle.id]);
      const singular = await search('reprise du cours');
      expect(singular.body.items.map((item) => item.id)).toEqual([inBody.id]);
      expect((await search('piscine')).body.total).toBe(0);
    });
  });

  describe('sanitising and uploads', () => {
    it('removes scripts, event handlers and javascript: links from bodies', async () => {
      const news = await publish(
        vichyAgent,
        aNews(vichy, {
          title: 'Rentrée <script>alert(1)</script>2021/2022',
          bodyMarkdown: [
            '# Calendrier',
            'Bonjour <script>document.cookie</script><img src=x onerror="alert(1)"> **gras**',
            '<a href="javascript:alert(1)" onclick="steal()">lien</a> [piège](javascript:alert(2))',
            '[calendrier](https://www.ville-vichy.fr/calendrier)',
            '',
            '- Lundi 13/09 : reprise des cours',
            '- Lundi 27/09 : pratiques collectives',
          ].join('\n'),
        }),
      );
      const read = await api<News>(system, 'GET', `/content/news/${news.id}`);
      const html = read.body.bodyHtml;
      expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<img|document\.cookie/i);
      expect(html).toContain('<h2>Calendrier</h2>');
      expect(html).toContain('<strong>gras</strong>');
      expect(html).toContain('<li>Lundi 13/09 : reprise des cours</li>');
      expect(html).toContain('href="https://www.ville-vichy.fr/calendrier"');
      expect(read.body.title).toBe('Rentrée 2021/2022');
    });

    it('stores an image with its sniffed type, refuses a fake one, and serves it back', async () => {
      const upload = (kind: string, fileName: string, bytes: Buffer, actor = vichyAgent) =>
        api<{ id: string; contentType: string; code?: string }>(system, 'POST', '/content/files', {
          headers: actor.authorization,
          body: {
            organisationId: vichy.id,
            kind,
            fileName,
            contentBase64: bytes.toString('base64'),
          },
        });
      const fake = await upload(
        'image',
        'photo.png',
        Buffer.from('<html><script>alert(1)</script>'),
      );
      expect(fake.status).toBe(415);
      expect(fake.contentType).toContain('application/problem+json');
      expect((fake.body as unknown as Problem).code).toBe('FILE_TYPE_NOT_ALLOWED');
      expect((await upload('image', 'formulaire.png', PDF)).status).toBe(415);
      expect((await upload('attachment', 'x.png', PNG, cussetAgent)).status).toBe(403);

      const image = await upload('image', 'affiche.png', PNG);
      expect(image.status).toBe(201);
      expect(image.body.contentType).toBe('image/png');
      const fileUrl = `${system.gatewayUrl}/api/v1/content/files/${image.body.id}`;
      // used by nothing published yet: only its editors read it
      expect((await fetch(fileUrl)).status).toBe(404);
      const served = await fetch(fileUrl, { headers: vichyAgent.authorization });
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

      const pdf = await upload('attachment', 'derogation.pdf', PDF);
      expect(pdf.body.contentType).toBe('application/pdf');

      const withImage = await publish(vichyAgent, aNews(vichy, { imageId: image.body.id }));
      expect(withImage).toMatchObject({ imageId: image.body.id });
      expect((await fetch(fileUrl)).status).toBe(200);
      const foreign = await api(system, 'POST', '/content/news', {
        headers: cussetAgent.authorization,
        body: aNews(cusset, { imageId: image.body.id }),
      });
      expect(foreign.status).toBe(400);
      expect(fieldsOf(foreign)).toEqual(['imageId']);
    });

    it('serves files of drafts and of restricted news only to those who may read them', async () => {
      const upload = async (kind: string, fileName: string, bytes: Buffer) => {
        const uploaded = await api<{ id: string }>(system, 'POST', '/content/files', {
          headers: vichyAgent.authorization,
          body: {
            organisationId: vichy.id,
            kind,
            fileName,
            contentBase64: bytes.toString('base64'),
          },
        });
        expect(uploaded.status).toBe(201);
        return uploaded.body.id;
      };
      const read = (id: string, headers: Record<string, string> = {}) =>
        fetch(`${system.gatewayUrl}/api/v1/content/files/${id}`, { headers });
      const statusOf = async (id: string, actor?: Actor) =>
        (await read(id, actor?.authorization)).status;

      // the image of a draft: 404 for the public and other organisations, as an unknown id
      const draftImage = await upload('image', 'brouillon.png', PNG);
      const draft = await publish(
        vichyAgent,
        aNews(vichy, { status: 'draft', title: 'Brouillon illustré', imageId: draftImage }),
      );
      const hidden = await read(draftImage);
      expect(hidden.status).toBe(404);
      expect(((await hidden.json()) as Problem).code).toBe('FILE_NOT_FOUND');
      expect(await statusOf(draftImage, family)).toBe(404);
      expect(await statusOf(draftImage, cussetAgent)).toBe(404);
      const asEditor = await read(draftImage, vichyAgent.authorization);
      expect(asEditor.status).toBe(200);
      expect(asEditor.headers.get('cache-control')).toMatch(/^private/);
      expect(await statusOf(draftImage, admin)).toBe(200);

      // published, it is public; unpublished, it is hidden again
      const post = (path: string) =>
        api(system, 'POST', path, { headers: vichyAgent.authorization });
      expect((await post(`/content/news/${draft.id}/publish`)).status).toBe(200);
      const published = await read(draftImage);
      expect(published.status).toBe(200);
      expect(published.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
      expect((await post(`/content/news/${draft.id}/unpublish`)).status).toBe(200);
      expect(await statusOf(draftImage)).toBe(404);

      // news reserved to the conservatory's families: only its audience and its editors
      const conservatory = serviceOf(vichy, 'music-conservatory');
      const restrictedImage = await upload('image', 'concert.png', PNG);
      await publish(
        vichyAgent,
        aNews(vichy, {
          title: 'Concert des élèves',
          imageId: restrictedImage,
          audienceServiceIds: [conservatory],
        }),
      );
      const enrolled = await aFamily(system);
      const created = await api(system, 'POST', '/households', {
        body: aHouseholdOf(enrolled.email),
        headers: enrolled.authorization,
      });
      expect(created.status).toBe(201);
      const household = await api<{ id: string }>(system, 'GET', '/me/household', {
        headers: enrolled.authorization,
      });
      const linked = await system.request('identity.households.link-service', {
        householdId: household.body.id,
        municipalServiceId: conservatory,
      });
      expect(linked.err).toBeUndefined();
      expect(await statusOf(restrictedImage)).toBe(404);
      expect(await statusOf(restrictedImage, family)).toBe(404);
      expect(await statusOf(restrictedImage, cussetAgent)).toBe(404);
      expect(await statusOf(restrictedImage, enrolled)).toBe(200);
      expect(await statusOf(restrictedImage, vichyAgent)).toBe(200);

      // a tile's attachment is public once the tile is published
      const form = await upload('attachment', 'derogation.pdf', PDF);
      const tile = await api<{ id: string }>(system, 'POST', '/content/tiles', {
        headers: vichyAgent.authorization,
        body: {
          organisationId: vichy.id,
          kind: 'activity',
          title: 'Dérogations scolaires',
          position: 9,
          status: 'draft',
          blocks: { attachments: [{ fileId: form, label: 'Formulaire de dérogation' }] },
        },
      });
      expect(tile.status).toBe(201);
      expect(await statusOf(form)).toBe(404);
      expect((await post(`/content/tiles/${tile.body.id}/publish`)).status).toBe(200);
      expect(await statusOf(form)).toBe(200);

      // as is a file a published body links to
      const linkedForm = await upload('attachment', 'reglement.pdf', PDF);
      expect(await statusOf(linkedForm)).toBe(404);
      await publish(
        vichyAgent,
        aNews(vichy, {
          title: 'Règlement intérieur',
          bodyMarkdown: `[Le règlement](/api/v1/content/files/${linkedForm})`,
        }),
      );
      expect(await statusOf(linkedForm)).toBe(200);
    });

    it('refuses a file larger than the limit', async () => {
      const big = Buffer.concat([PNG, Buffer.alloc(600_000)]);
      const response = await api<Problem>(system, 'POST', '/content/files', {
        headers: vichyAgent.authorization,
        body: {
          organisationId: vichy.id,
          kind: 'image',
          fileName: 'grande.png',
          contentBase64: big.toString('base64'),
        },
      });
      expect(response.status).toBe(413);
      expect(response.body.code).toBe('FILE_TOO_LARGE');
    });
  });

  describe('who may write', () => {
    it('refuses news for an organisation identity does not know', async () => {
      const response = await api<Problem>(system, 'POST', '/content/news', {
        headers: admin.authorization,
        body: aNews({ ...vichy, id: '0195a8e0-0000-7000-8000-0000000000aa' }),
      });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('ORGANISATION_NOT_FOUND');
    });

    it("keeps an agent of Cusset out of Vichy's content, and records who changed what", async () => {
      const news = await publish(vichyAgent, aNews(vichy, { title: 'Actualité Pass’Sport Vichy' }));
      const create = await api<Problem>(system, 'POST', '/content/news', {
        headers: cussetAgent.authorization,
        body: aNews(vichy),
      });
      expect(create.status).toBe(403);
      expect(create.body.code).toBe('CONTENT_OUT_OF_SCOPE');
      const edit = await api(system, 'PATCH', `/content/news/${news.id}`, {
        headers: cussetAgent.authorization,
        body: { title: 'Piraté' },
      });
      expect(edit.status).toBe(403);
      const remove = await api(system, 'DELETE', `/content/news/${news.id}`, {
        headers: cussetAgent.authorization,
      });
      expect(remove.status).toBe(403);
      const unpublish = await api(system, 'POST', `/content/news/${news.id}/unpublish`, {
        headers: cussetAgent.authorization,
      });
      expect(unpublish.status).toBe(403);
      expect((await api<News>(system, 'GET', `/content/news/${news.id}`)).body.title).toBe(
        'Actualité Pass’Sport Vichy',
      );

      await api(system, 'PATCH', `/content/news/${news.id}`, {
        headers: vichyAgent.authorization,
        body: { pinned: true },
      });
      const deleted = await api(system, 'DELETE', `/content/news/${news.id}`, {
        headers: vichyAgent.authorization,
      });
      expect(deleted.status).toBe(200);
      const changes = await system.query<{ action: string; actor_account_id: string }>(
        'content',
        'SELECT action, actor_account_id FROM content_changes WHERE subject_id = $1 ORDER BY at, id',
        [news.id],
      );
      expect(changes).toEqual([
        { action: 'create', actor_account_id: vichyAgent.accountId },
        { action: 'update', actor_account_id: vichyAgent.accountId },
        { action: 'delete', actor_account_id: vichyAgent.accountId },
      ]);
      const log = await api<{ items: Array<{ action: string; actorAccountId: string }> }>(
        system,
        'GET',
        `/content/changes?organisationId=${vichy.id}&subjectId=${news.id}`,
        { headers: vichyAgent.authorization },
      );
      expect(log.status).toBe(200);
      expect(log.body.items.map((item) => item.action)).toEqual(['delete', 'update', 'create']);
      const foreignLog = await api(system, 'GET', `/content/changes?organisationId=${vichy.id}`, {
        headers: cussetAgent.authorization,
      });
      expect(foreignLog.status).toBe(403);
    });

    it('lets neither families nor visitors write', async () => {
      const asFamily = await api<Problem>(system, 'POST', '/content/news', {
        headers: family.authorization,
        body: aNews(vichy),
      });
      expect(asFamily.status).toBe(403);
      const asVisitor = await api(system, 'POST', '/content/news', { body: aNews(vichy) });
      expect(asVisitor.status).toBe(401);
      const tileAsFamily = await api(system, 'POST', '/content/tiles', {
        headers: family.authorization,
        body: { organisationId: vichy.id, kind: 'contact', title: 'Contacts' },
      });
      expect(tileAsFamily.status).toBe(403);
      const uploadAsVisitor = await api(system, 'POST', '/content/files', {
        body: { organisationId: vichy.id, kind: 'image', fileName: 'a.png', contentBase64: 'AA==' },
      });
      expect(uploadAsVisitor.status).toBe(401);
    });

    it('answers bad input with 400 problem+json naming the fields', async () => {
      const response = await api<Problem>(system, 'POST', '/content/news', {
        headers: vichyAgent.authorization,
        body: { organisationId: 'vichy', title: '', category: 'cinéma', pinned: 'oui' },
      });
      expect(response.status).toBe(400);
      expect(response.contentType).toContain('application/problem+json');
      expect(fieldsOf(response)).toEqual([
        'bodyMarkdown',
        'category',
        'organisationId',
        'pinned',
        'summary',
        'title',
      ]);
      const window = await api<Problem>(system, 'POST', '/content/news', {
        headers: vichyAgent.authorization,
        body: aNews(vichy, {
          publishFrom: '2026-09-01T00:00:00Z',
          publishUntil: '2026-08-01T00:00:00Z',
        }),
      });
      expect(window.status).toBe(400);
      expect(fieldsOf(window)).toEqual(['publishUntil']);
      const badBlocks = await api<Problem>(system, 'POST', '/content/tiles', {
        headers: vichyAgent.authorization,
        body: {
          organisationId: vichy.id,
          kind: 'contact',
          title: 'Contacts',
          blocks: { contacts: [{ service: '', phone: '12' }] },
        },
      });
      expect(badBlocks.status).toBe(400);
      expect(fieldsOf(badBlocks)).toEqual(['blocks.contacts.0.phone', 'blocks.contacts.0.service']);
    });
  });

  it('documents every content route in the OpenAPI document', async () => {
    const document = (await (await fetch(`${system.gatewayUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/content'))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .sort();
    expect(routes).toEqual(
      [
        'get /api/v1/content/home',
        'get /api/v1/content/news',
        'get /api/v1/content/news/{id}',
        'get /api/v1/content/tiles',
        'get /api/v1/content/files/{id}',
        'get /api/v1/content/editor/news',
        'get /api/v1/content/changes',
        'post /api/v1/content/news',
        'patch /api/v1/content/news/{id}',
        'post /api/v1/content/news/{id}/publish',
        'post /api/v1/content/news/{id}/unpublish',
        'delete /api/v1/content/news/{id}',
        'post /api/v1/content/tiles',
        'patch /api/v1/content/tiles/{id}',
        'post /api/v1/content/tiles/{id}/publish',
        'post /api/v1/content/tiles/{id}/unpublish',
        'delete /api/v1/content/tiles/{id}',
        'post /api/v1/content/files',
      ].sort(),
    );
  });

  describe('tiles, home and caching', () => {
    it('returns pinned news, latest news and ordered tiles in one call, with ETag and 304', async () => {
      const organisation = await anOrganisation('Bellerive-sur-Allier', ['education']);
      const agent = await anAgentOf(organisation);
      const pinned = await publish(agent, aNews(organisation, { pinned: true, title: 'Épinglée' }));
      const latest = await publish(agent, aNews(organisation, { title: 'Dernière' }));
      const tile = async (title: string, position: number, kind = 'activity') =>
        (
          await api<{ id: string }>(system, 'POST', '/content/tiles', {
            headers: agent.authorization,
            body: {
              organisationId: organisation.id,
              kind,
              title,
              position,
              status: 'published',
              bodyMarkdown: 'Préinscriptions scolaires <b onmouseover="x()">toute l’année</b>',
              blocks:
                kind === 'activity'
                  ? {
                      schools: [
                        {
                          name: 'École maternelle Jean Zay',
                          level: 'maternelle',
                          address: 'Rue de la Perche',
                          phone: '04 70 32 31 42',
                          directorRole: 'Directrice',
                          directorName: 'Claire DUVAL',
                        },
                      ],
                      openingHours: [{ label: 'Écoles maternelles', hours: 'de 8h30 à 11h45' }],
                    }
                  : {
                      contacts: [
                        {
                          service: 'Restauration scolaire',
                          phone: '04 70 30 55 04',
                          voicemail: '04 70 30 55 90',
                        },
                      ],
                    },
            },
          })
        ).body;
      const contacts = await tile('Contacts', 2, 'contact');
      const schools = await tile('Écoles', 1);

      const path = `${system.gatewayUrl}/api/v1/content/home?organisationId=${organisation.id}`;
      const first = await fetch(path);
      expect(first.status).toBe(200);
      const home = (await first.json()) as Home;
      expect(home.pinned.map((item) => item.id)).toEqual([pinned.id]);
      expect(home.latest.map((item) => item.id)).toEqual([latest.id]);
      expect(home.tiles.map((item) => item.id)).toEqual([schools.id, contacts.id]);
      expect(JSON.stringify(home.tiles)).not.toContain('onmouseover');
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');

      const noLatest = await api<Home>(
        system,
        'GET',
        `/content/home?organisationId=${organisation.id}&latest=0`,
      );
      expect(noLatest.body.latest).toEqual([]);
      expect(noLatest.body.pinned).toHaveLength(1);

      const again = await fetch(path, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');

      await api(system, 'PATCH', `/content/news/${latest.id}`, {
        headers: agent.authorization,
        body: { summary: 'Nouveau résumé' },
      });
      const afterEdit = await fetch(path, { headers: { 'if-none-match': etag } });
      expect(afterEdit.status).toBe(200);
      expect(afterEdit.headers.get('etag')).not.toBe(etag);
      expect(((await afterEdit.json()) as Home).latest[0]).toMatchObject({
        summary: 'Nouveau résumé',
      });

      const list = await fetch(
        `${system.gatewayUrl}/api/v1/content/news?organisationId=${organisation.id}`,
      );
      const listAgain = await fetch(
        `${system.gatewayUrl}/api/v1/content/news?organisationId=${organisation.id}`,
        { headers: { 'if-none-match': list.headers.get('etag')! } },
      );
      expect(listAgain.status).toBe(304);

      const other = await api(system, 'PATCH', `/content/tiles/${schools.id}`, {
        headers: cussetAgent.authorization,
        body: { title: 'Piraté' },
      });
      expect(other.status).toBe(403);
    });
  });
});

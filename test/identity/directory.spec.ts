import { randomUUID } from 'node:crypto';
import type { TestSystem } from '@portail/testing';
import { aFamily, anAdmin, type Actor } from '../support/identity-actors';
import { startSystem } from '../support/services';
import { api, fieldsOf, uniqueSlug, type Problem } from './directory-support';

interface Organisation {
  id: string;
  slug: string;
  name: string;
  kind: string;
  active: boolean;
  contact: Record<string, string>;
  services: Array<{ id: string; code: string; active: boolean; contact: Record<string, string> }>;
}
interface School {
  id: string;
  name: string;
  kind: string;
  active: boolean;
  phone: string | null;
  directorName: string | null;
}

describe('directory: organisations, municipal services and schools', () => {
  let system: TestSystem;
  let admin: Actor;
  let family: Actor;
  let organisation: Organisation;

  beforeAll(async () => {
    system = await startSystem(['identity']);
    admin = await anAdmin(system);
    family = await aFamily(system);
    const created = await api<Organisation>(system, 'POST', '/organisations', {
      headers: admin.authorization,
      body: {
        slug: uniqueSlug('bellerive'),
        name: 'Bellerive-sur-Allier',
        kind: 'commune',
        contact: {
          addressLine1: 'Esplanade François Mitterrand',
          postalCode: '03700',
          city: 'Bellerive-sur-Allier',
          phone: '04 70 58 87 10',
          website: 'https://www.ville-bellerive-sur-allier.fr',
        },
      },
    });
    expect(created.status).toBe(201);
    organisation = created.body;
  });

  afterAll(async () => {
    await system?.close();
  });

  describe('public reads', () => {
    it('lists organisations with their contact details and services, without a token', async () => {
      const service = await api(system, 'POST', `/organisations/${organisation.id}/services`, {
        headers: admin.authorization,
        body: {
          code: 'school-catering',
          name: 'Restauration scolaire',
          category: 'school-catering',
          contact: {
            phone: '04 70 30 55 04',
            voicemail: '04 70 30 55 90',
            openingHours: 'Du lundi au vendredi de 8h30 à 12h00 et de 13h30 à 17h00',
          },
        },
      });
      expect(service.status).toBe(201);

      const list = await api<Organisation[]>(system, 'GET', '/organisations');
      expect(list.status).toBe(200);
      const listed = list.body.find((candidate) => candidate.id === organisation.id);
      expect(listed).toMatchObject({
        name: 'Bellerive-sur-Allier',
        kind: 'commune',
        active: true,
        contact: { phone: '04 70 58 87 10', postalCode: '03700' },
        services: [
          {
            code: 'school-catering',
            contact: { voicemail: '04 70 30 55 90', phone: '04 70 30 55 04' },
          },
        ],
      });

      const one = await api<Organisation>(system, 'GET', `/organisations/${organisation.id}`);
      expect(one.status).toBe(200);
      expect(one.body.services.map((s) => s.code)).toEqual(['school-catering']);

      const byService = await api(system, 'GET', `/municipal-services/${one.body.services[0].id}`);
      expect(byService.status).toBe(200);
      expect(byService.body).toMatchObject({
        code: 'school-catering',
        organisationId: organisation.id,
      });
    });

    it('lists the schools of an organisation with filters, and gets one', async () => {
      const schools = [
        { name: 'École maternelle Alexandre Varenne', kind: 'maternelle', phone: '04 70 32 05 42' },
        { name: 'École maternelle Jean Zay', kind: 'maternelle', phone: '04 70 32 31 42' },
        { name: 'École élémentaire Marx Dormoy', kind: 'elementaire', phone: '04 70 32 07 65' },
      ];
      for (const school of schools) {
        const created = await api(system, 'POST', `/organisations/${organisation.id}/schools`, {
          headers: admin.authorization,
          body: {
            ...school,
            address: {
              addressLine1: '37 rue Charloing',
              postalCode: '03700',
              city: 'Bellerive-sur-Allier',
            },
            directorName: 'Monique FAURE',
          },
        });
        expect(created.status).toBe(201);
      }
      const all = await api<School[]>(system, 'GET', `/organisations/${organisation.id}/schools`);
      expect(all.status).toBe(200);
      expect(all.body).toHaveLength(3);
      const maternelles = await api<School[]>(
        system,
        'GET',
        `/organisations/${organisation.id}/schools?kind=maternelle`,
      );
      expect(maternelles.body.map((s) => s.name).sort()).toEqual([
        'École maternelle Alexandre Varenne',
        'École maternelle Jean Zay',
      ]);
      const search = await api<School[]>(
        system,
        'GET',
        `/organisations/${organisation.id}/schools?search=dormoy`,
      );
      expect(search.body.map((s) => s.name)).toEqual(['École élémentaire Marx Dormoy']);
      const one = await api<School>(system, 'GET', `/schools/${search.body[0].id}`);
      expect(one.body).toMatchObject({
        kind: 'elementaire',
        phone: '04 70 32 07 65',
        active: true,
      });
    });

    it('answers 404 problem+json for unknown ids', async () => {
      for (const path of [
        `/organisations/${randomUUID()}`,
        `/organisations/${randomUUID()}/schools`,
        `/schools/${randomUUID()}`,
        `/municipal-services/${randomUUID()}`,
      ]) {
        const response = await api(system, 'GET', path);
        expect(response.status).toBe(404);
        expect(response.contentType).toContain('application/problem+json');
      }
    });
  });

  describe('changes by administrators only', () => {
    const writes = (): Array<[string, string, unknown]> => [
      ['POST', '/organisations', { slug: uniqueSlug('x'), name: 'X', kind: 'commune' }],
      ['PATCH', `/organisations/${organisation.id}`, { name: 'Y' }],
      [
        'POST',
        `/organisations/${organisation.id}/services`,
        { code: uniqueSlug('s'), name: 'S', category: 'sports' },
      ],
      ['POST', `/organisations/${organisation.id}/schools`, { name: 'Z', kind: 'maternelle' }],
      ['PATCH', `/municipal-services/${randomUUID()}`, { name: 'S' }],
      ['PATCH', `/schools/${randomUUID()}`, { name: 'S' }],
    ];

    it('refuses a caller without a token with 401', async () => {
      for (const [method, path, body] of writes()) {
        const response = await api<Problem>(system, method, path, { body });
        expect([method, path, response.status]).toEqual([method, path, 401]);
        expect(response.body.code).toBe('UNAUTHENTICATED');
      }
    });

    it('refuses a family with 403', async () => {
      for (const [method, path, body] of writes()) {
        const response = await api<Problem>(system, method, path, {
          body,
          headers: family.authorization,
        });
        expect([method, path, response.status]).toEqual([method, path, 403]);
      }
    });

    it('refuses a family that calls identity directly, skipping the gateway', async () => {
      const reply = await system.request(
        'identity.organisations.create',
        { slug: uniqueSlug('direct'), name: 'Direct', kind: 'commune' },
        { 'x-portail-caller': JSON.stringify({ kind: 'family', accountId: family.accountId }) },
      );
      expect(reply.err).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('deactivates rather than deletes: hidden from public lists, still readable by id', async () => {
      const service = await api<{ id: string }>(
        system,
        'POST',
        `/organisations/${organisation.id}/services`,
        {
          headers: admin.authorization,
          body: { code: 'nursery', name: 'Crèche', category: 'nursery' },
        },
      );
      const school = await api<School>(
        system,
        'POST',
        `/organisations/${organisation.id}/schools`,
        {
          headers: admin.authorization,
          body: { name: 'École maternelle fermée', kind: 'maternelle' },
        },
      );
      expect(
        (
          await api(system, 'PATCH', `/municipal-services/${service.body.id}`, {
            headers: admin.authorization,
            body: { active: false },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await api(system, 'PATCH', `/schools/${school.body.id}`, {
            headers: admin.authorization,
            body: { active: false, directorName: 'Paul NOËL' },
          })
        ).status,
      ).toBe(200);

      const list = await api<Organisation[]>(system, 'GET', '/organisations');
      const listed = list.body.find((candidate) => candidate.id === organisation.id)!;
      expect(listed.services.map((s) => s.code)).not.toContain('nursery');
      const schools = await api<School[]>(
        system,
        'GET',
        `/organisations/${organisation.id}/schools`,
      );
      expect(schools.body.map((s) => s.id)).not.toContain(school.body.id);
      const withInactive = await api<School[]>(
        system,
        'GET',
        `/organisations/${organisation.id}/schools?includeInactive=true`,
      );
      expect(withInactive.body.find((s) => s.id === school.body.id)).toMatchObject({
        active: false,
        directorName: 'Paul NOËL',
      });
      expect((await api(system, 'GET', `/schools/${school.body.id}`)).body).toMatchObject({
        active: false,
      });
    });

    it('refuses a duplicate slug, service code or school name with 409', async () => {
      const slug = await api<Problem>(system, 'POST', '/organisations', {
        headers: admin.authorization,
        body: { slug: organisation.slug, name: 'Doublon', kind: 'commune' },
      });
      expect([slug.status, slug.body.code]).toEqual([409, 'ORGANISATION_SLUG_TAKEN']);
      const code = await api<Problem>(
        system,
        'POST',
        `/organisations/${organisation.id}/services`,
        {
          headers: admin.authorization,
          body: { code: 'school-catering', name: 'Doublon', category: 'school-catering' },
        },
      );
      expect([code.status, code.body.code]).toEqual([409, 'MUNICIPAL_SERVICE_CODE_TAKEN']);
      const school = await api<Problem>(
        system,
        'POST',
        `/organisations/${organisation.id}/schools`,
        {
          headers: admin.authorization,
          body: { name: 'école maternelle jean zay', kind: 'maternelle' },
        },
      );
      expect([school.status, school.body.code]).toEqual([409, 'SCHOOL_ALREADY_EXISTS']);
    });
  });

  describe('bad input: 400 problem+json with field details, never 500', () => {
    const cases: Array<[string, string, () => string, unknown, string[]]> = [
      ['missing fields', 'POST', () => '/organisations', {}, ['kind', 'name', 'slug']],
      [
        'wrong types',
        'POST',
        () => '/organisations',
        { slug: 42, name: ['Vichy'], kind: 'city', contact: { phone: 470305504 } },
        ['contact.phone', 'kind', 'name', 'slug'],
      ],
      [
        'oversized strings',
        'POST',
        () => '/organisations',
        {
          slug: 'a'.repeat(61),
          name: 'V'.repeat(201),
          kind: 'commune',
          contact: { openingHours: 'h'.repeat(501), email: `${'e'.repeat(250)}@x.fr` },
        },
        ['contact.email', 'contact.openingHours', 'name', 'slug'],
      ],
      [
        'unknown fields, nested too',
        'POST',
        () => '/organisations',
        { slug: uniqueSlug('u'), name: 'U', kind: 'commune', admin: true, contact: { fax: '1' } },
        ['admin', 'contact.fax'],
      ],
      [
        'malformed contact details',
        'POST',
        () => `/organisations/${organisation.id}/services`,
        {
          code: 'Restauration Scolaire',
          name: '   ',
          category: 'canteen',
          contact: { phone: '12', website: 'javascript:alert(1)', postalCode: '3700', email: 'x' },
        },
        [
          'category',
          'code',
          'contact.email',
          'contact.phone',
          'contact.postalCode',
          'contact.website',
          'name',
        ],
      ],
      [
        'null for a field that cannot be cleared',
        'PATCH',
        () => `/organisations/${organisation.id}`,
        { name: null, active: 'yes' },
        ['active', 'name'],
      ],
      [
        'a school of an unknown kind',
        'POST',
        () => `/organisations/${organisation.id}/schools`,
        { name: 'École', kind: 'college', phone: 'abc', directorName: 'D'.repeat(121) },
        ['directorName', 'kind', 'phone'],
      ],
      [
        'bad query filters',
        'GET',
        () => `/organisations/${organisation.id}/schools?kind=lycee&includeInactive=maybe&x=1`,
        undefined,
        ['includeInactive', 'kind', 'x'],
      ],
      ['a malformed id', 'PATCH', () => '/schools/not-a-uuid', { name: 'A' }, ['id']],
    ];

    it.each(cases)('%s', async (_name, method, path, body, fields) => {
      const response = await api<Problem>(system, method, path(), {
        body,
        headers: admin.authorization,
      });
      expect(response.status).toBe(400);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(response)).toEqual(fields);
      for (const field of response.body.details!.fields!) expect(field.message).toMatch(/\S/);
    });

    it('answers unparsable JSON with 400', async () => {
      const response = await fetch(`${system.gatewayUrl}/api/v1/organisations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...admin.authorization },
        body: '{"slug": ',
      });
      expect(response.status).toBe(400);
    });
  });
});

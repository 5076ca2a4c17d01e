import { randomUUID } from 'node:crypto';
import { PROCEDURE_STATUSES } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { attachmentDisposition } from '../../services/gateway/src/enrolment/certificate-file';
import { api, fieldsOf, uniqueSlug, type Problem } from '../identity/directory-support';
import { aFamily, anAdmin, type Actor } from '../support/identity-actors';
import { startSystem } from '../support/services';

/**
 * The gateway's edge of enrolment's procedures and applications: who may call each route,
 * what it refuses before any service is asked (400 problem+json, French messages, field by
 * field), and what /openapi.json says. The business flows are in test/enrolment.
 */

type Audience = 'public' | 'family' | 'staff';

interface Route {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  audience: Audience;
  success: number;
  problems: number[];
}

const ROUTES: Route[] = [
  { method: 'GET', path: '/procedures', audience: 'public', success: 200, problems: [400] },
  {
    method: 'GET',
    path: '/procedures/{id}',
    audience: 'public',
    success: 200,
    problems: [400, 404],
  },
  {
    method: 'GET',
    path: '/me/applications',
    audience: 'family',
    success: 200,
    problems: [400, 404],
  },
  {
    method: 'POST',
    path: '/me/applications',
    audience: 'family',
    success: 201,
    problems: [400, 404, 409, 422],
  },
  {
    method: 'GET',
    path: '/me/applications/{id}',
    audience: 'family',
    success: 200,
    problems: [400, 404],
  },
  {
    method: 'PATCH',
    path: '/me/applications/{id}',
    audience: 'family',
    success: 200,
    problems: [400, 404, 409, 422],
  },
  {
    method: 'POST',
    path: '/me/applications/{id}/submit',
    audience: 'family',
    success: 200,
    problems: [400, 404, 409, 422],
  },
  {
    method: 'POST',
    path: '/me/applications/{id}/withdraw',
    audience: 'family',
    success: 200,
    problems: [400, 404, 409],
  },
  {
    method: 'GET',
    path: '/me/applications/{id}/certificate',
    audience: 'family',
    success: 200,
    problems: [400, 404],
  },
  { method: 'GET', path: '/agent/procedures', audience: 'staff', success: 200, problems: [400] },
  {
    method: 'POST',
    path: '/agent/procedures',
    audience: 'staff',
    success: 201,
    problems: [400, 404, 422],
  },
  {
    method: 'GET',
    path: '/agent/procedures/{id}',
    audience: 'staff',
    success: 200,
    problems: [400, 404],
  },
  {
    method: 'PATCH',
    path: '/agent/procedures/{id}',
    audience: 'staff',
    success: 200,
    problems: [400, 404, 422],
  },
  { method: 'GET', path: '/agent/applications', audience: 'staff', success: 200, problems: [400] },
  {
    method: 'POST',
    path: '/agent/applications',
    audience: 'staff',
    success: 201,
    problems: [400, 404, 409, 422],
  },
  {
    method: 'GET',
    path: '/agent/applications/{id}',
    audience: 'staff',
    success: 200,
    problems: [400, 404],
  },
  {
    method: 'PATCH',
    path: '/agent/applications/{id}',
    audience: 'staff',
    success: 200,
    problems: [400, 404, 409, 422],
  },
  {
    method: 'POST',
    path: '/agent/applications/{id}/submit',
    audience: 'staff',
    success: 200,
    problems: [400, 404, 409, 422],
  },
  {
    method: 'POST',
    path: '/agent/applications/{id}/decision',
    audience: 'staff',
    success: 200,
    problems: [400, 404, 409],
  },
  {
    method: 'GET',
    path: '/agent/applications/{id}/certificate',
    audience: 'staff',
    success: 200,
    problems: [400, 404],
  },
];

/** Routes on which a caller acts on a procedure's service answer 403 PROCEDURE_OUT_OF_SCOPE. */
const OUT_OF_SCOPE_ROUTES = [
  'POST /agent/procedures',
  'PATCH /agent/procedures/{id}',
  'POST /agent/applications',
  'POST /agent/applications/{id}/decision',
];

const PROCEDURE_ID_MESSAGE = "L'identifiant de la démarche doit être un UUID.";
const APPLICATION_ID_MESSAGE = "L'identifiant de la demande doit être un UUID.";

/** A body that passes the edge, for routes where the body is not what is tested. */
function validBodyOf(route: Route): Record<string, unknown> | undefined {
  if (route.method === 'GET') return undefined;
  if (route.path.endsWith('/decision')) return { decision: 'accept' };
  if (route.path === '/me/applications')
    return { procedureId: randomUUID(), childId: randomUUID() };
  if (route.path === '/agent/applications') {
    return { procedureId: randomUUID(), childId: randomUUID(), householdId: randomUUID() };
  }
  if (route.path === '/agent/procedures') return aProcedureBody(randomUUID());
  return {};
}

function aProcedureBody(municipalServiceId: string): Record<string, unknown> {
  return {
    municipalServiceId,
    season: '2026-2027',
    title: 'Inscription à la restauration scolaire 2026-2027',
    description: 'Inscrivez votre enfant au restaurant scolaire.',
    form: {
      fields: [
        { key: 'allergies', type: 'yes-no', label: 'Des allergies ?', required: true, help: null },
        {
          key: 'allergy-details',
          type: 'text',
          label: 'Lesquelles ?',
          required: true,
          min: 2,
          max: 500,
          pattern: '[\\p{L} ,]+',
          patternMessage: 'Des lettres et des virgules.',
          visibleWhen: { field: 'allergies', equals: [true] },
        },
        {
          key: 'days',
          type: 'multiple-choice',
          label: 'Jours de repas',
          required: true,
          options: [
            { value: 'lundi', label: 'Lundi' },
            { value: 'mardi', label: 'Mardi' },
          ],
          min: 1,
          max: 2,
        },
        {
          key: 'start',
          type: 'date',
          label: 'Premier repas',
          required: false,
          minDate: '2026-09-01',
          maxDate: '2027-07-04',
        },
        { key: 'home', type: 'address', label: 'Adresse de facturation', required: false },
      ],
    },
    requiredDocuments: [
      { documentType: 'justificatif-de-domicile', required: true, help: 'Moins de 3 mois' },
      { documentType: 'pai', required: false },
    ],
    eligibility: {
      minAgeYears: 2,
      maxAgeYears: 11,
      ageOn: '2026-09-01',
      schoolLevels: ['PS', 'CP'],
      residence: 'any',
    },
    opensAt: '2026-05-04T08:00:00+02:00',
    closesAt: '2026-07-03T18:00:00+02:00',
    capacity: 120,
    validationMode: 'manual',
    grant: {
      kind: 'activity-booking',
      activityCode: 'restauration-scolaire',
      activityName: 'Restauration scolaire',
      billing: 'post-billing',
    },
  };
}

function pathOf(route: Route, id: string = randomUUID()): string {
  return route.path.replace('{id}', id);
}

function messagesOf(response: { body: unknown }): Record<string, string[]> {
  const messages: Record<string, string[]> = {};
  for (const { field, message } of (response.body as Problem).details?.fields ?? []) {
    (messages[field] ??= []).push(message);
  }
  return messages;
}

describe('gateway: the routes of enrolment’s procedures and applications', () => {
  let system: TestSystem;
  let family: Actor;
  let admin: Actor;

  const headersFor = (audience: Audience) =>
    audience === 'family' ? family.authorization : audience === 'staff' ? admin.authorization : {};

  beforeAll(async () => {
    system = await startSystem(['identity', 'enrolment']);
    [family, admin] = await Promise.all([aFamily(system), anAdmin(system)]);
  }, 120_000);

  afterAll(async () => {
    await system?.close();
  });

  describe('who may call', () => {
    it('answers 401 on every family and agent route without a token', async () => {
      for (const route of ROUTES.filter((candidate) => candidate.audience !== 'public')) {
        const response = await api<Problem>(system, route.method, pathOf(route), {
          body: validBodyOf(route),
        });
        expect([route.method, route.path, response.status, response.body.code]).toEqual([
          route.method,
          route.path,
          401,
          'UNAUTHENTICATED',
        ]);
        expect(response.contentType).toContain('application/problem+json');
      }
    });

    it('answers 403 to a family on agent routes, and to staff on family routes', async () => {
      for (const route of ROUTES.filter((candidate) => candidate.audience !== 'public')) {
        const other = route.audience === 'family' ? admin : family;
        const response = await api<Problem>(system, route.method, pathOf(route), {
          headers: other.authorization,
          body: validBodyOf(route),
        });
        expect([route.method, route.path, response.status, response.body.code]).toEqual([
          route.method,
          route.path,
          403,
          'FORBIDDEN',
        ]);
      }
    });

    it('opens the catalogue to anyone, and shows a draft procedure only to its managers', async () => {
      const open = await api<unknown[]>(system, 'GET', '/procedures');
      expect(open.status).toBe(200);
      expect(Array.isArray(open.body)).toBe(true);
      const unknown = await api<Problem>(system, 'GET', `/procedures/${randomUUID()}`);
      expect([unknown.status, unknown.body.code]).toEqual([404, 'PROCEDURE_NOT_FOUND']);

      const organisation = await api<{ id: string }>(system, 'POST', '/organisations', {
        headers: admin.authorization,
        body: { slug: uniqueSlug('gateway-enrolment'), name: 'Cusset', kind: 'commune' },
      });
      expect(organisation.status).toBe(201);
      const service = await api<{ id: string }>(
        system,
        'POST',
        `/organisations/${organisation.body.id}/services`,
        {
          headers: admin.authorization,
          body: { code: uniqueSlug('restauration'), name: 'Restauration', category: 'other' },
        },
      );
      expect(service.status).toBe(201);
      const sent = aProcedureBody(service.body.id);
      const created = await api<Record<string, unknown> & { id: string }>(
        system,
        'POST',
        '/agent/procedures',
        { headers: admin.authorization, body: sent },
      );
      expect(created.status).toBe(201);
      // Every part went through the edge's DTOs untouched (nothing stripped, nothing added).
      expect(created.body).toMatchObject({
        status: 'draft',
        form: sent.form,
        requiredDocuments: [
          { documentType: 'justificatif-de-domicile', required: true, help: 'Moins de 3 mois' },
          { documentType: 'pai', required: false, help: null },
        ],
        eligibility: sent.eligibility,
        grant: sent.grant,
        capacity: 120,
      });

      const anonymous = await api<Problem>(system, 'GET', `/procedures/${created.body.id}`);
      expect([anonymous.status, anonymous.body.code]).toEqual([404, 'PROCEDURE_NOT_FOUND']);
      const manager = await api<{ id: string; status: string }>(
        system,
        'GET',
        `/procedures/${created.body.id}`,
        { headers: admin.authorization },
      );
      expect([manager.status, manager.body.status]).toEqual([200, 'draft']);
      const familyView = await api<Problem>(system, 'GET', `/procedures/${created.body.id}`, {
        headers: family.authorization,
      });
      expect(familyView.status).toBe(404);

      // What only the service can judge passes the edge: a condition on a later field.
      const inconsistent = await api<Problem>(
        system,
        'PATCH',
        `/agent/procedures/${created.body.id}`,
        {
          headers: admin.authorization,
          body: {
            form: {
              fields: [
                {
                  key: 'a',
                  type: 'text',
                  label: 'A',
                  required: true,
                  visibleWhen: { field: 'b', equals: ['x'] },
                },
                { key: 'b', type: 'text', label: 'B', required: false },
              ],
            },
          },
        },
      );
      expect([inconsistent.status, inconsistent.body.code]).toEqual([
        422,
        'INVALID_FORM_DEFINITION',
      ]);
    });
  });

  describe('what the edge refuses (400 problem+json, French, field by field)', () => {
    it('refuses an id that is not a UUID on every route that takes one', async () => {
      for (const route of ROUTES.filter((candidate) => candidate.path.includes('{id}'))) {
        const response = await api<Problem>(system, route.method, pathOf(route, 'pas-un-uuid'), {
          headers: headersFor(route.audience),
          body: validBodyOf(route),
        });
        expect([route.method, route.path, response.status]).toEqual([
          route.method,
          route.path,
          400,
        ]);
        expect(response.contentType).toContain('application/problem+json');
        expect(response.body.code).toBe('VALIDATION_FAILED');
        expect(messagesOf(response)).toEqual({
          id: [route.path.includes('procedures') ? PROCEDURE_ID_MESSAGE : APPLICATION_ID_MESSAGE],
        });
      }
    });

    it('refuses malformed filters of the catalogue and the lists', async () => {
      const catalogue = await api(
        system,
        'GET',
        '/procedures?organisationId=vichy&municipalServiceId=12&season=2026-2028',
      );
      expect(catalogue.status).toBe(400);
      expect(messagesOf(catalogue)).toEqual({
        organisationId: ["L'identifiant de la collectivité doit être un UUID."],
        municipalServiceId: ["L'identifiant du service municipal doit être un UUID."],
        season: ['La saison doit être de la forme 2026-2027.'],
      });
      const unknownFilter = await api(system, 'GET', '/procedures?sort=title');
      expect(unknownFilter.status).toBe(400);
      expect(fieldsOf(unknownFilter)).toEqual(['sort']);

      const mine = await api(
        system,
        'GET',
        '/me/applications?status=ouverte&season=2026&page=0&pageSize=101',
        { headers: family.authorization },
      );
      expect(mine.status).toBe(400);
      expect(messagesOf(mine)).toEqual({
        status: [
          "Le statut doit être l'un de : draft, submitted, information-requested, accepted, rejected, withdrawn.",
        ],
        season: ['La saison doit être de la forme 2026-2027.'],
        page: ['La page commence à 1.'],
        pageSize: ['La taille de page ne doit pas dépasser 100.'],
      });

      const managed = await api(system, 'GET', '/agent/procedures?status=open&season=x', {
        headers: admin.authorization,
      });
      expect(managed.status).toBe(400);
      expect(messagesOf(managed)).toEqual({
        status: ['Le statut est draft, published ou archived.'],
        season: ['La saison doit être de la forme 2026-2027.'],
      });

      const agentList = await api(
        system,
        'GET',
        `/agent/applications?procedureId=x&childId=y&householdId=z&submittedFrom=2026-02-30&submittedTo=demain&childName=${'a'.repeat(101)}&pageSize=1.5`,
        { headers: admin.authorization },
      );
      expect(agentList.status).toBe(400);
      expect(messagesOf(agentList)).toEqual({
        procedureId: [PROCEDURE_ID_MESSAGE],
        childId: ["L'identifiant de l'enfant doit être un UUID."],
        householdId: ["L'identifiant du foyer doit être un UUID."],
        submittedFrom: ['La date de début doit être une date AAAA-MM-JJ.'],
        submittedTo: ['La date de fin doit être une date AAAA-MM-JJ.'],
        childName: ["Le nom de l'enfant ne doit pas dépasser 100 caractères."],
        pageSize: ['La taille de page doit être un entier.'],
      });
    });

    it('refuses malformed applications of families', async () => {
      const empty = await api(system, 'POST', '/me/applications', {
        headers: family.authorization,
        body: {},
      });
      expect(empty.status).toBe(400);
      expect(messagesOf(empty)).toEqual({
        procedureId: [PROCEDURE_ID_MESSAGE],
        childId: ["L'identifiant de l'enfant doit être un UUID."],
      });

      const malformed = await api(system, 'POST', '/me/applications', {
        headers: family.authorization,
        body: {
          procedureId: randomUUID(),
          childId: randomUUID(),
          answers: 'oui',
          documents: [{ documentType: 'passeport', documentId: 'x' }, 'x'],
        },
      });
      expect(malformed.status).toBe(400);
      expect(messagesOf(malformed)).toEqual({
        answers: ['Les réponses doivent être un objet { question: réponse }.'],
        'documents.0.documentType': [
          expect.stringMatching(/^Le type de pièce doit être l'un de : livret-de-famille, /),
        ],
        'documents.0.documentId': ["L'identifiant du document doit être un UUID."],
        'documents.1': [
          "Les pièces jointes doivent être une liste d'objets { documentType, documentId }.",
        ],
      });

      const odd = await api(system, 'PATCH', `/me/applications/${randomUUID()}`, {
        headers: family.authorization,
        body: { answers: { nested: { deeper: { value: 1 } }, list: [1, 2] }, documents: 'x' },
      });
      expect(odd.status).toBe(400);
      expect(messagesOf(odd)).toEqual({
        answers: [
          'Chaque réponse doit être un texte, un nombre, un booléen, une liste de textes, une adresse ou null (pour l’effacer).',
        ],
        documents: [
          "Les pièces jointes doivent être une liste d'objets { documentType, documentId }.",
        ],
      });

      // A family files for its own household, and a draft keeps its procedure and child.
      const household = await api(system, 'POST', '/me/applications', {
        headers: family.authorization,
        body: { procedureId: randomUUID(), childId: randomUUID(), householdId: randomUUID() },
      });
      expect(household.status).toBe(400);
      expect(fieldsOf(household)).toEqual(['householdId']);
      const moved = await api(system, 'PATCH', `/me/applications/${randomUUID()}`, {
        headers: family.authorization,
        body: { procedureId: randomUUID(), childId: randomUUID() },
      });
      expect(moved.status).toBe(400);
      expect(fieldsOf(moved)).toEqual(['childId', 'procedureId']);

      const withdraw = await api(system, 'POST', `/me/applications/${randomUUID()}/withdraw`, {
        headers: family.authorization,
        body: { reason: 42 },
      });
      expect(withdraw.status).toBe(400);
      expect(messagesOf(withdraw).reason).toContain('Le motif doit être un texte.');
    });

    it('lets free answer keys of every shape through to the service', async () => {
      const response = await api<Problem>(system, 'PATCH', `/me/applications/${randomUUID()}`, {
        headers: family.authorization,
        body: {
          answers: {
            allergies: true,
            'allergy-details': 'Arachides',
            meals: 4,
            days: ['lundi', 'mardi'],
            home: { line1: '12 rue de Paris', line2: null, postalCode: '03200', city: 'Vichy' },
            previous: null,
          },
          documents: [],
        },
      });
      // The family has no household yet: the service, not the edge, answers.
      expect(response.status).toBe(404);
      expect(['HOUSEHOLD_NOT_FOUND', 'APPLICATION_NOT_FOUND']).toContain(response.body.code);
    });

    it('refuses malformed decisions and counter applications of agents', async () => {
      const none = await api(system, 'POST', `/agent/applications/${randomUUID()}/decision`, {
        headers: admin.authorization,
        body: {},
      });
      expect(none.status).toBe(400);
      expect(fieldsOf(none)).toEqual(['decision']);
      const bad = await api(system, 'POST', `/agent/applications/${randomUUID()}/decision`, {
        headers: admin.authorization,
        body: { decision: 'maybe', message: 5, schoolId: 'jean-zay' },
      });
      expect(messagesOf(bad)).toEqual({
        decision: ['La décision est accept, reject ou request-information.'],
        message: expect.arrayContaining(['Le message doit être un texte.']) as unknown,
        schoolId: ["L'identifiant de l'école doit être un UUID."],
      });

      const counter = await api(system, 'POST', '/agent/applications', {
        headers: admin.authorization,
        body: { procedureId: randomUUID(), childId: randomUUID() },
      });
      expect(counter.status).toBe(400);
      expect(messagesOf(counter)).toEqual({
        householdId: ["L'identifiant du foyer doit être un UUID."],
      });
    });

    it('refuses a procedure whose parts are missing, or not of the right shape', async () => {
      const empty = await api(system, 'POST', '/agent/procedures', {
        headers: admin.authorization,
        body: {},
      });
      expect(empty.status).toBe(400);
      const messages = messagesOf(empty);
      expect(Object.keys(messages).sort()).toEqual(
        [
          'municipalServiceId',
          'season',
          'title',
          'description',
          'form',
          'requiredDocuments',
          'eligibility',
          'opensAt',
          'closesAt',
          'validationMode',
          'grant',
        ].sort(),
      );
      // One message per problem, in French, even for a nested object.
      expect(messages.form).toEqual(['Le formulaire doit être un objet { fields: [...] }.']);
      expect(messages.grant).toEqual([
        "Ce que donne l'acceptation doit être un objet { kind, ... }.",
      ]);

      const notObjects = await api(system, 'POST', '/agent/procedures', {
        headers: admin.authorization,
        body: { ...aProcedureBody(randomUUID()), form: 'x', eligibility: [], grant: null },
      });
      expect(messagesOf(notObjects)).toEqual({
        form: ['Le formulaire doit être un objet { fields: [...] }.'],
        eligibility: ["Les conditions d'accès doivent être un objet."],
        grant: ["Ce que donne l'acceptation doit être un objet { kind, ... }."],
      });

      const shapes = await api(system, 'POST', '/agent/procedures', {
        headers: admin.authorization,
        body: {
          ...aProcedureBody(randomUUID()),
          form: {
            fields: [
              {
                key: 1,
                type: 'couleur',
                label: 'Couleur préférée',
                required: 'oui',
                options: 'rouge',
                min: '3',
                minDate: '2026-02-30',
                visibleWhen: { field: 'a', equals: [] },
                colour: 'red',
              },
              'x',
            ],
          },
          requiredDocuments: [{ documentType: 'passeport', required: true }],
          eligibility: { minAgeYears: 30, schoolLevels: ['CM3'], residence: null },
          grant: { kind: 'activity-booking' },
          capacity: 0,
          opensAt: 'demain',
        },
      });
      expect(shapes.status).toBe(400);
      expect(fieldsOf(shapes)).toEqual(
        [
          'form.fields.0.key',
          'form.fields.0.type',
          'form.fields.0.required',
          'form.fields.0.options',
          'form.fields.0.min',
          'form.fields.0.minDate',
          'form.fields.0.visibleWhen.equals',
          'form.fields.0.colour',
          'form.fields.1',
          'requiredDocuments.0.documentType',
          'eligibility.minAgeYears',
          'eligibility.schoolLevels',
          'eligibility.residence',
          'grant.activityCode',
          'grant.activityName',
          'capacity',
          'opensAt',
        ].sort(),
      );
      expect(messagesOf(shapes)).toMatchObject({
        'form.fields.0.type': [
          "Le type doit être l'un de : text, number, date, single-choice, multiple-choice, yes-no, child, address, consent.",
        ],
        'form.fields.1': ['Le formulaire doit contenir une liste de champs (des objets).'],
        'eligibility.minAgeYears': ["L'âge est un nombre entier d'années entre 0 et 25."],
        capacity: ['La capacité est d’au moins une place.'],
        opensAt: ["La date d'ouverture doit être une date ISO 8601."],
      });

      const update = await api(system, 'PATCH', `/agent/procedures/${randomUUID()}`, {
        headers: admin.authorization,
        body: { title: null, form: null, status: 'open', capacity: null, season: '2027-2028' },
      });
      expect(update.status).toBe(400);
      // capacity null is "unlimited"; the season and service of a procedure never change.
      expect(fieldsOf(update)).toEqual(['form', 'season', 'status', 'title']);
    });
  });

  describe('the OpenAPI document', () => {
    interface Operation {
      tags?: string[];
      summary?: string;
      security?: unknown[];
      responses: Record<
        string,
        { content?: Record<string, { schema?: Record<string, unknown> }>; description?: string }
      >;
    }
    interface Schema {
      properties?: Record<string, Record<string, unknown>>;
      required?: string[];
    }
    let document: {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, Schema> };
    };

    beforeAll(async () => {
      document = (await (
        await fetch(`${system.gatewayUrl}/openapi.json`)
      ).json()) as typeof document;
    });

    it('documents exactly these routes of procedures and applications', () => {
      const documented = Object.entries(document.paths)
        .filter(([path]) =>
          /^\/api\/v1\/(procedures|me\/applications|agent\/procedures|agent\/applications)(\/|$)/.test(
            path,
          ),
        )
        .flatMap(([path, operations]) =>
          Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
        )
        .sort();
      expect(documented).toEqual(
        ROUTES.map((route) => `${route.method} /api/v1${route.path}`).sort(),
      );
    });

    it('gives every route its tag, summary, success and problems', () => {
      for (const route of ROUTES) {
        const name = `${route.method} ${route.path}`;
        const operation = document.paths[`/api/v1${route.path}`][route.method.toLowerCase()];
        expect([name, operation.tags]).toEqual([name, ['enrolment']]);
        expect([name, operation.summary]).toEqual([
          name,
          expect.stringMatching(/^[A-Z].{10,120}$/),
        ]);
        const expected = [
          route.success,
          ...route.problems,
          ...(route.audience === 'public' ? [] : [401, 403]),
        ];
        if (OUT_OF_SCOPE_ROUTES.includes(name)) expected.push(403);
        expect([name, Object.keys(operation.responses).map(Number).sort()]).toEqual([
          name,
          [...new Set(expected)].sort(),
        ]);
        for (const status of Object.keys(operation.responses).filter((code) => code >= '400')) {
          const response = operation.responses[status];
          expect([name, status, response.content?.['application/json']?.schema]).toEqual([
            name,
            status,
            { $ref: '#/components/schemas/ProblemDetailsDto' },
          ]);
          expect(response.description).toMatch(/^[A-Z_]+/);
        }
        expect([name, operation.security]).toEqual([
          name,
          route.path === '/procedures'
            ? [] // public, no token: said explicitly (services/gateway/src/openapi/openapi.ts)
            : route.audience === 'public'
              ? expect.arrayContaining([{}, { 'access-token': [] }])
              : [{ 'access-token': [] }],
        ]);
        if (OUT_OF_SCOPE_ROUTES.includes(name)) {
          expect(operation.responses['403'].description).toContain('PROCEDURE_OUT_OF_SCOPE');
        }
      }
      const start = document.paths['/api/v1/me/applications'].post.responses;
      expect(start['409'].description).toMatch(/DUPLICATE_APPLICATION.*PROCEDURE_NOT_OPEN/);
      expect(start['422'].description).toMatch(/CHILD_NOT_ELIGIBLE.*APPLICATION_INCOMPLETE/);
      const submit = document.paths['/api/v1/me/applications/{id}/submit'].post.responses;
      expect(submit['409'].description).toContain('PROCEDURE_FULL');
      const create = document.paths['/api/v1/agent/procedures'].post.responses;
      expect(create['422'].description).toContain('INVALID_FORM_DEFINITION');
    });

    it('describes the certificate as a PDF download', () => {
      for (const path of [
        '/api/v1/me/applications/{id}/certificate',
        '/api/v1/agent/applications/{id}/certificate',
      ]) {
        expect(document.paths[path].get.responses['200'].content).toEqual({
          'application/pdf': { schema: { type: 'string', format: 'binary' } },
        });
      }
    });

    it('describes the views and commands with their enums and free answers', () => {
      const schemas = document.components.schemas;
      for (const name of [
        'ProcedureSummaryView',
        'ProcedureView',
        'FormDefinition',
        'FormField',
        'FormFieldOption',
        'FieldCondition',
        'RequiredDocument',
        'Eligibility',
        'ProcedureGrant',
        'CreateProcedureCommand',
        'UpdateProcedureBody',
        'ApplicationView',
        'ApplicationListItem',
        'ApplicationsPage',
        'ApplicationHistoryEntry',
        'StartApplicationBody',
        'StartApplicationForHouseholdBody',
        'UpdateApplicationBody',
        'WithdrawApplicationBody',
        'DecideApplicationBody',
        'AddressAnswer',
      ]) {
        expect([name, schemas[name]]).toEqual([name, expect.objectContaining({})]);
      }
      expect(schemas.ProcedureSummaryView.properties?.status.enum).toEqual([...PROCEDURE_STATUSES]);
      expect(schemas.ProcedureView.properties?.form).toMatchObject({
        $ref: '#/components/schemas/FormDefinition',
      });
      expect(schemas.FormField.properties?.type.enum).toContain('single-choice');
      for (const schema of [schemas.ApplicationView, schemas.UpdateApplicationBody]) {
        expect(schema.properties?.answers).toMatchObject({
          type: 'object',
          additionalProperties: {
            nullable: true,
            oneOf: expect.arrayContaining([
              { $ref: '#/components/schemas/AddressAnswer' },
            ]) as unknown,
          },
        });
      }
      expect(schemas.StartApplicationBody.required).toEqual(
        expect.arrayContaining(['procedureId', 'childId']),
      );
      expect(schemas.StartApplicationForHouseholdBody.required).toEqual(
        expect.arrayContaining(['householdId', 'procedureId', 'childId']),
      );
    });
  });
});

describe('the certificate download', () => {
  it('names the file for every client: ASCII fallback and exact UTF-8', () => {
    expect(attachmentDisposition('certificat-inscription-D-2026-000123.pdf')).toBe(
      `attachment; filename="certificat-inscription-D-2026-000123.pdf"; filename*=UTF-8''certificat-inscription-D-2026-000123.pdf`,
    );
    expect(attachmentDisposition('certificat Léo "N°1".pdf')).toBe(
      `attachment; filename="certificat Leo _N_1_.pdf"; filename*=UTF-8''certificat%20L%C3%A9o%20%22N%C2%B01%22.pdf`,
    );
  });
});

import type { ApplicationsPage, ApplicationView } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { anAdmin, type Actor } from '../support/identity-actors';
import { startSystem } from '../support/services';
import { api, type Problem } from '../identity/directory-support';
import {
  aFamilyWithChildren,
  anAgent,
  anOrganisation,
  aPdf,
  aProcedure,
  expectStatus,
  serviceOf,
  startDraft,
  submit,
  uploadDocument,
  type Agent,
  type Family,
  type Organisation,
} from './enrolment-support';

const DAY = 86_400_000;

function fieldMessages(response: { body: unknown }): Record<string, string> {
  const problem = response.body as Problem;
  return Object.fromEntries(
    (problem.details?.fields ?? []).map((field) => [field.field, field.message]),
  );
}

describe('enrolment: the rules an application must follow', () => {
  let system: TestSystem;
  let admin: Actor;
  let vichy: Organisation;
  let cusset: Organisation;
  let cateringAgent: Agent;
  let careAgent: Agent;
  let cussetAgent: Agent;
  let family: Family;
  let neighbour: Family;

  const firstChild = (which: Family) => which.household.children[0];

  beforeAll(async () => {
    system = await startSystem(['identity', 'enrolment'], { RATE_LIMIT_PER_MINUTE: '100000' });
    admin = await anAdmin(system);
    vichy = await anOrganisation(system, admin, 'Vichy', ['school-catering', 'out-of-school-care']);
    cusset = await anOrganisation(system, admin, 'Cusset', ['school-catering']);
    cateringAgent = await anAgent(system, admin, vichy, ['school-catering']);
    careAgent = await anAgent(system, admin, vichy, ['out-of-school-care']);
    cussetAgent = await anAgent(system, admin, cusset, ['school-catering']);
    family = await aFamilyWithChildren(
      system,
      [{ firstName: 'Jade', birthDate: '2017-06-01', schoolLevel: 'CM1' }],
      { organisationId: vichy.id },
    );
    neighbour = await aFamilyWithChildren(
      system,
      [{ firstName: 'Hugo', birthDate: '2016-02-02', schoolLevel: 'CM2' }],
      { name: 'Moulins' },
      'Bernard',
    );
  }, 120_000);

  afterAll(async () => {
    await system?.close();
  });

  it('refuses invalid answers with one message per field', async () => {
    const procedure = await aProcedure(system, cateringAgent, {
      municipalServiceId: serviceOf(vichy, 'school-catering'),
      title: 'Restauration scolaire',
      form: {
        fields: [
          {
            key: 'meals',
            type: 'number',
            label: 'Repas par semaine',
            required: true,
            min: 1,
            max: 4,
          },
          {
            key: 'start',
            type: 'date',
            label: 'Date de début',
            required: true,
            minDate: '2026-09-01',
          },
          {
            key: 'diet',
            type: 'single-choice',
            label: 'Régime',
            required: true,
            options: [{ value: 'standard', label: 'Standard' }],
          },
        ],
      },
    });
    const response = await startDraft(system, family, {
      procedureId: procedure.id,
      childId: firstChild(family).id,
      answers: { meals: 9, start: '2026-13-01', diet: 'vegan', colour: 'bleu' },
    });
    expect(response.status).toBe(422);
    expect((response.body as unknown as Problem).code).toBe('APPLICATION_INCOMPLETE');
    expect(fieldMessages(response)).toEqual({
      'answers.colour': "Cette question n'existe pas dans le formulaire.",
      'answers.meals': '« Repas par semaine » : la valeur maximale est 4.',
      'answers.start': '« Date de début » : la réponse doit être une date valide (AAAA-MM-JJ).',
      'answers.diet': '« Régime » : choisissez une des options proposées.',
    });
    const bad = await api<Problem>(system, 'POST', '/agent/procedures', {
      headers: cateringAgent.actor.authorization,
      body: {
        municipalServiceId: serviceOf(vichy, 'school-catering'),
        season: '2026-2027',
        title: 'Formulaire incohérent',
        description: 'x',
        form: {
          fields: [
            {
              key: 'a',
              type: 'text',
              label: 'A',
              required: true,
              visibleWhen: { field: 'b', equals: ['x'] },
            },
          ],
        },
        requiredDocuments: [],
        eligibility: {},
        opensAt: new Date().toISOString(),
        closesAt: new Date(Date.now() + DAY).toISOString(),
        validationMode: 'manual',
        grant: { kind: 'none' },
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('INVALID_FORM_DEFINITION');
    expect(Object.keys(fieldMessages(bad))).toEqual(['form.fields[0].visibleWhen.field']);
  });

  it('refuses a procedure that is closed or not yet open', async () => {
    const service = serviceOf(vichy, 'school-catering');
    const closed = await aProcedure(system, cateringAgent, {
      municipalServiceId: service,
      title: 'Inscriptions closes',
      opensAt: new Date(Date.now() - 10 * DAY).toISOString(),
      closesAt: new Date(Date.now() - DAY).toISOString(),
    });
    const later = await aProcedure(system, cateringAgent, {
      municipalServiceId: service,
      title: 'Inscriptions à venir',
      opensAt: new Date(Date.now() + DAY).toISOString(),
      closesAt: new Date(Date.now() + 10 * DAY).toISOString(),
    });
    for (const procedure of [closed, later]) {
      const response = await startDraft(system, family, {
        procedureId: procedure.id,
        childId: firstChild(family).id,
      });
      expect(response.status).toBe(409);
      expect((response.body as unknown as Problem).code).toBe('PROCEDURE_NOT_OPEN');
    }
    const open = await api<Array<{ id: string }>>(system, 'GET', '/procedures');
    const ids = open.body.map((procedure) => procedure.id);
    expect(ids).not.toContain(closed.id);
    expect(ids).not.toContain(later.id);
  });

  it('refuses a child who is not eligible (age, school level, residence)', async () => {
    const service = serviceOf(vichy, 'out-of-school-care');
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ minAgeYears: 12 }, /au moins 12 ans/],
      [{ schoolLevels: ['PS', 'MS', 'GS'] }, /réservée aux élèves de PS, MS, GS/],
    ];
    for (const [eligibility, message] of cases) {
      const procedure = await aProcedure(system, careAgent, {
        municipalServiceId: service,
        title: `Accueil ${JSON.stringify(eligibility)}`,
        eligibility,
      });
      const response = await startDraft(system, family, {
        procedureId: procedure.id,
        childId: firstChild(family).id,
      });
      expect(response.status).toBe(422);
      expect((response.body as unknown as Problem).code).toBe('CHILD_NOT_ELIGIBLE');
      expect((response.body as unknown as Problem).detail).toMatch(message);
    }
    const residents = await aProcedure(system, careAgent, {
      municipalServiceId: service,
      title: 'Accueil réservé aux Vichyssois',
      eligibility: { residence: 'organisation' },
    });
    const outsider = await startDraft(system, neighbour, {
      procedureId: residents.id,
      childId: firstChild(neighbour).id,
    });
    expect(outsider.status).toBe(422);
    expect((outsider.body as unknown as Problem).detail).toMatch(/résidant à Vichy/);
    expect(
      (
        await startDraft(system, family, {
          procedureId: residents.id,
          childId: firstChild(family).id,
        })
      ).status,
    ).toBe(201);
    const notMine = await startDraft(system, family, {
      procedureId: residents.id,
      childId: firstChild(neighbour).id,
    });
    expect(notMine.status).toBe(404);
  });

  it('refuses a second application for the same child and procedure', async () => {
    const procedure = await aProcedure(system, careAgent, {
      municipalServiceId: serviceOf(vichy, 'out-of-school-care'),
      title: 'Accueil du midi',
    });
    const first = expectStatus(
      await startDraft(system, family, {
        procedureId: procedure.id,
        childId: firstChild(family).id,
      }),
      201,
    );
    const again = await startDraft(system, family, {
      procedureId: procedure.id,
      childId: firstChild(family).id,
    });
    expect(again.status).toBe(409);
    expect(again.body as unknown as Problem).toMatchObject({
      code: 'DUPLICATE_APPLICATION',
      details: { applicationId: first.id },
    });
  });

  it('never exceeds the capacity: 200 concurrent submissions for 20 places', async () => {
    const procedure = await aProcedure(system, careAgent, {
      municipalServiceId: serviceOf(vichy, 'out-of-school-care'),
      title: 'Stage 100% Sports',
      capacity: 20,
    });
    const families: Family[] = [];
    for (let index = 0; index < 10; index += 1) {
      families.push(
        await aFamilyWithChildren(
          system,
          Array.from({ length: 20 }, (_unused, child) => ({
            firstName: `Enfant${child}`,
            birthDate: '2015-01-15',
          })),
          { name: 'Vichy' },
          `Sportif${index}`,
        ),
      );
    }
    const drafts: Array<{ actor: Actor; id: string }> = [];
    for (const each of families) {
      for (const child of each.household.children) {
        const draft = expectStatus(
          await startDraft(system, each, { procedureId: procedure.id, childId: child.id }),
          201,
        );
        drafts.push({ actor: each.actor, id: draft.id });
      }
    }
    expect(drafts).toHaveLength(200);
    const responses = await Promise.all(
      drafts.map((draft) => submit(system, draft.actor, draft.id)),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(20);
    expect(statuses.filter((status) => status === 409)).toHaveLength(180);
    expect(
      responses
        .filter((response) => response.status === 409)
        .every((response) => (response.body as unknown as Problem).code === 'PROCEDURE_FULL'),
    ).toBe(true);
    const [row] = await system.query<{ places_taken: number; submitted: string }>(
      'enrolment',
      `SELECT places_taken,
              (SELECT count(*) FROM applications WHERE procedure_id = $1 AND status = 'submitted')::text AS submitted
         FROM procedures WHERE id = $1`,
      [procedure.id],
    );
    expect(row).toEqual({ places_taken: 20, submitted: '20' });
    const catalogue = await api<Array<{ id: string; placesLeft: number | null }>>(
      system,
      'GET',
      '/procedures',
    );
    expect(catalogue.body.find((each) => each.id === procedure.id)?.placesLeft).toBe(0);
  }, 180_000);

  describe('ownership', () => {
    let application: ApplicationView;
    let documentId: string;

    beforeAll(async () => {
      const procedure = await aProcedure(system, cateringAgent, {
        municipalServiceId: serviceOf(vichy, 'school-catering'),
        title: 'Restauration - ownership',
        requiredDocuments: [{ documentType: 'attestation-caf', required: true }],
      });
      documentId = expectStatus(
        await uploadDocument(system, family.actor, aPdf('CAF'), {
          documentType: 'attestation-caf',
          fileName: 'caf.pdf',
        }),
        201,
      ).id;
      const draft = expectStatus(
        await startDraft(system, family, {
          procedureId: procedure.id,
          childId: firstChild(family).id,
          documents: [{ documentType: 'attestation-caf', documentId }],
        }),
        201,
      );
      application = expectStatus(await submit(system, family.actor, draft.id), 200);
    });

    it('another household can neither see, change, withdraw nor download', async () => {
      const headers = neighbour.actor.authorization;
      const calls: Array<[string, string, unknown?]> = [
        ['GET', `/me/applications/${application.id}`],
        ['PATCH', `/me/applications/${application.id}`, { answers: {} }],
        ['POST', `/me/applications/${application.id}/submit`],
        ['POST', `/me/applications/${application.id}/withdraw`, {}],
        ['GET', `/me/applications/${application.id}/certificate`],
        ['GET', `/me/documents/${documentId}`],
        ['GET', `/me/documents/${documentId}/content`],
        ['DELETE', `/me/documents/${documentId}`],
      ];
      for (const [method, path, body] of calls) {
        const response = await fetch(`${system.gatewayUrl}/api/v1${path}`, {
          method,
          headers: {
            ...headers,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        expect([method, path, response.status]).toEqual([method, path, 404]);
      }
      const theirs = expectStatus(
        await api<ApplicationsPage>(system, 'GET', '/me/applications', { headers }),
        200,
      );
      expect(theirs.items.map((item) => item.id)).not.toContain(application.id);
      // Attaching another household's document is refused too.
      const procedure = await aProcedure(system, cateringAgent, {
        municipalServiceId: serviceOf(vichy, 'school-catering'),
        title: 'Restauration - pièce volée',
        requiredDocuments: [{ documentType: 'attestation-caf', required: true }],
      });
      const stolen = await startDraft(system, neighbour, {
        procedureId: procedure.id,
        childId: firstChild(neighbour).id,
        documents: [{ documentType: 'attestation-caf', documentId }],
      });
      expect(stolen.status).toBe(422);
      expect(Object.keys(fieldMessages(stolen))).toEqual(['documents[0].documentId']);
    });

    it('an agent of another service or organisation can neither see, decide nor download', async () => {
      for (const agent of [careAgent, cussetAgent]) {
        const headers = agent.actor.authorization;
        const calls: Array<[string, string, unknown?]> = [
          ['GET', `/agent/applications/${application.id}`],
          ['POST', `/agent/applications/${application.id}/decision`, { decision: 'accept' }],
          ['GET', `/agent/documents/${documentId}/content`],
        ];
        for (const [method, path, body] of calls) {
          const response = await fetch(`${system.gatewayUrl}/api/v1${path}`, {
            method,
            headers: {
              ...headers,
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          expect([method, path, response.status]).toEqual([method, path, 404]);
        }
        const list = expectStatus(
          await api<ApplicationsPage>(system, 'GET', '/agent/applications', { headers }),
          200,
        );
        expect(list.items.map((item) => item.id)).not.toContain(application.id);
      }
      const foreign = await api<Problem>(system, 'POST', '/agent/procedures', {
        headers: cussetAgent.actor.authorization,
        body: {
          municipalServiceId: serviceOf(vichy, 'school-catering'),
          season: '2026-2027',
          title: 'Hors périmètre',
          description: 'x',
          form: { fields: [] },
          requiredDocuments: [],
          eligibility: {},
          opensAt: new Date().toISOString(),
          closesAt: new Date(Date.now() + DAY).toISOString(),
          validationMode: 'manual',
          grant: { kind: 'none' },
        },
      });
      expect(foreign.status).toBe(403);
      expect(foreign.body.code).toBe('PROCEDURE_OUT_OF_SCOPE');
    });

    it('the agent of the service filters its list and the download is audited', async () => {
      const headers = cateringAgent.actor.authorization;
      const byName = expectStatus(
        await api<ApplicationsPage>(system, 'GET', '/agent/applications?childName=jade', {
          headers,
        }),
        200,
      );
      expect(byName.items.map((item) => item.id)).toContain(application.id);
      const none = expectStatus(
        await api<ApplicationsPage>(system, 'GET', '/agent/applications?childName=zoe', {
          headers,
        }),
        200,
      );
      expect(none.total).toBe(0);
      const download = await fetch(
        `${system.gatewayUrl}/api/v1/agent/documents/${documentId}/content`,
        {
          headers,
        },
      );
      expect(download.status).toBe(200);
      const [{ count }] = await system.query<{ count: string }>(
        'enrolment',
        'SELECT count(*)::text AS count FROM document_access_log WHERE document_id = $1',
        [documentId],
      );
      expect(Number(count)).toBeGreaterThanOrEqual(1);
    });
  });
});

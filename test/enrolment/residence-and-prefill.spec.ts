import type {
  ApplicationsPage,
  ApplicationView,
  FormField,
  HouseholdView,
  ProcedureView,
} from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { anAdmin, type Actor } from '../support/identity-actors';
import { startSystem } from '../support/services';
import { api, type Problem } from '../identity/directory-support';
import {
  aFamilyWithChildren,
  anAgent,
  anOrganisation,
  aProcedure,
  expectStatus,
  serviceOf,
  startDraft,
  submit,
  type Agent,
  type Family,
  type Organisation,
} from './enrolment-support';

/**
 * Issue 17, items 3 and 10, through the gateway: communes typed by name or INSEE code are linked
 * to the directory (households, forms, answers); an answer that contradicts the household's
 * commune is kept as a residence discrepancy the agent sees and filters on; a catering form's
 * health answers are prefilled from the child's record and confirmed by the family.
 */

const RESIDENT_QUESTION: FormField = {
  key: 'resident',
  type: 'yes-no',
  label: 'Résidez-vous à Bellerive-sur-Allier ?',
  required: true,
  semantics: 'resides-in-commune',
  // As an agent may type it: case, hyphens and accents do not matter.
  commune: { name: 'BELLERIVE SUR ALLIER' },
};

const HEALTH_QUESTIONS: FormField[] = [
  {
    key: 'allergies',
    type: 'yes-no',
    label: 'Votre enfant a-t-il une allergie ou une intolérance alimentaire ?',
    required: true,
    prefillFrom: 'child.allergies',
  },
  {
    key: 'allergies-details',
    type: 'text',
    label: 'Précisez les aliments concernés et la conduite à tenir',
    required: true,
    max: 1000,
    visibleWhen: { field: 'allergies', equals: [true] },
    prefillFrom: 'child.allergies',
  },
  {
    key: 'pai',
    type: 'yes-no',
    label: 'Un projet d’accueil individualisé (PAI) a-t-il déjà été établi ?',
    required: true,
    visibleWhen: { field: 'allergies', equals: [true] },
    prefillFrom: 'child.pai',
  },
];

async function withInseeCode(
  system: TestSystem,
  admin: Actor,
  organisation: Organisation,
  inseeCode: string,
): Promise<void> {
  expectStatus(
    await api(system, 'PATCH', `/organisations/${organisation.id}`, {
      headers: admin.authorization,
      body: { inseeCode },
    }),
    200,
  );
}

describe('enrolment: residence checked against the directory, health answers prefilled', () => {
  let system: TestSystem;
  let admin: Actor;
  let vichy: Organisation;
  let bellerive: Organisation;
  let educationAgent: Agent;
  let cateringAgent: Agent;
  let inVichy: Family;
  let inBellerive: Family;

  beforeAll(async () => {
    system = await startSystem(['identity', 'enrolment'], { RATE_LIMIT_PER_MINUTE: '100000' });
    admin = await anAdmin(system);
    vichy = await anOrganisation(system, admin, 'Vichy', ['school-catering']);
    bellerive = await anOrganisation(system, admin, 'Bellerive-sur-Allier', ['education']);
    await withInseeCode(system, admin, vichy, '03310');
    await withInseeCode(system, admin, bellerive, '03023');
    educationAgent = await anAgent(system, admin, bellerive, ['education']);
    cateringAgent = await anAgent(system, admin, vichy, ['school-catering']);
    // Communes typed, not picked from the directory: by INSEE code, and by name as people type it.
    inVichy = await aFamilyWithChildren(
      system,
      [{ firstName: 'Jade', birthDate: '2019-06-01', schoolLevel: 'CP' }],
      { inseeCode: '03310', name: 'VICHY' },
      'Durand',
    );
    inBellerive = await aFamilyWithChildren(
      system,
      [{ firstName: 'Hugo', birthDate: '2019-02-02', schoolLevel: 'CP' }],
      { name: 'bellerive sur allier' },
      'Bernard',
    );
  }, 120_000);

  afterAll(async () => {
    await system?.close();
  });

  it('links a household commune typed by name or INSEE code to the directory', () => {
    expect(inVichy.household.guardians[0].commune).toEqual({
      organisationId: vichy.id,
      inseeCode: '03310',
      name: 'Vichy',
    });
    expect(inBellerive.household.guardians[0].commune).toEqual({
      organisationId: bellerive.id,
      inseeCode: '03023',
      name: 'Bellerive-sur-Allier',
    });
  });

  it('keeps a commune outside the directory as typed, unlinked', async () => {
    const outside = await aFamilyWithChildren(
      system,
      [{ firstName: 'Lou', birthDate: '2019-03-03' }],
      { name: 'Saint-Yorre' },
      'Martin',
    );
    expect(outside.household.guardians[0].commune).toEqual({
      organisationId: null,
      inseeCode: null,
      name: 'Saint-Yorre',
    });
  });

  it('links the commune a residence question asks about, or flags it when unknown', async () => {
    const procedure = await aProcedure(system, educationAgent, {
      municipalServiceId: serviceOf(bellerive, 'education'),
      title: 'Préinscription (commune liée)',
      form: {
        fields: [
          RESIDENT_QUESTION,
          {
            ...RESIDENT_QUESTION,
            key: 'elsewhere',
            label: 'Résidez-vous à Saint-Yorre ?',
            commune: { name: 'Saint-Yorre' },
          },
        ],
      },
    });
    expect(procedure.form.fields.map((field) => field.commune)).toEqual([
      {
        organisationId: bellerive.id,
        inseeCode: '03023',
        name: 'Bellerive-sur-Allier',
        inDirectory: true,
      },
      { organisationId: null, inseeCode: null, name: 'Saint-Yorre', inDirectory: false },
    ]);
    const wrongType = await api<Problem>(system, 'POST', '/agent/procedures', {
      headers: educationAgent.actor.authorization,
      body: {
        municipalServiceId: serviceOf(bellerive, 'education'),
        season: '2026-2027',
        title: 'Sens incohérent',
        description: 'Texte.',
        form: {
          fields: [
            {
              key: 'where',
              type: 'number',
              label: 'Où ?',
              required: true,
              semantics: 'resides-in-commune',
            },
          ],
        },
        requiredDocuments: [],
        eligibility: {},
        opensAt: new Date(Date.now() - 86_400_000).toISOString(),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        validationMode: 'manual',
        grant: { kind: 'none' },
      },
    });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.details?.fields?.map((field) => field.field)).toEqual([
      'form.fields[0].semantics',
      'form.fields[0].commune',
    ]);
  });

  it('keeps a residence answer that contradicts the household as a discrepancy the agent sees and filters on', async () => {
    const procedure: ProcedureView = await aProcedure(system, educationAgent, {
      municipalServiceId: serviceOf(bellerive, 'education'),
      title: 'Préinscription scolaire',
      form: {
        fields: [
          RESIDENT_QUESTION,
          {
            key: 'child-address',
            type: 'address',
            label: 'Adresse de l’enfant',
            required: false,
            semantics: 'commune-of-residence',
          },
        ],
      },
    });
    // The household lives in Vichy and says it lives in Bellerive-sur-Allier.
    const draft = expectStatus(
      await startDraft(system, inVichy, {
        procedureId: procedure.id,
        childId: inVichy.household.children[0].id,
        answers: { resident: true },
      }),
      201,
    );
    expect(draft.residenceDiscrepancies).toHaveLength(1);
    const submitted = expectStatus(await submit(system, inVichy.actor, draft.id), 200);
    expect(submitted.status).toBe('submitted');
    expect(submitted.residenceDiscrepancies).toEqual([
      {
        field: 'resident',
        question: 'Résidez-vous à Bellerive-sur-Allier ?',
        answer: 'Oui',
        commune: {
          organisationId: bellerive.id,
          inseeCode: '03023',
          name: 'Bellerive-sur-Allier',
          inDirectory: true,
        },
        householdCommunes: ['Vichy'],
        message:
          'Réponse « Oui » à « Résidez-vous à Bellerive-sur-Allier ? » alors que le foyer réside à Vichy.',
      },
    ]);

    // A family of Bellerive answering yes, its child's address typed in lower case: no discrepancy.
    const resident = expectStatus(
      await startDraft(system, inBellerive, {
        procedureId: procedure.id,
        childId: inBellerive.household.children[0].id,
        answers: {
          resident: true,
          'child-address': {
            line1: '3 rue des Écoles',
            postalCode: '03700',
            city: 'bellerive-sur-allier',
          },
        },
      }),
      201,
    );
    expect(resident.answerCommunes['child-address']).toEqual({
      organisationId: bellerive.id,
      inseeCode: '03023',
      name: 'Bellerive-sur-Allier',
      inDirectory: true,
    });
    const clean = expectStatus(await submit(system, inBellerive.actor, resident.id), 200);
    expect(clean.residenceDiscrepancies).toEqual([]);

    const agentView = expectStatus(
      await api<ApplicationView>(system, 'GET', `/agent/applications/${submitted.id}`, {
        headers: educationAgent.actor.authorization,
      }),
      200,
    );
    expect(agentView.residenceDiscrepancies[0].message).toMatch(/foyer réside à Vichy/);
    const flagged = expectStatus(
      await api<ApplicationsPage>(
        system,
        'GET',
        `/agent/applications?procedureId=${procedure.id}&residenceDiscrepancy=true`,
        { headers: educationAgent.actor.authorization },
      ),
      200,
    );
    expect(flagged.items.map((item) => item.id)).toEqual([submitted.id]);
    const others = expectStatus(
      await api<ApplicationsPage>(
        system,
        'GET',
        `/agent/applications?procedureId=${procedure.id}&residenceDiscrepancy=false`,
        { headers: educationAgent.actor.authorization },
      ),
      200,
    );
    expect(others.items.map((item) => item.id)).toEqual([clean.id]);
  });

  it('lets an agent decide an automatic procedure when the residence answer contradicts the household', async () => {
    const procedure = await aProcedure(system, educationAgent, {
      municipalServiceId: serviceOf(bellerive, 'education'),
      title: 'Accueil automatique',
      validationMode: 'automatic',
      form: { fields: [RESIDENT_QUESTION] },
    });
    const draft = expectStatus(
      await startDraft(system, inVichy, {
        procedureId: procedure.id,
        childId: inVichy.household.children[0].id,
        answers: { resident: true },
      }),
      201,
    );
    expect(expectStatus(await submit(system, inVichy.actor, draft.id), 200).status).toBe(
      'submitted',
    );
    const honest = expectStatus(
      await startDraft(system, inBellerive, {
        procedureId: procedure.id,
        childId: inBellerive.household.children[0].id,
        answers: { resident: true },
      }),
      201,
    );
    expect(expectStatus(await submit(system, inBellerive.actor, honest.id), 200).status).toBe(
      'accepted',
    );
  });

  it("prefills the health answers from the child's record, for the family to confirm", async () => {
    const child = expectStatus(
      await api<HouseholdView['children'][number]>(
        system,
        'POST',
        `/households/${inVichy.household.id}/children`,
        {
          headers: inVichy.actor.authorization,
          body: {
            firstName: 'Léo',
            lastName: 'Durand',
            birthDate: '2018-04-04',
            sex: 'male',
            schoolLevel: 'CE1',
            health: { allergies: ['arachide', 'kiwi'], pai: true },
          },
        },
      ),
      201,
    );
    const procedure = await aProcedure(system, cateringAgent, {
      municipalServiceId: serviceOf(vichy, 'school-catering'),
      title: 'Inscription à la restauration scolaire',
      form: { fields: HEALTH_QUESTIONS },
    });
    const draft = expectStatus(
      await startDraft(system, inVichy, { procedureId: procedure.id, childId: child.id }),
      201,
    );
    expect(draft.answers).toEqual({
      allergies: true,
      'allergies-details': 'arachide, kiwi',
      pai: true,
    });
    expect(draft.prefilled).toEqual(['allergies', 'allergies-details', 'pai']);

    // Not confirmed: the family must look at them before sending.
    const unconfirmed = await submit(system, inVichy.actor, draft.id);
    expect(unconfirmed.status).toBe(422);
    expect(
      (unconfirmed.body as unknown as Problem).details?.fields?.map((field) => field.field),
    ).toEqual(['answers.allergies', 'answers.allergies-details', 'answers.pai']);

    // The family confirms two and corrects one: what it sends is what is submitted.
    const confirmed = expectStatus(
      await api<ApplicationView>(system, 'PATCH', `/me/applications/${draft.id}`, {
        headers: inVichy.actor.authorization,
        body: {
          answers: {
            allergies: true,
            'allergies-details': 'Arachide et kiwi : éviction stricte.',
            pai: true,
          },
        },
      }),
      200,
    );
    expect(confirmed.prefilled).toEqual([]);
    const submitted = expectStatus(await submit(system, inVichy.actor, draft.id), 200);
    expect(submitted.answers['allergies-details']).toBe('Arachide et kiwi : éviction stricte.');

    // Answers the family gives when it starts are its own, not prefilled.
    const other = await aProcedure(system, cateringAgent, {
      municipalServiceId: serviceOf(vichy, 'school-catering'),
      title: 'Restauration du mercredi',
      form: { fields: HEALTH_QUESTIONS },
    });
    const given = expectStatus(
      await startDraft(system, inVichy, {
        procedureId: other.id,
        childId: child.id,
        answers: { allergies: false },
      }),
      201,
    );
    expect(given.answers).toEqual({ allergies: false });
    expect(given.prefilled).toEqual([]);

    // Ownership unchanged: another household's child is not found, its record not read.
    const notMine = await startDraft(system, inBellerive, {
      procedureId: other.id,
      childId: child.id,
    });
    expect(notMine.status).toBe(404);
  });
});

import type { ApplicationsPage, ApplicationView, ProcedureView } from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { anAdmin, type Actor } from '../support/identity-actors';
import { pdfText } from '../support/pdf-text';
import { startSystem } from '../support/services';
import { api, type Problem } from '../identity/directory-support';
import { SmtpCatcher } from '../notification/smtp-catcher';
import {
  aFamilyWithChildren,
  anAgent,
  anOrganisation,
  aPdf,
  aProcedure,
  aSchool,
  eventually,
  expectStatus,
  serviceOf,
  startDraft,
  submit,
  uploadDocument,
  type Agent,
  type Family,
  type Organisation,
} from './enrolment-support';

const PORTAL_URL = 'https://portail.vichy-communaute.test';

const cateringForm = {
  fields: [
    {
      key: 'allergies',
      type: 'yes-no',
      label: 'Votre enfant a-t-il des allergies ?',
      required: true,
    },
    {
      key: 'allergy-details',
      type: 'text',
      label: 'Précisez les allergies',
      required: true,
      visibleWhen: { field: 'allergies', equals: [true] },
    },
    { key: 'image-rights', type: 'yes-no', label: "Droit à l'image", required: true },
    {
      key: 'payer',
      type: 'single-choice',
      label: 'Qui paie les repas ?',
      required: true,
      options: [
        { value: 'mother', label: 'La mère' },
        { value: 'father', label: 'Le père' },
      ],
    },
    { key: 'rules', type: 'consent', label: "J'accepte le règlement intérieur", required: true },
  ],
};

async function pdfOf(response: Response): Promise<Buffer> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/pdf');
  return Buffer.from(await response.arrayBuffer());
}

describe('enrolment: the specification flows, end to end through the gateway', () => {
  let system: TestSystem;
  let smtp: SmtpCatcher;
  let admin: Actor;
  let vichy: Organisation;
  let bellerive: Organisation;
  let cateringAgent: Agent;
  let periscolaireAgent: Agent;
  let educationAgent: Agent;
  let conservatoryAgent: Agent;
  let family: Family;

  const child = (which: Family, firstName: string) =>
    which.household.children.find((candidate) => candidate.firstName === firstName)!;

  beforeAll(async () => {
    smtp = new SmtpCatcher();
    const port = await smtp.listen();
    system = await startSystem(['identity', 'enrolment', 'notification'], {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      PORTAL_URL,
      MAIL_POLL_INTERVAL_MS: '50',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    admin = await anAdmin(system);
    vichy = await anOrganisation(system, admin, 'Vichy', [
      'school-catering',
      'out-of-school-care',
      'conservatoire',
    ]);
    bellerive = await anOrganisation(system, admin, 'Bellerive-sur-Allier', ['education']);
    cateringAgent = await anAgent(system, admin, vichy, ['school-catering']);
    periscolaireAgent = await anAgent(system, admin, vichy, ['out-of-school-care']);
    conservatoryAgent = await anAgent(system, admin, vichy, ['conservatoire']);
    educationAgent = await anAgent(system, admin, bellerive, ['education']);
    family = await aFamilyWithChildren(system, [
      { firstName: 'Léa', birthDate: '2018-03-12', schoolLevel: 'CE2' },
      { firstName: 'Noé', birthDate: '2022-01-20', schoolLevel: 'PS' },
    ]);
  }, 120_000);

  afterAll(async () => {
    await system?.close();
    await smtp?.close();
  });

  it('school catering in Vichy: form, documents, summary, "demande enregistrée" e-mail, agent validation', async () => {
    const procedure = await aProcedure(system, cateringAgent, {
      municipalServiceId: serviceOf(vichy, 'school-catering'),
      title: 'Inscription à la restauration scolaire',
      form: cateringForm as ProcedureView['form'],
      requiredDocuments: [
        { documentType: 'justificatif-de-domicile', required: true },
        { documentType: 'attestation-caf', required: false },
      ],
      validationMode: 'manual',
      grant: {
        kind: 'activity-booking',
        activityCode: 'restauration-scolaire',
        activityName: 'Restauration scolaire',
      },
    });
    // Step 1: the explanatory text, public.
    const read = expectStatus(
      await api<ProcedureView>(system, 'GET', `/procedures/${procedure.id}`),
      200,
    );
    expect(read.description).toBe('Texte explicatif de la démarche.');

    // Step 2: the form, saved as a draft, then documents.
    const lea = child(family, 'Léa');
    const draft = expectStatus(
      await startDraft(system, family, {
        procedureId: procedure.id,
        childId: lea.id,
        answers: { allergies: true, 'allergy-details': 'Arachide', 'image-rights': false },
      }),
      201,
    );
    expect(draft).toMatchObject({ status: 'draft', nextAction: 'complete-and-submit' });
    const early = await submit(system, family.actor, draft.id);
    expect(early.status).toBe(422);
    expect(
      (early.body as unknown as Problem).details?.fields?.map((field) => field.field).sort(),
    ).toEqual(['answers.payer', 'answers.rules', 'documents.justificatif-de-domicile']);
    const proof = expectStatus(
      await uploadDocument(system, family.actor, aPdf('EDF'), {
        documentType: 'justificatif-de-domicile',
        fileName: 'facture-edf.pdf',
      }),
      201,
    );
    expectStatus(
      await api<ApplicationView>(system, 'PATCH', `/me/applications/${draft.id}`, {
        headers: family.actor.authorization,
        body: {
          answers: { payer: 'mother', rules: true },
          documents: [{ documentType: 'justificatif-de-domicile', documentId: proof.id }],
        },
      }),
      200,
    );

    // Step 3: the summary, submitted.
    const submitted = expectStatus(await submit(system, family.actor, draft.id), 200);
    expect(submitted).toMatchObject({ status: 'submitted', nextAction: 'wait-for-review' });
    expect(submitted.summary).toEqual([
      { label: 'Votre enfant a-t-il des allergies ?', value: 'Oui' },
      { label: 'Précisez les allergies', value: 'Arachide' },
      { label: "Droit à l'image", value: 'Non' },
      { label: 'Qui paie les repas ?', value: 'La mère' },
      { label: "J'accepte le règlement intérieur", value: 'Accord donné' },
    ]);
    expect(submitted.documents).toEqual([
      expect.objectContaining({ documentType: 'justificatif-de-domicile', documentId: proof.id }),
    ]);
    const mail = await eventually(
      () => smtp.sentTo(family.actor.email).find((each) => /bien enregistré/i.test(each.subject)),
      'the "demande enregistrée" e-mail',
    );
    expect(mail.text).toContain('NOUS AVONS BIEN ENREGISTRÉ VOTRE DEMANDE');
    expect(mail.text).toContain(`${PORTAL_URL}/demandes/${draft.id}`);

    // The family's dashboard.
    const dashboard = expectStatus(
      await api<ApplicationsPage>(system, 'GET', '/me/applications', {
        headers: family.actor.authorization,
      }),
      200,
    );
    expect(dashboard.items).toEqual([
      expect.objectContaining({
        id: draft.id,
        status: 'submitted',
        statusLabel: 'En cours d’instruction',
      }),
    ]);

    // The agent lists the service's applications, opens this one and its document, accepts.
    const list = expectStatus(
      await api<ApplicationsPage>(system, 'GET', '/agent/applications?status=submitted', {
        headers: cateringAgent.actor.authorization,
      }),
      200,
    );
    expect(list.items.map((item) => item.id)).toEqual([draft.id]);
    const opened = expectStatus(
      await api<ApplicationView>(system, 'GET', `/agent/applications/${draft.id}`, {
        headers: cateringAgent.actor.authorization,
      }),
      200,
    );
    expect(opened.answers).toMatchObject({ payer: 'mother' });
    const download = await fetch(
      `${system.gatewayUrl}/api/v1/agent/documents/${proof.id}/content`,
      {
        headers: cateringAgent.actor.authorization,
      },
    );
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(aPdf('EDF'))).toBe(true);
    const accepted = expectStatus(
      await api<ApplicationView>(system, 'POST', `/agent/applications/${draft.id}/decision`, {
        headers: cateringAgent.actor.authorization,
        body: { decision: 'accept' },
      }),
      200,
    );
    expect(accepted).toMatchObject({ status: 'accepted', nextAction: 'book' });
    expect(accepted.history.map((entry) => [entry.status, entry.actor.kind])).toEqual([
      ['draft', 'family'],
      ['submitted', 'family'],
      ['accepted', 'agent'],
    ]);
    await eventually(
      () => smtp.sentTo(family.actor.email).find((each) => /accept/i.test(each.subject)),
      'the acceptance e-mail',
    );
    const [event] = await system.query<{ payload: Record<string, unknown> }>(
      'enrolment',
      `SELECT envelope -> 'payload' AS payload FROM outbox
        WHERE envelope ->> 'type' = 'enrolment.application.accepted'
          AND envelope -> 'payload' ->> 'applicationId' = $1`,
      [draft.id],
    );
    expect(event.payload).toMatchObject({
      child: { id: lea.id, firstName: 'Léa' },
      grant: { kind: 'activity-booking', activityCode: 'restauration-scolaire' },
      validFrom: '2026-09-01',
      validUntil: '2027-08-31',
    });
  });

  it('morning care: no document, no validation, accepted at once', async () => {
    const procedure = await aProcedure(system, periscolaireAgent, {
      municipalServiceId: serviceOf(vichy, 'out-of-school-care'),
      title: 'Accueil du matin',
      form: {
        fields: [
          {
            key: 'arrival',
            type: 'single-choice',
            label: "Heure d'arrivée",
            required: true,
            options: [
              { value: '7h30', label: '7 h 30' },
              { value: '8h00', label: '8 h 00' },
            ],
          },
        ],
      },
      validationMode: 'automatic',
      grant: {
        kind: 'activity-booking',
        activityCode: 'accueil-matin',
        activityName: 'Accueil du matin',
      },
    });
    const draft = expectStatus(
      await startDraft(system, family, {
        procedureId: procedure.id,
        childId: child(family, 'Léa').id,
        answers: { arrival: '7h30' },
      }),
      201,
    );
    const accepted = expectStatus(await submit(system, family.actor, draft.id), 200);
    expect(accepted).toMatchObject({ status: 'accepted', nextAction: 'book' });
    expect(accepted.history.map((entry) => [entry.status, entry.actor.kind])).toEqual([
      ['draft', 'family'],
      ['submitted', 'family'],
      ['accepted', 'system'],
    ]);
    const types = await system.query<{ type: string }>(
      'enrolment',
      `SELECT envelope ->> 'type' AS type FROM outbox
        WHERE envelope -> 'payload' ->> 'applicationId' = $1 ORDER BY sequence`,
      [draft.id],
    );
    expect(types.map((row) => row.type)).toEqual([
      'enrolment.application.submitted',
      'enrolment.application.accepted',
    ]);
  });

  it('school pre-registration in Bellerive: an agent assigns a school, the family downloads the certificate', async () => {
    const elementary = await aSchool(system, admin, bellerive, 'École élémentaire Marx Dormoy', {
      addressLine1: '14 rue Adrien Cavy',
      postalCode: '03700',
      city: 'Bellerive-sur-Allier',
    });
    const school = await aSchool(
      system,
      admin,
      bellerive,
      'École maternelle Jean Zay',
      { addressLine1: 'Rue de la Perche', postalCode: '03700', city: 'Bellerive-sur-Allier' },
      'maternelle',
    );
    const elsewhere = await aSchool(system, admin, vichy, 'École Jacques Laurent', {
      addressLine1: '1 rue de Vichy',
      postalCode: '03200',
      city: 'Vichy',
    });
    const procedure = await aProcedure(system, educationAgent, {
      municipalServiceId: serviceOf(bellerive, 'education'),
      title: 'Préinscription scolaire',
      requiredDocuments: [
        { documentType: 'livret-de-famille', required: true },
        { documentType: 'carnet-de-sante', required: true },
      ],
      eligibility: { minAgeYears: 2, maxAgeYears: 11 },
      grant: { kind: 'school-assignment' },
    });
    const book = expectStatus(
      await uploadDocument(system, family.actor, aPdf('livret'), {
        documentType: 'livret-de-famille',
        fileName: 'livret.pdf',
      }),
      201,
    );
    const health = expectStatus(
      await uploadDocument(system, family.actor, aPdf('carnet'), {
        documentType: 'carnet-de-sante',
        fileName: 'carnet.pdf',
      }),
      201,
    );
    const noe = child(family, 'Noé');
    const draft = expectStatus(
      await startDraft(system, family, {
        procedureId: procedure.id,
        childId: noe.id,
        documents: [
          { documentType: 'livret-de-famille', documentId: book.id },
          { documentType: 'carnet-de-sante', documentId: health.id },
        ],
      }),
      201,
    );
    expectStatus(await submit(system, family.actor, draft.id), 200);
    const notYet = await fetch(
      `${system.gatewayUrl}/api/v1/me/applications/${draft.id}/certificate`,
      {
        headers: family.actor.authorization,
      },
    );
    expect(notYet.status).toBe(404);

    const decide = (body: Record<string, unknown>) =>
      api<ApplicationView>(system, 'POST', `/agent/applications/${draft.id}/decision`, {
        headers: educationAgent.actor.authorization,
        body,
      });
    expect((await decide({ decision: 'accept' })).status).toBe(400);
    expect((await decide({ decision: 'accept', schoolId: elsewhere.id })).status).toBe(404);
    // Noé (born 2022, in PS) does not go to an elementary school.
    const misfit = await decide({ decision: 'accept', schoolId: elementary.id });
    expect(misfit.status).toBe(400);
    expect((misfit.body as unknown as { detail: string }).detail).toBe(
      "« École élémentaire Marx Dormoy » accueille les élèves de l'élémentaire (du CP au CM2) : à la rentrée 2026, Noé (en PS) relève de la maternelle.",
    );
    const accepted = expectStatus(await decide({ decision: 'accept', schoolId: school.id }), 200);
    expect(accepted).toMatchObject({
      status: 'accepted',
      nextAction: 'download-certificate',
      schoolAssignment: {
        schoolId: school.id,
        schoolName: 'École maternelle Jean Zay',
        schoolAddress: 'Rue de la Perche, 03700 Bellerive-sur-Allier',
      },
    });

    const response = await fetch(
      `${system.gatewayUrl}/api/v1/me/applications/${draft.id}/certificate`,
      {
        headers: family.actor.authorization,
      },
    );
    const text = await pdfText(await pdfOf(response));
    expect(text).toContain('Noé');
    expect(text).toContain('DURAND');
    expect(text).toContain('École maternelle Jean Zay');
    expect(text).toContain('Rue de la Perche');
    expect(text).toContain('2026-2027');
  });

  it('conservatory: the service asks for more, the family completes and resubmits, then it is accepted', async () => {
    const procedure = await aProcedure(system, conservatoryAgent, {
      municipalServiceId: serviceOf(vichy, 'conservatoire'),
      title: 'Inscription au Conservatoire',
      form: {
        fields: [
          {
            key: 'instrument',
            type: 'single-choice',
            label: 'Instrument',
            required: true,
            options: [
              { value: 'piano', label: 'Piano' },
              { value: 'violon', label: 'Violon' },
            ],
          },
          {
            key: 'previous-school',
            type: 'text',
            label: 'Établissement précédent',
            required: false,
          },
        ],
      },
      capacity: 120,
      grant: {
        kind: 'activity-booking',
        activityCode: 'conservatoire',
        activityName: 'Conservatoire',
      },
    });
    const lea = child(family, 'Léa');
    const draft = expectStatus(
      await startDraft(system, family, {
        procedureId: procedure.id,
        childId: lea.id,
        answers: { instrument: 'piano' },
      }),
      201,
    );
    expectStatus(await submit(system, family.actor, draft.id), 200);
    const asked = expectStatus(
      await api<ApplicationView>(system, 'POST', `/agent/applications/${draft.id}/decision`, {
        headers: conservatoryAgent.actor.authorization,
        body: {
          decision: 'request-information',
          message: "Indiquez l'établissement fréquenté l'an dernier.",
        },
      }),
      200,
    );
    expect(asked).toMatchObject({ status: 'information-requested' });
    const mine = expectStatus(
      await api<ApplicationView>(system, 'GET', `/me/applications/${draft.id}`, {
        headers: family.actor.authorization,
      }),
      200,
    );
    expect(mine).toMatchObject({
      nextAction: 'provide-information',
      message: "Indiquez l'établissement fréquenté l'an dernier.",
    });
    await eventually(
      () =>
        smtp
          .sentTo(family.actor.email)
          .find((each) => each.text.includes("Indiquez l'établissement fréquenté")),
      'the information request e-mail',
    );
    expectStatus(
      await api(system, 'PATCH', `/me/applications/${draft.id}`, {
        headers: family.actor.authorization,
        body: { answers: { 'previous-school': 'École de musique de Moulins' } },
      }),
      200,
    );
    const resubmitted = expectStatus(await submit(system, family.actor, draft.id), 200);
    expect(resubmitted).toMatchObject({ status: 'submitted', message: null });
    const accepted = expectStatus(
      await api<ApplicationView>(system, 'POST', `/agent/applications/${draft.id}/decision`, {
        headers: conservatoryAgent.actor.authorization,
        body: { decision: 'accept' },
      }),
      200,
    );
    expect(accepted.history.map((entry) => entry.status)).toEqual([
      'draft',
      'submitted',
      'information-requested',
      'submitted',
      'accepted',
    ]);
    const [{ places_taken }] = await system.query<{ places_taken: number }>(
      'enrolment',
      'SELECT places_taken FROM procedures WHERE id = $1',
      [procedure.id],
    );
    expect(places_taken).toBe(1);
  });

  it('a rejection carries its reason to the family and gives the place back', async () => {
    const procedure = await aProcedure(system, cateringAgent, {
      municipalServiceId: serviceOf(vichy, 'school-catering'),
      title: 'Restauration scolaire - rentrée décalée',
      capacity: 5,
    });
    const draft = expectStatus(
      await startDraft(system, family, {
        procedureId: procedure.id,
        childId: child(family, 'Noé').id,
      }),
      201,
    );
    expectStatus(await submit(system, family.actor, draft.id), 200);
    const refused = await api<Problem>(system, 'POST', `/agent/applications/${draft.id}/decision`, {
      headers: cateringAgent.actor.authorization,
      body: { decision: 'reject' },
    });
    expect(refused.status).toBe(400);
    const rejected = expectStatus(
      await api<ApplicationView>(system, 'POST', `/agent/applications/${draft.id}/decision`, {
        headers: cateringAgent.actor.authorization,
        body: { decision: 'reject', message: 'Le restaurant de cette école est complet.' },
      }),
      200,
    );
    expect(rejected).toMatchObject({
      status: 'rejected',
      nextAction: 'none',
      message: 'Le restaurant de cette école est complet.',
    });
    const mail = await eventually(
      () =>
        smtp
          .sentTo(family.actor.email)
          .find((each) => each.text.includes('Le restaurant de cette école est complet.')),
      'the rejection e-mail',
    );
    expect(mail.subject).toBeTruthy();
    const [{ places_taken }] = await system.query<{ places_taken: number }>(
      'enrolment',
      'SELECT places_taken FROM procedures WHERE id = $1',
      [procedure.id],
    );
    expect(places_taken).toBe(0);
    // A refused child may apply again.
    expect(
      (
        await startDraft(system, family, {
          procedureId: procedure.id,
          childId: child(family, 'Noé').id,
        })
      ).status,
    ).toBe(201);
  });

  it('the family withdraws an application; agents are told nothing about drafts', async () => {
    const procedure = await aProcedure(system, periscolaireAgent, {
      municipalServiceId: serviceOf(vichy, 'out-of-school-care'),
      title: 'Accueil du soir',
    });
    const draft = expectStatus(
      await startDraft(system, family, {
        procedureId: procedure.id,
        childId: child(family, 'Léa').id,
      }),
      201,
    );
    const hidden = await api(system, 'GET', `/agent/applications/${draft.id}`, {
      headers: periscolaireAgent.actor.authorization,
    });
    expect(hidden.status).toBe(404);
    expectStatus(await submit(system, family.actor, draft.id), 200);
    const withdrawn = expectStatus(
      await api<ApplicationView>(system, 'POST', `/me/applications/${draft.id}/withdraw`, {
        headers: family.actor.authorization,
        body: { reason: 'Déménagement' },
      }),
      200,
    );
    expect(withdrawn).toMatchObject({ status: 'withdrawn', nextAction: 'none' });
    const again = await api<Problem>(system, 'POST', `/me/applications/${draft.id}/withdraw`, {
      headers: family.actor.authorization,
      body: {},
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('APPLICATION_STATUS_CONFLICT');
  });

  it('an agent files an application at the counter on a family’s behalf', async () => {
    const procedure = await aProcedure(system, periscolaireAgent, {
      municipalServiceId: serviceOf(vichy, 'out-of-school-care'),
      title: 'Garderie du mercredi matin',
    });
    const created = expectStatus(
      await api<ApplicationView>(system, 'POST', '/agent/applications', {
        headers: periscolaireAgent.actor.authorization,
        body: {
          householdId: family.household.id,
          procedureId: procedure.id,
          childId: child(family, 'Noé').id,
        },
      }),
      201,
    );
    expect(created.filedBy).toEqual({ kind: 'agent', accountId: periscolaireAgent.id });
    const submitted = expectStatus(
      await api<ApplicationView>(system, 'POST', `/agent/applications/${created.id}/submit`, {
        headers: periscolaireAgent.actor.authorization,
      }),
      200,
    );
    expect(submitted.status).toBe('submitted');
    const mine = expectStatus(
      await api<ApplicationsPage>(system, 'GET', '/me/applications', {
        headers: family.actor.authorization,
      }),
      200,
    );
    expect(mine.items.map((item) => item.id)).toContain(created.id);
  });
});

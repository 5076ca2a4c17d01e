import { Client } from 'pg';
import type { Answers, FormDefinition, ProcedureGrant } from '@portail/contracts';
import { LogCapture } from '@portail/testing';
import { seededIdentity } from '../support/seeded-identity';
import { DEMO_PROCEDURES, seedEnrolment } from '../../scripts/seed-enrolment';
import { checkAnswers } from '../../services/enrolment/src/forms/answers';
import { formDefinitionErrors } from '../../services/enrolment/src/forms/form-definition';
import {
  isOpen,
  procedureRuleErrors,
} from '../../services/enrolment/src/procedures/procedure-rules';

/** The demo's "today": every demo procedure is open then but one, not yet. */
const DEMO_DAY = new Date('2026-11-26T10:00:00+01:00');

/** What a family could answer to each demo procedure, every required question included. */
const SAMPLE_ANSWERS: Record<string, Answers> = {
  'Inscription à la restauration scolaire': {
    'start-date': '2026-12-01',
    'usual-days': ['monday', 'thursday'],
    allergies: true,
    'allergies-details': 'Arachide et fruits à coque : éviction stricte.',
    pai: true,
    diet: 'packed-lunch',
    'image-rights': false,
    payer: 'third-party',
    'third-party-name': 'Comité social et économique',
    'third-party-address': { line1: '3 rue de Paris', postalCode: '03200', city: 'Vichy' },
    'direct-debit': true,
    consent: true,
  },
  'Accueil du matin': { 'usual-days': ['monday', 'friday'], consent: true },
  'Accueil de loisirs du mercredi': {
    formula: 'full-day',
    health: false,
    'image-rights': true,
    consent: true,
  },
  'Préinscription scolaire': {
    'requested-level': 'PS',
    resident: false,
    'derogation-reason': 'work',
    'derogation-details': 'Nous habitons Saint-Yorre ; la mère travaille à Bellerive.',
    consent: true,
  },
  'Inscription au Conservatoire': {
    course: 'instrument',
    instrument: 'cello',
    level: 'cycle-1',
    'years-of-practice': 2,
    'image-rights': true,
    consent: true,
  },
  '100% Sports vacances été': {
    'can-swim': true,
    health: false,
    'image-rights': true,
    consent: true,
  },
  'Demande de Pass’Sport': {
    allowance: 'ars',
    sport: 'Judo',
    club: 'Judo Club de Vichy',
    'licence-number': 'JC-2026-118',
    consent: true,
  },
};

const NO_CHILDREN = { children: [] };

describe('npm run seed: demo procedures', () => {
  const fixture = seededIdentity('enrol');
  const { identityDatabaseUrl, env } = fixture;
  const enrolmentDatabaseUrl = fixture.stepDatabaseUrl;

  beforeAll(() => fixture.seed());

  afterAll(() => fixture.drop());

  it('has forms, eligibility and grants the enrolment rules accept', () => {
    for (const demo of DEMO_PROCEDURES) {
      expect({ title: demo.title, errors: formDefinitionErrors(demo.form) }).toEqual({
        title: demo.title,
        errors: [],
      });
      expect({ title: demo.title, errors: procedureRuleErrors(demo) }).toEqual({
        title: demo.title,
        errors: [],
      });
    }
  });

  it('has forms a family can complete, conditional questions included', () => {
    for (const demo of DEMO_PROCEDURES) {
      const answers = SAMPLE_ANSWERS[demo.title];
      expect(answers).toBeDefined();
      const checked = checkAnswers(demo.form, answers, NO_CHILDREN, true);
      expect({ title: demo.title, errors: checked.errors }).toEqual({
        title: demo.title,
        errors: [],
      });
      expect(Object.keys(checked.answers).sort()).toEqual(Object.keys(answers).sort());
    }

    // Bellerive: a family outside the commune must explain its derogation request…
    const preRegistration = DEMO_PROCEDURES.find(
      (demo) => demo.grant.kind === 'school-assignment',
    )!;
    const outside = checkAnswers(
      preRegistration.form,
      { 'requested-level': 'CP', resident: false, consent: true },
      NO_CHILDREN,
      true,
    );
    expect(outside.errors.map((error) => error.field).sort()).toEqual([
      'answers.derogation-details',
      'answers.derogation-reason',
    ]);
    // …and one living there is not asked.
    const resident = checkAnswers(
      preRegistration.form,
      { 'requested-level': 'CP', resident: true, 'derogation-details': 'x', consent: true },
      NO_CHILDREN,
      true,
    );
    expect(resident.errors).toEqual([]);
    expect(resident.answers).not.toHaveProperty('derogation-details');
  });

  it('writes the procedures through the enrolment use case; a second run changes nothing', async () => {
    const lines: string[] = [];
    const options = {
      enrolmentDatabaseUrl,
      identityDatabaseUrl,
      adminEmail: 'admin@portail-famille.test',
      env,
      logDestination: new LogCapture(),
      say: (line: string) => lines.push(line),
    };
    expect(await seedEnrolment(options)).toEqual({ procedures: DEMO_PROCEDURES.length });
    expect(lines).toHaveLength(DEMO_PROCEDURES.length);
    expect(await seedEnrolment(options)).toEqual({ procedures: 0 });

    const identity = new Client({ connectionString: identityDatabaseUrl });
    const enrolment = new Client({ connectionString: enrolmentDatabaseUrl });
    await identity.connect();
    await enrolment.connect();
    try {
      const services = await identity.query<{ id: string; code: string; slug: string }>(
        'SELECT s.id, s.code, o.slug FROM municipal_services s JOIN organisations o ON o.id = s.organisation_id',
      );
      const admin = await identity.query<{ id: string }>(
        "SELECT id FROM accounts WHERE kind = 'admin'",
      );
      const rows = await enrolment.query<{
        municipal_service_id: string;
        organisation_name: string;
        season: string;
        title: string;
        form: FormDefinition;
        status: string;
        validation_mode: string;
        grant: ProcedureGrant;
        capacity: number | null;
        opens_at: Date;
        closes_at: Date;
        created_by: string;
      }>('SELECT * FROM procedures ORDER BY title');
      expect(rows.rows).toHaveLength(DEMO_PROCEDURES.length);

      for (const demo of DEMO_PROCEDURES) {
        const service = services.rows.find(
          (row) => row.slug === demo.organisation && row.code === demo.serviceCode,
        )!;
        const row = rows.rows.find(
          (candidate) => candidate.title === demo.title && candidate.season === demo.season,
        )!;
        expect(row).toBeDefined();
        expect(row.municipal_service_id).toBe(service.id);
        expect(row.status).toBe('published');
        expect(row.validation_mode).toBe(demo.validationMode);
        expect(row.grant.kind).toBe(demo.grant.kind);
        expect(row.capacity).toBe(demo.capacity ?? null);
        expect(row.form.fields.map((field) => field.key)).toEqual(
          demo.form.fields.map((field) => field.key),
        );
        expect(row.created_by).toBe(admin.rows[0].id);
      }

      const byTitle = (title: string) => rows.rows.find((row) => row.title === title)!;
      expect(byTitle('Inscription à la restauration scolaire')).toMatchObject({
        organisation_name: 'Vichy',
        validation_mode: 'manual',
      });
      expect(byTitle('Accueil du matin')).toMatchObject({
        validation_mode: 'automatic',
        grant: { kind: 'activity-booking', activityCode: 'accueil-matin', billing: 'post-billing' },
      });
      expect(byTitle('Accueil de loisirs du mercredi').grant).toMatchObject({
        activityCode: 'mercredis',
        billing: 'pre-billing',
      });
      expect(byTitle('Préinscription scolaire')).toMatchObject({
        organisation_name: 'Bellerive-sur-Allier',
        grant: { kind: 'school-assignment' },
      });
      expect(byTitle('Inscription au Conservatoire')).toMatchObject({
        organisation_name: 'Vichy Communauté',
        capacity: 120,
      });

      const open = rows.rows
        .filter((row) =>
          isOpen({ status: row.status, opensAt: row.opens_at, closesAt: row.closes_at }, DEMO_DAY),
        )
        .map((row) => row.title);
      expect(open).toHaveLength(DEMO_PROCEDURES.length - 1);
      expect(open).not.toContain('100% Sports vacances été');
    } finally {
      await identity.end();
      await enrolment.end();
    }
  });
});

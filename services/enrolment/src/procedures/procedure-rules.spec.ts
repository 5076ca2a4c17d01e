import type { Eligibility, ProcedureGrant, RequiredDocument } from '@portail/contracts';
import { ageOn, eligibilityProblems, isOpen, procedureRuleErrors } from './procedure-rules';

const VICHY = '0190c0de-0000-7000-8000-0000000000a1';
const CATERING: ProcedureGrant = {
  kind: 'activity-booking',
  activityCode: 'restauration-scolaire',
  activityName: 'Restauration scolaire',
  billing: 'post-billing',
};

describe('the parts of a procedure an agent writes', () => {
  it('the school catering procedure of Vichy has nothing to correct', () => {
    const requiredDocuments: RequiredDocument[] = [
      { documentType: 'justificatif-de-domicile', required: true },
      { documentType: 'pai', required: false, help: 'Le PAI signé par le médecin scolaire.' },
    ];
    const eligibility: Eligibility = { minAgeYears: 2, maxAgeYears: 11, residence: 'any' };
    expect(procedureRuleErrors({ requiredDocuments, eligibility, grant: CATERING })).toEqual([]);
  });

  it('a document type asked twice is named at its second place', () => {
    expect(
      procedureRuleErrors({
        requiredDocuments: [
          { documentType: 'attestation-caf', required: true },
          { documentType: 'attestation-caf', required: false },
        ],
      }),
    ).toEqual([
      {
        field: 'requiredDocuments[1].documentType',
        message: 'Ce type de pièce est demandé deux fois.',
      },
    ]);
  });

  it('more than 20 document types are refused as a whole', () => {
    const many = Array.from({ length: 21 }, () => ({
      documentType: 'autre' as const,
      required: false,
    }));
    expect(procedureRuleErrors({ requiredDocuments: many })).toEqual([
      {
        field: 'requiredDocuments',
        message: 'Les pièces demandées sont une liste de 20 types au plus.',
      },
    ]);
  });

  it('a minimum age above the maximum age is refused', () => {
    expect(procedureRuleErrors({ eligibility: { minAgeYears: 12, maxAgeYears: 6 } })).toEqual([
      {
        field: 'eligibility.minAgeYears',
        message: "L'âge minimal ne peut pas dépasser l'âge maximal.",
      },
    ]);
  });

  it('a booking right without an activity code or name asks for both', () => {
    const errors = procedureRuleErrors({ grant: { kind: 'activity-booking' } });
    expect(errors.map((error) => error.field)).toEqual([
      'grant.activityCode',
      'grant.activityName',
    ]);
  });

  it('a school assignment that names an activity is refused', () => {
    expect(
      procedureRuleErrors({ grant: { kind: 'school-assignment', activityCode: 'cantine' } }),
    ).toEqual([
      {
        field: 'grant',
        message: 'Seul un droit de réservation porte une activité et un mode de facturation.',
      },
    ]);
  });
});

describe('the age and conditions of a child', () => {
  it('a child born on 1 September 2020 is 6 on 1 September 2026, and 5 the day before', () => {
    expect(ageOn('2020-09-01', '2026-09-01')).toBe(6);
    expect(ageOn('2020-09-01', '2026-08-31')).toBe(5);
  });

  it('the age is reckoned on the given day rather than the start of the season', () => {
    const summerCamp = { season: '2026-2027', organisationId: VICHY, organisationName: 'Vichy' };
    const child = { birthDate: '2021-03-01', schoolLevel: null, communes: [] };
    expect(eligibilityProblems({ minAgeYears: 6 }, summerCamp, child)).toEqual([
      "L'enfant doit avoir au moins 6 ans au 01/09/2026.",
    ]);
    expect(eligibilityProblems({ minAgeYears: 6, ageOn: '2027-07-05' }, summerCamp, child)).toEqual(
      [],
    );
  });

  it('a child without a class level is asked to fill it in for a procedure by level', () => {
    const school = { season: '2026-2027', organisationId: VICHY, organisationName: 'Vichy' };
    const child = { birthDate: '2020-03-14', schoolLevel: null, communes: [] };
    expect(eligibilityProblems({ schoolLevels: ['CP'] }, school, child)).toEqual([
      'Cette démarche est réservée aux élèves de CP : renseignez la classe de l’enfant dans votre espace.',
    ]);
  });
});

describe('when a procedure is open', () => {
  const window = {
    opensAt: new Date('2026-06-01T08:00:00+02:00'),
    closesAt: new Date('2027-07-03T00:00:00+02:00'),
  };

  it('a published procedure is open from its opening, included, to its closing, excluded', () => {
    const published = { ...window, status: 'published' };
    expect(isOpen(published, window.opensAt)).toBe(true);
    expect(isOpen(published, new Date('2026-11-26T10:00:00+01:00'))).toBe(true);
    expect(isOpen(published, window.closesAt)).toBe(false);
  });

  it('an archived procedure is never open, even inside its window', () => {
    expect(isOpen({ ...window, status: 'archived' }, new Date('2026-11-26T10:00:00+01:00'))).toBe(
      false,
    );
  });
});

import { DomainException } from '@portail/service-kit';
import type { Eligibility } from '@portail/contracts';
import {
  assertEligible,
  assertOpen,
  incomplete,
  releasePlace,
  takePlace,
  type PlaceLedger,
} from './application-rules';

const VICHY = '0190c0de-0000-7000-8000-0000000000a1';
const CUSSET = '0190c0de-0000-7000-8000-0000000000a2';
const NOW = new Date('2026-11-26T10:00:00+01:00');
const TOMORROW = new Date('2026-11-27T08:00:00+01:00');
const YESTERDAY = new Date('2026-11-25T18:00:00+01:00');
const NEXT_SUMMER = new Date('2027-07-03T00:00:00+02:00');

function catering(overrides: Partial<Parameters<typeof assertOpen>[0]> = {}) {
  return {
    title: 'Inscription à la restauration scolaire',
    status: 'published' as const,
    opensAt: new Date('2026-06-01T08:00:00+02:00'),
    closesAt: NEXT_SUMMER,
    ...overrides,
  };
}

function envelopeOf(run: () => void): DomainException['envelope'] {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainException) return error.envelope;
    throw error;
  }
  throw new Error('expected a DomainException');
}

async function rejectionOf(run: () => Promise<void>): Promise<DomainException['envelope']> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DomainException) return error.envelope;
    throw error;
  }
  throw new Error('expected a DomainException');
}

describe('when a procedure takes applications', () => {
  it('a published procedure inside its window accepts a submission', () => {
    expect(() => assertOpen(catering(), NOW)).not.toThrow();
  });

  it('a procedure that opens tomorrow refuses a submission with its dates', () => {
    const envelope = envelopeOf(() => assertOpen(catering({ opensAt: TOMORROW }), NOW));
    expect(envelope).toEqual({
      code: 'PROCEDURE_NOT_OPEN',
      message:
        'Les inscriptions à « Inscription à la restauration scolaire » ouvriront le 27 novembre 2026.',
      details: { opensAt: TOMORROW.toISOString(), closesAt: NEXT_SUMMER.toISOString() },
    });
  });

  it('a procedure closed yesterday says since when', () => {
    const envelope = envelopeOf(() => assertOpen(catering({ closesAt: YESTERDAY }), NOW));
    expect(envelope.code).toBe('PROCEDURE_NOT_OPEN');
    expect(envelope.message).toBe(
      'Les inscriptions à « Inscription à la restauration scolaire » sont closes depuis le 25 novembre 2026.',
    );
  });

  it('a draft procedure inside its window is not open to families', () => {
    expect(envelopeOf(() => assertOpen(catering({ status: 'draft' }), NOW)).code).toBe(
      'PROCEDURE_NOT_OPEN',
    );
  });

  it('a procedure closes at the very instant of closesAt', () => {
    expect(envelopeOf(() => assertOpen(catering({ closesAt: NOW }), NOW)).code).toBe(
      'PROCEDURE_NOT_OPEN',
    );
  });
});

describe('which child may apply', () => {
  const leo = {
    id: '0190c0de-0000-7000-8000-000000000001',
    firstName: 'Léo',
    lastName: 'Martin',
    birthDate: '2020-03-14',
    schoolLevel: 'GS' as const,
    schoolId: null,
  };
  const inVichy = { communes: [{ organisationId: VICHY, inseeCode: '03310', name: 'Vichy' }] };
  const procedure = (eligibility: Eligibility) => ({
    eligibility,
    season: '2026-2027',
    organisationId: VICHY,
    organisationName: 'Vichy',
  });

  it('a child of 6 in GS living in Vichy may apply to a Vichy procedure for 3 to 11 year olds', () => {
    const rules = procedure({ minAgeYears: 3, maxAgeYears: 11, residence: 'organisation' });
    expect(() => assertEligible(rules, leo, inVichy)).not.toThrow();
  });

  it('a child too young on 1 September of the season is refused with the reason', () => {
    const envelope = envelopeOf(() => assertEligible(procedure({ minAgeYears: 7 }), leo, inVichy));
    expect(envelope).toEqual({
      code: 'CHILD_NOT_ELIGIBLE',
      message:
        "Léo ne remplit pas les conditions de cette démarche : L'enfant doit avoir au moins 7 ans au 01/09/2026.",
      details: { reasons: ["L'enfant doit avoir au moins 7 ans au 01/09/2026."] },
    });
  });

  it('a family living in Cusset is refused a procedure reserved to Vichy residents', () => {
    const inCusset = { communes: [{ organisationId: CUSSET, inseeCode: '03095', name: 'Cusset' }] };
    const envelope = envelopeOf(() =>
      assertEligible(procedure({ residence: 'organisation' }), leo, inCusset),
    );
    expect(envelope.details).toEqual({
      reasons: ['Cette démarche est réservée aux familles résidant à Vichy.'],
    });
  });

  it('a child in GS is refused an elementary-only procedure, and every reason is given', () => {
    const envelope = envelopeOf(() =>
      assertEligible(procedure({ schoolLevels: ['CP', 'CE1'], maxAgeYears: 5 }), leo, inVichy),
    );
    expect(envelope.details).toEqual({
      reasons: [
        "L'enfant doit avoir au plus 5 ans au 01/09/2026.",
        'Cette démarche est réservée aux élèves de CP, CE1.',
      ],
    });
  });
});

describe('answers or documents to correct', () => {
  it('an incomplete application lists each field with its message', () => {
    const fields = [{ field: 'documents.pai', message: 'La pièce « PAI » est obligatoire.' }];
    expect(incomplete(fields).envelope).toEqual({
      code: 'APPLICATION_INCOMPLETE',
      message: 'Certaines réponses ou pièces de la demande sont à corriger.',
      details: { fields },
    });
  });
});

describe('places taken and released', () => {
  const conservatory = { id: 'procedure-1', title: 'Inscription au Conservatoire', capacity: 120 };

  function ledger(rows: unknown[]): PlaceLedger & { query: jest.Mock } {
    return { query: jest.fn().mockResolvedValue(rows) };
  }

  it('a submission takes a place while some are left', async () => {
    const manager = ledger([{ places_taken: 37 }]);
    await takePlace(manager, conservatory);
    expect(manager.query).toHaveBeenCalledWith(expect.stringContaining('places_taken + 1'), [
      'procedure-1',
    ]);
  });

  it('a submission when all 120 places are taken is refused as full', async () => {
    const envelope = await rejectionOf(() => takePlace(ledger([]), conservatory));
    expect(envelope).toEqual({
      code: 'PROCEDURE_FULL',
      message: 'Toutes les places de « Inscription au Conservatoire » sont prises.',
      details: { capacity: 120 },
    });
  });

  it('a withdrawn application that held a place gives it back, once', async () => {
    const manager = ledger([]);
    const application = { procedureId: 'procedure-1', holdsPlace: true };
    await releasePlace(manager, application);
    await releasePlace(manager, application);
    expect(manager.query).toHaveBeenCalledTimes(1);
    expect(manager.query).toHaveBeenCalledWith(expect.stringContaining('places_taken - 1'), [
      'procedure-1',
    ]);
    expect(application.holdsPlace).toBe(false);
  });

  it('a draft withdrawn before submission gives nothing back', async () => {
    const manager = ledger([]);
    await releasePlace(manager, { procedureId: 'procedure-1', holdsPlace: false });
    expect(manager.query).not.toHaveBeenCalled();
  });
});

import type { CommuneOfResidence, DirectoryCommune, FormDefinition } from '@portail/contracts';
import { residenceOf, resolveCommune, withLinkedCommunes } from './residence';

const DIRECTORY: DirectoryCommune[] = [
  { id: 'org-vichy', name: 'Vichy', inseeCode: '03310' },
  { id: 'org-bellerive', name: 'Bellerive-sur-Allier', inseeCode: '03023' },
];

const VICHY: CommuneOfResidence = {
  organisationId: 'org-vichy',
  inseeCode: '03310',
  name: 'Vichy',
};

const FORM: FormDefinition = withLinkedCommunes(
  {
    fields: [
      {
        key: 'resident',
        type: 'yes-no',
        label: 'Résidez-vous à Bellerive-sur-Allier ?',
        required: true,
        semantics: 'resides-in-commune',
        commune: { name: 'bellerive sur allier' },
      },
      {
        key: 'home',
        type: 'address',
        label: 'Adresse de l’enfant',
        required: false,
        semantics: 'commune-of-residence',
      },
    ],
  },
  DIRECTORY,
);

describe('residence in forms', () => {
  it('links a commune typed by name, whatever its case, accents and hyphens', () => {
    expect(resolveCommune(DIRECTORY, { name: 'BELLERIVE SUR ALLIER' })).toEqual({
      organisationId: 'org-bellerive',
      inseeCode: '03023',
      name: 'Bellerive-sur-Allier',
      inDirectory: true,
    });
  });

  it('links a commune given by its INSEE code alone', () => {
    expect(resolveCommune(DIRECTORY, { name: '03310' })?.organisationId).toBe('org-vichy');
  });

  it('keeps an unknown commune as typed and flags it', () => {
    expect(resolveCommune(DIRECTORY, { name: 'Saint-Yorre' })).toEqual({
      organisationId: null,
      inseeCode: null,
      name: 'Saint-Yorre',
      inDirectory: false,
    });
  });

  it('leaves a name shared by two communes of the directory unlinked', () => {
    const twice = [...DIRECTORY, { id: 'org-other', name: 'Vichy', inseeCode: null }];
    expect(resolveCommune(twice, { name: 'Vichy' })?.inDirectory).toBe(false);
  });

  it('flags "Résidez-vous à Bellerive-sur-Allier ? Oui" from a household in Vichy', () => {
    const { residenceDiscrepancies } = residenceOf(FORM, { resident: true }, DIRECTORY, [VICHY]);
    expect(residenceDiscrepancies).toEqual([
      expect.objectContaining({
        field: 'resident',
        answer: 'Oui',
        householdCommunes: ['Vichy'],
        message:
          'Réponse « Oui » à « Résidez-vous à Bellerive-sur-Allier ? » alors que le foyer réside à Vichy.',
      }),
    ]);
  });

  it('flags "Non" from a household that does live there', () => {
    const bellerive = { organisationId: null, inseeCode: '03023', name: 'Bellerive' };
    const { residenceDiscrepancies } = residenceOf(FORM, { resident: false }, DIRECTORY, [
      bellerive,
    ]);
    expect(residenceDiscrepancies.map((discrepancy) => discrepancy.answer)).toEqual(['Non']);
  });

  it('accepts a yes from a household with one guardian in the commune (separated parents)', () => {
    const bellerive = { organisationId: 'org-bellerive', inseeCode: null, name: 'Bellerive' };
    expect(
      residenceOf(FORM, { resident: true }, DIRECTORY, [VICHY, bellerive]).residenceDiscrepancies,
    ).toEqual([]);
  });

  it('links an address answer and flags a commune of residence other than the household’s', () => {
    const home = { line1: '3 rue des Écoles', postalCode: '03700', city: 'bellerive-sur-allier' };
    const result = residenceOf(FORM, { resident: false, home }, DIRECTORY, [VICHY]);
    expect(result.answerCommunes.home.organisationId).toBe('org-bellerive');
    expect(result.residenceDiscrepancies.map((discrepancy) => discrepancy.field)).toEqual(['home']);
  });

  it('finds no discrepancy for a household without a commune', () => {
    expect(residenceOf(FORM, { resident: true }, DIRECTORY, []).residenceDiscrepancies).toEqual([]);
  });
});

import {
  composeStatements,
  MissingTariffError,
  type BillableItem,
  type PricedTariff,
  type StatementContext,
} from './statement-rules';

const HOUSEHOLD = 'h-1';
const IRIS = 'c-iris';
const LOUIS = 'c-louis';

const CATERING: PricedTariff = {
  id: 't-repas',
  label: 'Vichy Restauration Scolaire - Ecole élémentaire Jacques Laurent',
  brackets: [
    { upToQuotient: 700, residentCents: 230, nonResidentCents: 350 },
    { upToQuotient: null, residentCents: 320, nonResidentCents: 455 },
  ],
  siblingReductionPercents: [10],
  lateCancellationPercent: 50,
  unjustifiedAbsencePercent: 100,
  unexpectedPresencePercent: 150,
};

function aContext(overrides: Partial<StatementContext> = {}): StatementContext {
  return {
    tariffOn: (activityCode) => (activityCode === 'restauration-scolaire' ? CATERING : undefined),
    household: () => ({
      familyQuotient: null,
      familyQuotientValidUntil: null,
      communes: [{ organisationId: 'vichy' }],
    }),
    child: (id) =>
      id === IRIS
        ? { name: 'PAILLETTE Iris', birthDate: '2017-03-01' }
        : { name: 'PAILLETTE Louis', birthDate: '2019-06-12' },
    residentOrganisationIds: ['vichy'],
    ...overrides,
  };
}

const days = (
  childId: string,
  kind: BillableItem['kind'],
  count: number,
  from = 1,
): BillableItem[] =>
  Array.from({ length: count }, (_, index) => ({
    childId,
    householdId: HOUSEHOLD,
    activityCode: 'restauration-scolaire',
    unitCode: 'repas',
    day: `2021-09-${String(from + index).padStart(2, '0')}`,
    kind,
  }));

describe('monthly statements', () => {
  it('bills the example of the specification: 7 meals and 3 unjustified absences at 3,20 €', () => {
    const [statement] = composeStatements(
      [...days(IRIS, 'present', 7), ...days(IRIS, 'absent-unjustified', 3, 10)],
      aContext(),
    );
    expect(
      statement.lines.map((line) => [
        line.label,
        line.quantity,
        line.unitPriceCents,
        line.amountCents,
      ]),
    ).toEqual([
      ['Vichy Restauration Scolaire - Ecole élémentaire Jacques Laurent', 7, 320, 2240],
      ['Absence non justifiée', 3, 320, 960],
    ]);
    expect(statement.totalCents).toBe(3200);
    expect(statement.lines[0].note).toBe(
      'Quotient familial non communiqué : tarif de la tranche la plus haute',
    );
  });

  it('does not bill a justified absence (it is never an item) and bills unexpected presence and late cancellation at their rates', () => {
    const [statement] = composeStatements(
      [...days(IRIS, 'unexpected', 1), ...days(IRIS, 'late-cancellation', 2, 5)],
      aContext(),
    );
    expect(statement.lines.map((line) => [line.kind, line.quantity, line.unitPriceCents])).toEqual([
      ['unexpected', 1, 480],
      ['late-cancellation', 2, 160],
    ]);
    expect(statement.totalCents).toBe(800);
  });

  it('gives the sibling reduction to the younger child only, lines summing to the total', () => {
    const [statement] = composeStatements(
      [...days(LOUIS, 'present', 4), ...days(IRIS, 'present', 5)],
      aContext({
        household: () => ({
          familyQuotient: 650,
          familyQuotientValidUntil: '2022-12-31',
          communes: [{ organisationId: 'vichy' }],
        }),
      }),
    );
    expect(
      statement.lines.map((line) => [line.childName, line.quantity, line.unitPriceCents]),
    ).toEqual([
      ['PAILLETTE Iris', 5, 230],
      ['PAILLETTE Louis', 4, 207],
    ]);
    expect(statement.totalCents).toBe(5 * 230 + 4 * 207);
  });

  it('stops when a billed day has no tariff', () => {
    const item = { ...days(IRIS, 'present', 1)[0], activityCode: 'garderie' };
    expect(() => composeStatements([item], aContext())).toThrow(MissingTariffError);
  });
});

import type { StatementLine } from './statement-rules';
import { billsTheSame } from './corrective-run.use-case';

const line = (overrides: Partial<StatementLine> = {}): StatementLine => ({
  childId: 'c1',
  childName: 'PAILLETTE Iris',
  kind: 'present',
  label: 'Restauration scolaire',
  quantity: 7,
  unitPriceCents: 320,
  amountCents: 2240,
  note: null,
  ...overrides,
});

describe('a corrective run compares what is billed with the month computed again', () => {
  it('sees no change when the same lines come in another order or under a renamed child', () => {
    const absence = line({
      kind: 'absent-unjustified',
      label: 'Absence non justifiée',
      quantity: 1,
      amountCents: 320,
    });
    expect(
      billsTheSame([line(), absence], [absence, line({ childName: 'PAILLETTE-DUPONT Iris' })]),
    ).toBe(true);
  });

  it('sees a change of quantity, price, kind or note', () => {
    expect(billsTheSame([line()], [line({ quantity: 6, amountCents: 1920 })])).toBe(false);
    expect(billsTheSame([line()], [line({ unitPriceCents: 321, amountCents: 2247 })])).toBe(false);
    expect(billsTheSame([line()], [line({ kind: 'unexpected' })])).toBe(false);
    expect(billsTheSame([line()], [line({ note: 'Quotient familial expiré' })])).toBe(false);
  });

  it('sees a month that comes to nothing now, or that had nothing billed', () => {
    expect(billsTheSame([line()], [])).toBe(false);
    expect(billsTheSame([], [line()])).toBe(false);
    expect(billsTheSame([], [])).toBe(true);
  });
});

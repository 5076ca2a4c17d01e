import {
  billedUnitPrice,
  bracketsProblem,
  isResident,
  percentOf,
  siblingRanks,
  totalOf,
  unitPrice,
  type Situation,
  type TariffTerms,
} from './tariff-rules';

/** Vichy's catering: three brackets, residents and others, 10 % off the 2nd child, 20 % beyond. */
const CATERING: TariffTerms = {
  brackets: [
    { upToQuotient: 500, residentCents: 105, nonResidentCents: 210 },
    { upToQuotient: 900, residentCents: 230, nonResidentCents: 350 },
    { upToQuotient: null, residentCents: 320, nonResidentCents: 455 },
  ],
  siblingReductionPercents: [10, 20],
  lateCancellationPercent: 100,
  unjustifiedAbsencePercent: 100,
  unexpectedPresencePercent: 150,
};

const aSituation = (overrides: Partial<Situation> = {}): Situation => ({
  familyQuotient: 700,
  familyQuotientValidUntil: '2026-12-31',
  day: '2026-10-08',
  resident: true,
  siblingRank: 1,
  ...overrides,
});

describe('tariff rules', () => {
  describe('family-quotient brackets', () => {
    it('prices a quotient of the first bracket at its price', () => {
      expect(unitPrice(CATERING, aSituation({ familyQuotient: 320 }))).toEqual({
        unitPriceCents: 105,
        bracket: 0,
        reductionPercent: 0,
        note: null,
      });
    });

    it('keeps a quotient equal to a ceiling in that bracket', () => {
      expect(unitPrice(CATERING, aSituation({ familyQuotient: 500 })).unitPriceCents).toBe(105);
      expect(unitPrice(CATERING, aSituation({ familyQuotient: 501 })).unitPriceCents).toBe(230);
    });

    it('prices a quotient of the middle bracket at its price', () => {
      expect(unitPrice(CATERING, aSituation({ familyQuotient: 900 })).bracket).toBe(1);
    });

    it('prices a quotient above every ceiling at the open bracket', () => {
      const price = unitPrice(CATERING, aSituation({ familyQuotient: 2400 }));
      expect(price).toMatchObject({ unitPriceCents: 320, bracket: 2, note: null });
    });

    it('takes the highest bracket without a quotient, and says so', () => {
      const price = unitPrice(CATERING, aSituation({ familyQuotient: null }));
      expect(price.unitPriceCents).toBe(320);
      expect(price.note).toBe(
        'Quotient familial non communiqué : tarif de la tranche la plus haute',
      );
    });

    it('takes the highest bracket with a quotient expired before the day, and says when', () => {
      const price = unitPrice(
        CATERING,
        aSituation({ familyQuotient: 320, familyQuotientValidUntil: '2026-09-30' }),
      );
      expect(price.unitPriceCents).toBe(320);
      expect(price.note).toBe(
        'Quotient familial expiré le 30/09/2026 : tarif de la tranche la plus haute',
      );
    });

    it('still applies a quotient on its last valid day', () => {
      const price = unitPrice(
        CATERING,
        aSituation({ familyQuotient: 320, familyQuotientValidUntil: '2026-10-08' }),
      );
      expect(price).toMatchObject({ unitPriceCents: 105, note: null });
    });

    it('refuses brackets that do not rise or do not end open', () => {
      expect(bracketsProblem(CATERING.brackets)).toBeUndefined();
      expect(bracketsProblem([{ upToQuotient: 500, residentCents: 1, nonResidentCents: 1 }])).toBe(
        'La dernière tranche est ouverte (sans plafond de quotient).',
      );
      expect(
        bracketsProblem([
          { upToQuotient: 900, residentCents: 1, nonResidentCents: 1 },
          { upToQuotient: 500, residentCents: 1, nonResidentCents: 1 },
          { upToQuotient: null, residentCents: 1, nonResidentCents: 1 },
        ]),
      ).toBe('Les plafonds de quotient doivent croître.');
      expect(bracketsProblem([])).toBe('Un tarif compte au moins une tranche.');
    });
  });

  describe('residency', () => {
    const VICHY = '0190a000-0000-7000-8000-000000000001';
    const CUSSET = '0190a000-0000-7000-8000-000000000002';

    it('prices a resident household at the resident price', () => {
      expect(unitPrice(CATERING, aSituation({ resident: true })).unitPriceCents).toBe(230);
    });

    it('prices a household from elsewhere at the non-resident price', () => {
      expect(unitPrice(CATERING, aSituation({ resident: false })).unitPriceCents).toBe(350);
    });

    it('counts a household as resident when one guardian lives in a commune of the régie', () => {
      expect(isResident([{ organisationId: null }, { organisationId: VICHY }], [VICHY])).toBe(true);
    });

    it('does not count a commune outside the directory or of another organisation', () => {
      expect(isResident([{ organisationId: null }, { organisationId: CUSSET }], [VICHY])).toBe(
        false,
      );
      expect(isResident([], [VICHY])).toBe(false);
    });
  });

  describe('siblings', () => {
    it('gives no reduction to the eldest', () => {
      expect(unitPrice(CATERING, aSituation({ siblingRank: 1 })).reductionPercent).toBe(0);
    });

    it('takes 10 % off the second child', () => {
      const price = unitPrice(CATERING, aSituation({ siblingRank: 2 }));
      expect(price).toMatchObject({ unitPriceCents: 207, reductionPercent: 10 });
    });

    it('applies the last reduction to the third child and beyond', () => {
      expect(unitPrice(CATERING, aSituation({ siblingRank: 3 })).unitPriceCents).toBe(184);
      expect(unitPrice(CATERING, aSituation({ siblingRank: 5 })).unitPriceCents).toBe(184);
    });

    it('ranks children eldest first, twins by id', () => {
      const ranks = siblingRanks([
        { id: 'c', birthDate: '2019-04-02' },
        { id: 'b', birthDate: '2016-01-10' },
        { id: 'a', birthDate: '2019-04-02' },
      ]);
      expect([...ranks.entries()]).toEqual([
        ['b', 1],
        ['a', 2],
        ['c', 3],
      ]);
    });
  });

  describe('rates and exact cents', () => {
    it('rounds a percentage half up to the cent', () => {
      expect(percentOf(105, 90)).toBe(95); // 94.5 → 95
      expect(percentOf(333, 50)).toBe(167); // 166.5 → 167
      expect(percentOf(333, 30)).toBe(100); // 99.9 → 100
      expect(percentOf(101, 10)).toBe(10); // 10.1 → 10
    });

    it('bills an unjustified absence and a late cancellation at their rate', () => {
      expect(billedUnitPrice(CATERING, 'absent-unjustified', 320)).toBe(320);
      expect(
        billedUnitPrice({ ...CATERING, lateCancellationPercent: 50 }, 'late-cancellation', 105),
      ).toBe(53);
    });

    it('bills an unexpected presence at its rate, a present day at the unit price', () => {
      expect(billedUnitPrice(CATERING, 'unexpected', 207)).toBe(311); // 310.5 → 311
      expect(billedUnitPrice(CATERING, 'present', 207)).toBe(207);
    });

    it('makes the lines sum exactly to the total', () => {
      const { lines, totalCents } = totalOf([
        { quantity: 7, unitPriceCents: 320 },
        { quantity: 3, unitPriceCents: 320 },
        { quantity: 11, unitPriceCents: 207 },
        { quantity: 1, unitPriceCents: 311 },
      ]);
      expect(lines.map((line) => line.amountCents)).toEqual([2240, 960, 2277, 311]);
      expect(totalCents).toBe(5788);
      expect(lines.reduce((sum, line) => sum + line.amountCents, 0)).toBe(totalCents);
    });
  });
});

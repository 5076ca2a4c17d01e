import { frenchNumericDate } from '@portail/contracts';

/**
 * Pricing rules, pure: which bracket, which rate, which reduction, in integer cents.
 *
 * The one rounding rule: a percentage of a price in cents is rounded half up to the cent, once,
 * when a unit price is derived (a sibling reduction, then a late-cancellation, absence or
 * unexpected-presence rate). A line's amount is then quantity × unit price, exactly, and an
 * invoice's total the sum of its lines: nothing is rounded after the unit price, so the lines
 * always sum to the total.
 */

export interface Bracket {
  /** Highest family quotient of the bracket (inclusive); null for the last, open one. */
  upToQuotient: number | null;
  residentCents: number;
  nonResidentCents: number;
}

export interface TariffTerms {
  brackets: Bracket[];
  /** Reduction of the 2nd child, the 3rd…, eldest first; the last one applies beyond. */
  siblingReductionPercents: number[];
  lateCancellationPercent: number;
  unjustifiedAbsencePercent: number;
  unexpectedPresencePercent: number;
}

export interface Situation {
  familyQuotient: number | null;
  /** The last day the quotient is valid; null: no end known. */
  familyQuotientValidUntil: string | null;
  /** The day priced (YYYY-MM-DD). */
  day: string;
  resident: boolean;
  /** 1 for the eldest billed child of the household, 2 for the next… */
  siblingRank: number;
}

export interface UnitPrice {
  unitPriceCents: number;
  /** 0-based index of the bracket applied. */
  bracket: number;
  reductionPercent: number;
  /** Why the highest bracket applies, printed on the invoice line; null otherwise. */
  note: string | null;
}

export type BilledKind = 'present' | 'absent-unjustified' | 'unexpected' | 'late-cancellation';

/** `percent` % of `cents`, rounded half up to the cent (the one rounding rule). */
export function percentOf(cents: number, percent: number): number {
  if (!Number.isInteger(cents) || cents < 0 || !Number.isInteger(percent) || percent < 0) {
    throw new Error(`percentOf needs non-negative integers, got ${cents} and ${percent}`);
  }
  return Math.floor((cents * percent + 50) / 100);
}

/**
 * Brackets must rise strictly and end with the open one (upToQuotient null), alone: a reason
 * in French, or undefined when they are well formed.
 */
export function bracketsProblem(brackets: Bracket[]): string | undefined {
  if (!brackets.length) return 'Un tarif compte au moins une tranche.';
  const last = brackets[brackets.length - 1];
  if (last.upToQuotient !== null) {
    return 'La dernière tranche est ouverte (sans plafond de quotient).';
  }
  let previous = -1;
  for (const bracket of brackets.slice(0, -1)) {
    if (bracket.upToQuotient === null) return 'Seule la dernière tranche est sans plafond.';
    if (bracket.upToQuotient <= previous) return 'Les plafonds de quotient doivent croître.';
    previous = bracket.upToQuotient;
  }
  return undefined;
}

/**
 * The bracket of a family quotient: the first whose ceiling it does not exceed. A missing
 * quotient, or one no longer valid on the day, takes the highest bracket, and says so.
 */
export function bracketFor(
  brackets: Bracket[],
  situation: Pick<Situation, 'familyQuotient' | 'familyQuotientValidUntil' | 'day'>,
): { index: number; note: string | null } {
  const highest = brackets.length - 1;
  if (situation.familyQuotient === null) {
    return {
      index: highest,
      note: 'Quotient familial non communiqué : tarif de la tranche la plus haute',
    };
  }
  if (situation.familyQuotientValidUntil && situation.familyQuotientValidUntil < situation.day) {
    return {
      index: highest,
      note: `Quotient familial expiré le ${frenchNumericDate(situation.familyQuotientValidUntil)} : tarif de la tranche la plus haute`,
    };
  }
  const quotient = situation.familyQuotient;
  const index = brackets.findIndex(
    (bracket) => bracket.upToQuotient === null || quotient <= bracket.upToQuotient,
  );
  return { index: index < 0 ? highest : index, note: null };
}

/** The reduction of the n-th child (1 = eldest, none). */
export function siblingReduction(percents: number[], rank: number): number {
  if (rank <= 1 || !percents.length) return 0;
  return percents[Math.min(rank - 2, percents.length - 1)];
}

/** The price of one unit for a child on a day, before any rate (what a present day costs). */
export function unitPrice(terms: TariffTerms, situation: Situation): UnitPrice {
  const { index, note } = bracketFor(terms.brackets, situation);
  const bracket = terms.brackets[index];
  const base = situation.resident ? bracket.residentCents : bracket.nonResidentCents;
  const reductionPercent = siblingReduction(terms.siblingReductionPercents, situation.siblingRank);
  return {
    unitPriceCents: percentOf(base, 100 - reductionPercent),
    bracket: index,
    reductionPercent,
    note,
  };
}

/** The unit price of what is billed: a present day at the unit price, the others at their rate. */
export function billedUnitPrice(terms: TariffTerms, kind: BilledKind, unit: number): number {
  switch (kind) {
    case 'present':
      return unit;
    case 'absent-unjustified':
      return percentOf(unit, terms.unjustifiedAbsencePercent);
    case 'unexpected':
      return percentOf(unit, terms.unexpectedPresencePercent);
    case 'late-cancellation':
      return percentOf(unit, terms.lateCancellationPercent);
  }
}

/** Whether a household lives in one of the communes that pay the resident tariff. */
export function isResident(
  communes: Array<{ organisationId: string | null }>,
  residentOrganisationIds: string[],
): boolean {
  return communes.some(
    (commune) =>
      commune.organisationId !== null && residentOrganisationIds.includes(commune.organisationId),
  );
}

/**
 * Sibling ranks, eldest first (birth date, then id so that twins keep a stable order): the
 * reduction goes to the younger children billed together.
 */
export function siblingRanks(
  children: Array<{ id: string; birthDate: string }>,
): Map<string, number> {
  const ordered = [...children].sort(
    (a, b) => a.birthDate.localeCompare(b.birthDate) || a.id.localeCompare(b.id),
  );
  return new Map(ordered.map((child, index) => [child.id, index + 1]));
}

export interface LineInput {
  quantity: number;
  unitPriceCents: number;
}

/** Each line's amount, exactly quantity × unit price, and the total, exactly their sum. */
export function totalOf<T extends LineInput>(
  lines: T[],
): { lines: Array<T & { amountCents: number }>; totalCents: number } {
  const priced = lines.map((line) => ({
    ...line,
    amountCents: line.quantity * line.unitPriceCents,
  }));
  return { lines: priced, totalCents: priced.reduce((sum, line) => sum + line.amountCents, 0) };
}

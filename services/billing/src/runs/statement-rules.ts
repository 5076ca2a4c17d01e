import type { InvoiceLineKind } from '@portail/contracts';
import {
  billedUnitPrice,
  isResident,
  siblingRanks,
  totalOf,
  unitPrice,
  type TariffTerms,
} from '../tariffs/tariff-rules';

/** One billable fact of the month: a day present, absent unjustified, unexpected, or cancelled late. */
export interface BillableItem {
  childId: string;
  householdId: string;
  activityCode: string;
  unitCode: string;
  day: string;
  kind: InvoiceLineKind;
}

export interface PricedTariff extends TariffTerms {
  id: string;
  label: string;
}

export interface StatementContext {
  /** The tariff of an activity's unit on a day. */
  tariffOn(activityCode: string, unitCode: string, day: string): PricedTariff | undefined;
  household(householdId: string):
    | {
        familyQuotient: number | null;
        familyQuotientValidUntil: string | null;
        communes: Array<{ organisationId: string | null }>;
      }
    | undefined;
  child(childId: string): { name: string; birthDate: string } | undefined;
  residentOrganisationIds: string[];
}

export interface StatementLine {
  childId: string;
  childName: string;
  kind: InvoiceLineKind;
  label: string;
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
  note: string | null;
}

export interface Statement {
  householdId: string;
  lines: StatementLine[];
  totalCents: number;
}

const KIND_ORDER: InvoiceLineKind[] = [
  'present',
  'absent-unjustified',
  'unexpected',
  'late-cancellation',
];

const KIND_LABELS: Record<Exclude<InvoiceLineKind, 'present'>, string> = {
  'absent-unjustified': 'Absence non justifiée',
  unexpected: 'Présence non prévue',
  'late-cancellation': 'Annulation tardive',
};

export class MissingTariffError extends Error {
  constructor(readonly item: BillableItem) {
    super(`No tariff for ${item.activityCode}/${item.unitCode} on ${item.day}`);
  }
}

/**
 * What each household receives for a month: one line per child, kind, tariff, unit price and
 * note, with the number of days. The sibling rank counts the household's children billed in the
 * month, eldest first. A day without a tariff stops the whole statement (MissingTariffError):
 * nothing is billed by default.
 */
export function composeStatements(items: BillableItem[], context: StatementContext): Statement[] {
  const byHousehold = new Map<string, BillableItem[]>();
  for (const item of items) {
    const list = byHousehold.get(item.householdId) ?? [];
    list.push(item);
    byHousehold.set(item.householdId, list);
  }
  const statements: Statement[] = [];
  for (const [householdId, householdItems] of byHousehold) {
    const household = context.household(householdId);
    const childIds = [...new Set(householdItems.map((item) => item.childId))];
    const ranks = siblingRanks(
      childIds.map((id) => ({ id, birthDate: context.child(id)?.birthDate ?? '9999-12-31' })),
    );
    const resident = isResident(household?.communes ?? [], context.residentOrganisationIds);
    const grouped = new Map<string, Omit<StatementLine, 'amountCents'>>();
    for (const item of householdItems) {
      const tariff = context.tariffOn(item.activityCode, item.unitCode, item.day);
      if (!tariff) throw new MissingTariffError(item);
      const price = unitPrice(tariff, {
        familyQuotient: household?.familyQuotient ?? null,
        familyQuotientValidUntil: household?.familyQuotientValidUntil ?? null,
        day: item.day,
        resident,
        siblingRank: ranks.get(item.childId)!,
      });
      const unitPriceCents = billedUnitPrice(tariff, item.kind, price.unitPriceCents);
      const key = [item.childId, item.kind, tariff.id, unitPriceCents, price.note ?? ''].join('|');
      const line = grouped.get(key);
      if (line) {
        line.quantity += 1;
      } else {
        grouped.set(key, {
          childId: item.childId,
          childName: context.child(item.childId)?.name ?? 'Enfant',
          kind: item.kind,
          label: item.kind === 'present' ? tariff.label : KIND_LABELS[item.kind],
          quantity: 1,
          unitPriceCents,
          note: price.note,
        });
      }
    }
    const ordered = [...grouped.values()].sort(
      (a, b) =>
        (ranks.get(a.childId) ?? 0) - (ranks.get(b.childId) ?? 0) ||
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
        a.label.localeCompare(b.label, 'fr') ||
        a.unitPriceCents - b.unitPriceCents,
    );
    const { lines, totalCents } = totalOf(ordered);
    statements.push({ householdId, lines, totalCents });
  }
  return statements.sort((a, b) => a.householdId.localeCompare(b.householdId));
}

import type { EntityManager } from 'typeorm';
import type { HouseholdGuardianSnapshot } from '@portail/contracts';

/** Billing's copy of a household (identity's snapshot). */
export interface HouseholdRow {
  id: string;
  guardians: HouseholdGuardianSnapshot[];
  family_quotient: number | null;
  family_quotient_valid_until: string | null;
}

export interface ChildRow {
  id: string;
  household_id: string;
  first_name: string;
  last_name: string;
  birth_date: string;
}

export function householdsById(
  manager: EntityManager,
  ids: string[],
): Promise<Map<string, HouseholdRow>> {
  return manager
    .query<HouseholdRow[]>(
      `SELECT id, guardians, family_quotient,
         family_quotient_valid_until::text AS family_quotient_valid_until
       FROM households WHERE id = ANY($1)`,
      [ids],
    )
    .then((rows) => new Map(rows.map((row) => [row.id, row])));
}

export function childrenById(
  manager: EntityManager,
  ids: string[],
): Promise<Map<string, ChildRow>> {
  return manager
    .query<ChildRow[]>(
      `SELECT id, household_id, first_name, last_name, birth_date::text AS birth_date
       FROM children WHERE id = ANY($1)`,
      [ids],
    )
    .then((rows) => new Map(rows.map((row) => [row.id, row])));
}

/** The first guardian: the invoice's addressee. */
export function addresseeOf(
  household: HouseholdRow | undefined,
): HouseholdGuardianSnapshot | undefined {
  return household?.guardians.find((guardian) => guardian.primary) ?? household?.guardians[0];
}

/** `PAILLETTE Iris`, as the specification's invoice names a child or a family. */
export function invoiceName(firstName: string, lastName: string): string {
  return `${lastName.trim().toLocaleUpperCase('fr-FR')} ${firstName.trim()}`;
}

export function communesOf(
  household: HouseholdRow | undefined,
): Array<{ organisationId: string | null }> {
  return (household?.guardians ?? []).flatMap((guardian) =>
    guardian.commune ? [guardian.commune] : [],
  );
}

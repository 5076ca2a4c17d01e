import type { EntityManager } from 'typeorm';

/**
 * The households' "N° Dossier" with a régie, given at their first invoice and kept, inside the
 * caller's transaction: those without one take the next numbers of
 * `regies.last_family_file_number`. The régie row is locked first, so two issuances for one
 * régie take turns and never give a household two numbers. The one way numbers are given (runs,
 * corrective invoices, pre-billed baskets).
 */
export async function familyFileNumbers(
  manager: EntityManager,
  regieId: string,
  householdIds: readonly string[],
): Promise<Map<string, number>> {
  if (!householdIds.length) return new Map();
  const [{ last }] = await manager.query<Array<{ last: number }>>(
    'SELECT last_family_file_number AS last FROM regies WHERE id = $1 FOR UPDATE',
    [regieId],
  );
  const numbers = new Map(
    (
      await manager.query<Array<{ household_id: string; number: number }>>(
        'SELECT household_id, number FROM family_files WHERE regie_id = $1 AND household_id = ANY($2)',
        [regieId, householdIds],
      )
    ).map((row) => [row.household_id, row.number]),
  );
  const missing = [...new Set(householdIds)].filter((id) => !numbers.has(id));
  if (!missing.length) return numbers;
  await manager.query(
    `INSERT INTO family_files (regie_id, household_id, number)
     SELECT $1, f.household_id, $3 + f.n FROM unnest($2::uuid[]) WITH ORDINALITY AS f(household_id, n)`,
    [regieId, missing, last],
  );
  await manager.query(
    'UPDATE regies SET last_family_file_number = last_family_file_number + $2 WHERE id = $1',
    [regieId, missing.length],
  );
  missing.forEach((householdId, index) => numbers.set(householdId, last + index + 1));
  return numbers;
}

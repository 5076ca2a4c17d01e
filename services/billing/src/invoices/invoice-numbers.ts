import type { EntityManager } from 'typeorm';

/**
 * Takes `count` consecutive invoice numbers of a régie's year from its counter row, inside the
 * caller's transaction: the row stays locked until it commits, so concurrent issuances take
 * consecutive numbers, and a rolled-back issuance gives its numbers back (no gap). Returns the
 * first. The one way every invoice (run, corrective, pre-billed basket) is numbered.
 */
export async function takeInvoiceNumbers(
  manager: EntityManager,
  regieId: string,
  year: number,
  count = 1,
): Promise<number> {
  const [{ last_number: last }] = await manager.query<Array<{ last_number: number }>>(
    `INSERT INTO invoice_counters (regie_id, year, last_number) VALUES ($1, $2, $3)
     ON CONFLICT (regie_id, year)
     DO UPDATE SET last_number = invoice_counters.last_number + EXCLUDED.last_number
     RETURNING last_number`,
    [regieId, year, count],
  );
  return last - count + 1;
}

/** The debt reference of an invoice (`{year}`, `{month}`, `{number}` on 6 digits), as printed. */
export function debtReferenceOf(
  format: string,
  year: number,
  month: string,
  number: number,
): string {
  return format
    .replaceAll('{year}', String(year))
    .replaceAll('{month}', month.slice(5, 7))
    .replaceAll('{number}', String(number).padStart(6, '0'));
}

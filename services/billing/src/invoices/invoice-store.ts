import type { EntityManager } from 'typeorm';
import type { InvoiceLineKind, InvoiceStatus, InvoiceView } from '@portail/contracts';
import { INVOICE_STATUS_SQL, invoiceStanding } from '../payments/invoice-standing';

/** The addressee as printed at issue: the invoice keeps the address it was sent to. */
export interface Addressee {
  name: string;
  addressLines: string[];
}

export interface InvoiceRow {
  id: string;
  regie_id: string;
  regie_name: string;
  year: number;
  number: number;
  household_id: string;
  month: string;
  issued_on: string;
  due_on: string;
  total_cents: number;
  paid_cents: number;
  /** The sum of its credit notes (kept on the invoice by each credit note's transaction). */
  credited_cents: number;
  replaces_invoice_id: string | null;
  cancelled: boolean;
  /** Today in Paris, as the query was asked (`$1`). */
  today: string;
  status: InvoiceStatus;
  family_file_number: number;
  debt_reference: string;
  addressee: Addressee;
}

interface LineRow {
  invoice_id: string;
  child_id: string;
  child_name: string;
  kind: InvoiceLineKind;
  label: string;
  quantity: number;
  unit_price_cents: number;
  amount_cents: number;
  note: string | null;
}

/**
 * The status is read, never stored (see `invoiceStanding`): cancelled (credit note), paid,
 * overdue (due date passed with a balance), partly paid or issued. `$1` of the query is today in
 * Paris.
 */
export const INVOICE_SELECT = `
  SELECT i.id, i.regie_id, r.name AS regie_name, i.year, i.number, i.household_id, i.month,
    i.issued_on::text AS issued_on, i.due_on::text AS due_on, i.total_cents, i.paid_cents,
    i.credited_cents, i.replaces_invoice_id, i.cancelled, $1::date::text AS today,
    i.family_file_number, i.debt_reference, i.addressee,
    ${INVOICE_STATUS_SQL} AS status
  FROM invoices i JOIN regies r ON r.id = i.regie_id`;

/** The status and balance of a row, by the one rule. */
export function standingOf(row: InvoiceRow) {
  return invoiceStanding({
    totalCents: row.total_cents,
    paidCents: row.paid_cents,
    creditedCents: row.credited_cents,
    cancelled: row.cancelled,
    dueOn: row.due_on,
    today: row.today,
  });
}

/** The invoices' views with their lines, in the order of the rows. */
export async function withLines(
  manager: EntityManager,
  rows: InvoiceRow[],
): Promise<InvoiceView[]> {
  const lines = rows.length
    ? await manager.query<LineRow[]>(
        'SELECT * FROM invoice_lines WHERE invoice_id = ANY($1) ORDER BY invoice_id, position',
        [rows.map((row) => row.id)],
      )
    : [];
  return rows.map((row) => {
    const standing = standingOf(row);
    return {
      id: row.id,
      regieId: row.regie_id,
      regieName: row.regie_name,
      householdId: row.household_id,
      year: row.year,
      number: row.number,
      debtReference: row.debt_reference,
      familyFileNumber: row.family_file_number,
      month: row.month,
      issuedOn: row.issued_on,
      dueOn: row.due_on,
      status: standing.status,
      totalCents: row.total_cents,
      paidCents: row.paid_cents,
      creditedCents: row.credited_cents,
      balanceCents: standing.balanceCents,
      replacesInvoiceId: row.replaces_invoice_id,
      lines: lines
        .filter((line) => line.invoice_id === row.id)
        .map((line) => ({
          childId: line.child_id,
          childName: line.child_name,
          kind: line.kind,
          label: line.label,
          quantity: line.quantity,
          unitPriceCents: line.unit_price_cents,
          amountCents: line.amount_cents,
          note: line.note,
        })),
    };
  });
}

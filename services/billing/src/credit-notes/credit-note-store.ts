import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { CreditNoteKind, CreditNoteView } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import type { RegieRow } from '../regies/regie-store';
import { householdsById, type HouseholdRow } from '../tariffs/family-situation';

/** The household's family accounts, whom billing's events and e-mails are for. */
export function accountIdsOf(household: HouseholdRow | undefined): string[] {
  return (household?.guardians ?? []).flatMap((guardian) =>
    guardian.accountId ? [guardian.accountId] : [],
  );
}

/** The invoice a credit note is written against, as locked for it. */
export interface CreditedInvoice {
  id: string;
  regie_id: string;
  number: number;
  household_id: string;
  total_cents: number;
  paid_cents: number;
  credited_cents: number;
}

export interface CreditNoteDraft {
  regie: RegieRow;
  invoice: CreditedInvoice;
  kind: CreditNoteKind;
  reason: string;
  amountCents: number;
  issuedOn: string;
  issuedBy: string;
  issuedAt: Date;
  replacementInvoiceId: string | null;
}

interface CreditNoteRow {
  id: string;
  invoice_id: string;
  invoice_number: number;
  regie_id: string;
  regie_name: string;
  household_id: string;
  year: number;
  number: number;
  kind: CreditNoteKind;
  reason: string;
  amount_cents: number;
  issued_on: string;
  replacement_invoice_id: string | null;
}

const CREDIT_NOTE_SELECT = `
  SELECT c.id, c.invoice_id, i.number AS invoice_number, c.regie_id, r.name AS regie_name,
    c.household_id, c.year, c.number, c.kind, c.reason, c.amount_cents,
    c.issued_on::text AS issued_on, replacement.id AS replacement_invoice_id
  FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id JOIN regies r ON r.id = c.regie_id
  LEFT JOIN invoices replacement ON replacement.replaces_invoice_id = c.invoice_id
    AND c.kind = 'corrective'`;

function toView(row: CreditNoteRow): CreditNoteView {
  return {
    id: row.id,
    invoiceId: row.invoice_id,
    invoiceNumber: row.invoice_number,
    regieId: row.regie_id,
    regieName: row.regie_name,
    householdId: row.household_id,
    year: row.year,
    number: row.number,
    kind: row.kind,
    reason: row.reason,
    amountCents: row.amount_cents,
    issuedOn: row.issued_on,
    replacementInvoiceId: row.replacement_invoice_id,
  };
}

/** At most this many credit notes in an account (as for its invoices). */
const MAX_ACCOUNT_CREDIT_NOTES = 500;

/**
 * Credit notes ("avoirs"): written within the caller's transaction, after it locked the invoice
 * (`lockInvoice`), numbered per régie and year in their own series from a counter row updated
 * by the inserting statement — concurrent credit notes take consecutive numbers and a rollback
 * gives the number back, as for invoices. A credit note never changes (database trigger).
 */
@Injectable()
export class CreditNoteStore {
  constructor(private readonly events: EventRecorder) {}

  /** The invoice, locked until commit, with what its credit notes already credit. */
  async lockInvoice(
    manager: EntityManager,
    invoiceId: string,
  ): Promise<CreditedInvoice | undefined> {
    const [invoice] = await manager.query<CreditedInvoice[]>(
      `SELECT id, regie_id, number, household_id, total_cents, paid_cents, credited_cents
         FROM invoices WHERE id = $1 FOR UPDATE`,
      [invoiceId],
    );
    return invoice;
  }

  async issue(manager: EntityManager, draft: CreditNoteDraft): Promise<CreditNoteView> {
    const { regie, invoice } = draft;
    const id = uuidv7();
    const year = Number(draft.issuedOn.slice(0, 4));
    const [{ number }] = await manager.query<Array<{ number: number }>>(
      `WITH counter AS (
         INSERT INTO credit_note_counters (regie_id, year, last_number) VALUES ($2, $3, 1)
         ON CONFLICT (regie_id, year)
         DO UPDATE SET last_number = credit_note_counters.last_number + 1
         RETURNING last_number)
       INSERT INTO credit_notes (id, regie_id, year, number, invoice_id, household_id, kind,
         reason, amount_cents, issued_on, issued_by, issued_at)
       SELECT $1, $2, $3, counter.last_number, $4, $5, $6, $7, $8, $9, $10, $11 FROM counter
       RETURNING number`,
      [
        id,
        regie.id,
        year,
        invoice.id,
        invoice.household_id,
        draft.kind,
        draft.reason,
        draft.amountCents,
        draft.issuedOn,
        draft.issuedBy,
        draft.issuedAt,
      ],
    );
    const household = (await householdsById(manager, [invoice.household_id])).get(
      invoice.household_id,
    );
    // The invoice keeps the sum of its credit notes (its status and balance read it), in the
    // credit note's transaction, the invoice row locked by `lockInvoice`.
    await manager.query('UPDATE invoices SET credited_cents = credited_cents + $2 WHERE id = $1', [
      invoice.id,
      draft.amountCents,
    ]);
    const credited = invoice.credited_cents + draft.amountCents;
    const invoiceBalanceCents =
      credited >= invoice.total_cents && invoice.paid_cents === 0
        ? 0
        : Math.max(invoice.total_cents - invoice.paid_cents - credited, 0);
    await this.events.record(
      manager,
      'billing.credit-note.issued',
      {
        creditNoteId: id,
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        regieId: regie.id,
        regieName: regie.name,
        organisationId: regie.organisation_id,
        householdId: invoice.household_id,
        accountIds: accountIdsOf(household),
        year,
        number,
        kind: draft.kind,
        reason: draft.reason,
        amountCents: draft.amountCents,
        issuedOn: draft.issuedOn,
        invoiceBalanceCents,
        replacementInvoiceId: draft.replacementInvoiceId,
      },
      { aggregateId: id },
    );
    return {
      id,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      regieId: regie.id,
      regieName: regie.name,
      householdId: invoice.household_id,
      year,
      number,
      kind: draft.kind,
      reason: draft.reason,
      amountCents: draft.amountCents,
      issuedOn: draft.issuedOn,
      replacementInvoiceId: draft.replacementInvoiceId,
    };
  }

  /** A household's credit notes, newest first, with one régie's only when `regieId` is given. */
  async ofHousehold(
    manager: EntityManager,
    householdId: string,
    regieId: string | null,
  ): Promise<CreditNoteView[]> {
    const rows = await manager.query<CreditNoteRow[]>(
      `${CREDIT_NOTE_SELECT} WHERE c.household_id = $1 AND ($2::uuid IS NULL OR c.regie_id = $2)
       ORDER BY c.issued_at DESC, c.number DESC LIMIT ${MAX_ACCOUNT_CREDIT_NOTES}`,
      [householdId, regieId],
    );
    return rows.map(toView);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BillingErrorCode, type Caller, type InvoicePdfView } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import type { Addressee } from '../invoices/invoice-store';
import { ReadInvoices } from '../invoices/read-invoices.use-case';
import { requireRegieAgent } from '../regies/regie-access';
import { RegieStore } from '../regies/regie-store';
import { renderCreditNotePdf } from './credit-note-pdf';

interface CreditNotePdfRow {
  regie_id: string;
  household_id: string;
  year: number;
  number: number;
  issued_on: string;
  reason: string;
  amount_cents: number;
  invoice_number: number;
  invoice_issued_on: string;
  invoice_month: string;
  debt_reference: string;
  family_file_number: number;
  addressee: Addressee;
  replacement_number: number | null;
}

function creditNoteNotFound(): DomainException {
  return new DomainException(BillingErrorCode.CREDIT_NOTE_NOT_FOUND, "Cet avoir n'existe pas.");
}

/**
 * A credit note's PDF, for the family of its household (another's: 404) or an agent of its
 * régie's services (another régie's: 404).
 */
@Injectable()
export class ReadCreditNotes {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regies: RegieStore,
    private readonly invoices: ReadInvoices,
  ) {}

  async myPdf(caller: Caller, creditNoteId: string): Promise<InvoicePdfView> {
    const householdId = await this.invoices.householdOf(caller).catch(() => {
      throw creditNoteNotFound();
    });
    const row = await this.load(creditNoteId);
    if (!row || row.household_id !== householdId) throw creditNoteNotFound();
    return this.pdf(row);
  }

  async agentPdf(caller: Caller, creditNoteId: string): Promise<InvoicePdfView> {
    const row = await this.load(creditNoteId);
    if (!row) throw creditNoteNotFound();
    try {
      requireRegieAgent(caller, await this.regies.load(row.regie_id));
    } catch {
      throw creditNoteNotFound();
    }
    return this.pdf(row);
  }

  private async load(creditNoteId: string): Promise<CreditNotePdfRow | undefined> {
    const [row] = await this.dataSource.query<CreditNotePdfRow[]>(
      `SELECT c.regie_id, c.household_id, c.year, c.number, c.issued_on::text AS issued_on,
         c.reason, c.amount_cents, i.number AS invoice_number,
         i.issued_on::text AS invoice_issued_on, i.month AS invoice_month, i.debt_reference,
         i.family_file_number, i.addressee, replacement.number AS replacement_number
       FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id
       LEFT JOIN invoices replacement ON replacement.replaces_invoice_id = i.id
         AND c.kind = 'corrective'
       WHERE c.id = $1`,
      [creditNoteId],
    );
    return row;
  }

  private async pdf(row: CreditNotePdfRow): Promise<InvoicePdfView> {
    const regie = await this.regies.load(row.regie_id);
    const bytes = await renderCreditNotePdf({
      regieName: regie.name,
      number: row.number,
      issuedOn: row.issued_on,
      reason: row.reason,
      amountCents: row.amount_cents,
      invoice: {
        number: row.invoice_number,
        issuedOn: row.invoice_issued_on,
        month: row.invoice_month,
        debtReference: row.debt_reference,
      },
      familyFileNumber: row.family_file_number,
      addressee: row.addressee,
      replacementNumber: row.replacement_number,
    });
    return {
      fileName: `avoir-${row.year}-${String(row.number).padStart(6, '0')}.pdf`,
      contentType: 'application/pdf',
      contentBase64: bytes.toString('base64'),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  BillingErrorCode,
  todayInParis,
  type AccountView,
  type Caller,
  type HouseholdAccountQuery,
  type InvoicePage,
  type InvoicePdfView,
  type InvoiceView,
  type RegieInvoicesQuery,
} from '@portail/contracts';
import { Clock, DomainException } from '@portail/service-kit';
import { CreditNoteStore } from '../credit-notes/credit-note-store';
import { requireRegieAgent } from '../regies/regie-access';
import { RegieStore } from '../regies/regie-store';
import { householdOfFamily, paymentsOfHousehold } from '../payments/payment-store';
import { renderInvoicePdf } from './invoice-pdf';
import { INVOICE_SELECT, withLines, type InvoiceRow } from './invoice-store';

/** At most this many invoices in an account (ten years of monthly invoices from a few régies). */
const MAX_ACCOUNT_INVOICES = 500;

/** 404 `INVOICE_NOT_FOUND`: also for an invoice the caller may not see. */
export function invoiceNotFound(): DomainException {
  return new DomainException(BillingErrorCode.INVOICE_NOT_FOUND, "Cette facture n'existe pas.");
}

/**
 * Invoices as families and agents read them. A family reaches its own household's invoices only
 * (another's is not found: 404); an agent those of the régies of its services.
 */
@Injectable()
export class ReadInvoices {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regies: RegieStore,
    private readonly clock: Clock,
    private readonly creditNotes: CreditNoteStore,
  ) {}

  async myAccount(caller: Caller): Promise<AccountView> {
    const householdId = await this.householdOf(caller);
    return this.account(householdId, null);
  }

  async myPdf(caller: Caller, invoiceId: string): Promise<InvoicePdfView> {
    const householdId = await this.householdOf(caller).catch(() => {
      throw invoiceNotFound();
    });
    const row = await this.load(invoiceId);
    if (!row || row.household_id !== householdId) throw invoiceNotFound();
    return this.pdf(row);
  }

  async agentPdf(caller: Caller, invoiceId: string): Promise<InvoicePdfView> {
    const row = await this.load(invoiceId);
    if (!row) throw invoiceNotFound();
    const regie = await this.regies.load(row.regie_id);
    try {
      requireRegieAgent(caller, regie);
    } catch {
      throw invoiceNotFound();
    }
    return this.pdf(row);
  }

  async listForRegie(caller: Caller, query: RegieInvoicesQuery): Promise<InvoicePage> {
    const regie = await this.regies.load(query.regieId);
    requireRegieAgent(caller, regie);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const filters = `WHERE regie_id = $2 AND ($3::text IS NULL OR month = $3)
      AND ($4::uuid IS NULL OR household_id = $4) AND ($5::text IS NULL OR status = $5)`;
    const parameters = [
      this.today(),
      regie.id,
      query.month ?? null,
      query.householdId ?? null,
      query.status ?? null,
    ];
    const rows = await this.dataSource.query<InvoiceRow[]>(
      `SELECT * FROM (${INVOICE_SELECT}) invoice ${filters}
       ORDER BY year DESC, number DESC LIMIT $6 OFFSET $7`,
      [...parameters, pageSize, (page - 1) * pageSize],
    );
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM (${INVOICE_SELECT}) invoice ${filters}`,
      parameters,
    );
    return { items: await withLines(this.dataSource.manager, rows), total, page, pageSize };
  }

  async householdAccount(caller: Caller, query: HouseholdAccountQuery): Promise<AccountView> {
    const regie = await this.regies.load(query.regieId);
    requireRegieAgent(caller, regie);
    return this.account(query.householdId, regie.id);
  }

  private async account(householdId: string, regieId: string | null): Promise<AccountView> {
    const rows = await this.dataSource.query<InvoiceRow[]>(
      `${INVOICE_SELECT} WHERE i.household_id = $2 AND ($3::uuid IS NULL OR i.regie_id = $3)
       ORDER BY i.issued_on DESC, i.number DESC LIMIT ${MAX_ACCOUNT_INVOICES}`,
      [this.today(), householdId, regieId],
    );
    const invoices: InvoiceView[] = await withLines(this.dataSource.manager, rows);
    return {
      householdId,
      balanceCents: invoices.reduce((sum, invoice) => sum + invoice.balanceCents, 0),
      invoices,
      payments: await paymentsOfHousehold(this.dataSource.manager, householdId, regieId),
      creditNotes: await this.creditNotes.ofHousehold(
        this.dataSource.manager,
        householdId,
        regieId,
      ),
    };
  }

  /** The household of a family account (billing's copy); 403 for anyone else. */
  householdOf(caller: Caller): Promise<string> {
    return householdOfFamily(this.dataSource.manager, caller);
  }

  private async load(invoiceId: string): Promise<InvoiceRow | undefined> {
    const [row] = await this.dataSource.query<InvoiceRow[]>(`${INVOICE_SELECT} WHERE i.id = $2`, [
      this.today(),
      invoiceId,
    ]);
    return row;
  }

  private async pdf(row: InvoiceRow): Promise<InvoicePdfView> {
    const [invoice] = await withLines(this.dataSource.manager, [row]);
    const regie = await this.regies.load(row.regie_id);
    const bytes = await renderInvoicePdf({ invoice, regie, addressee: row.addressee });
    return {
      fileName: `facture-${row.year}-${String(row.number).padStart(6, '0')}.pdf`,
      contentType: 'application/pdf',
      contentBase64: bytes.toString('base64'),
    };
  }

  private today(): string {
    return todayInParis(this.clock.now());
  }
}

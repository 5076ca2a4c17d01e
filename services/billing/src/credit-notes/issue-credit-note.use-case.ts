import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  BillingErrorCode,
  todayInParis,
  type Caller,
  type CreditNoteView,
  type IssueCreditNoteCommand,
} from '@portail/contracts';
import { Clock, DomainException } from '@portail/service-kit';
import { invoiceNotFound } from '../invoices/read-invoices.use-case';
import { requireRegieAgent } from '../regies/regie-access';
import { RegieStore } from '../regies/regie-store';
import { CreditNoteStore } from './credit-note-store';

/** What is left creditable on an invoice: its total less its credit notes. */
export function creditableCents(invoice: { total_cents: number; credited_cents: number }): number {
  return Math.max(invoice.total_cents - invoice.credited_cents, 0);
}

/**
 * An agent of the régie's services credits an invoice, in full or in part, with a reason. The
 * invoice never changes: its status and balance count the credit note. The invoice row is
 * locked while the amount is checked against what is left creditable, so two concurrent
 * credit notes never credit more than the total. An invoice of another régie: 404.
 */
@Injectable()
export class IssueCreditNote {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regies: RegieStore,
    private readonly creditNotes: CreditNoteStore,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, command: IssueCreditNoteCommand): Promise<CreditNoteView> {
    const [found] = await this.dataSource.query<Array<{ regie_id: string }>>(
      'SELECT regie_id FROM invoices WHERE id = $1',
      [command.invoiceId],
    );
    if (!found) throw invoiceNotFound();
    const regie = await this.regies.load(found.regie_id);
    try {
      requireRegieAgent(caller, regie);
    } catch {
      throw invoiceNotFound();
    }
    return this.dataSource.transaction(async (manager) => {
      const invoice = (await this.creditNotes.lockInvoice(manager, command.invoiceId))!;
      const creditable = creditableCents(invoice);
      if (command.amountCents > creditable) {
        throw new DomainException(
          BillingErrorCode.CREDIT_NOTE_EXCEEDS_INVOICE,
          creditable === 0
            ? 'Cette facture est déjà entièrement couverte par des avoirs.'
            : `L'avoir dépasse ce qui reste à créditer sur cette facture (${(creditable / 100).toFixed(2).replace('.', ',')} €).`,
          { creditableCents: creditable },
        );
      }
      const issuedAt = this.clock.now();
      return this.creditNotes.issue(manager, {
        regie,
        invoice,
        kind: 'manual',
        reason: command.reason,
        amountCents: command.amountCents,
        issuedOn: todayInParis(issuedAt),
        issuedBy: caller.accountId,
        issuedAt,
        replacementInvoiceId: null,
      });
    });
  }
}

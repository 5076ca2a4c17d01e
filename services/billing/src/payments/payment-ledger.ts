import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  BillingErrorCode,
  CommonErrorCode,
  todayInParis,
  type Caller,
  type CounterPaymentCommand,
  type PaymentFailed,
  type PaymentView,
} from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { Clock, DomainException } from '@portail/service-kit';
import { euros } from '../invoices/invoice-pdf';
import { requireRegieAgent } from '../regies/regie-access';
import { RegieStore } from '../regies/regie-store';
import { invoiceStanding } from './invoice-standing';
import { accountIdsOf, loadPayment, toPaymentView, type PaymentRow } from './payment-store';

/** An invoice row locked for a payment. */
export interface LockedInvoice {
  id: string;
  regie_id: string;
  household_id: string;
  number: number;
  total_cents: number;
  paid_cents: number;
  credited_cents: number;
  cancelled: boolean;
  due_on: string;
}

export function invoiceNotFound(): DomainException {
  return new DomainException(BillingErrorCode.INVOICE_NOT_FOUND, "Cette facture n'existe pas.");
}

/**
 * Payments against invoices. Every change of what an invoice has received happens with the
 * invoice row locked (`SELECT … FOR UPDATE`), in the transaction that records the payment: two
 * payments racing on one invoice are judged one after the other, so an invoice is never
 * overpaid. An online payment under way counts as promised: what is left to pay at the counter
 * is the balance less the payments waiting for their provider.
 */
@Injectable()
export class PaymentLedger {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regies: RegieStore,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
  ) {}

  /** An agent of the régie records cash or a cheque received at the counter. */
  async recordCounter(caller: Caller, command: CounterPaymentCommand): Promise<PaymentView> {
    if (caller.kind === 'family') {
      throw new DomainException(CommonErrorCode.FORBIDDEN, 'Réservé aux agents de la régie.');
    }
    return this.dataSource.transaction(async (manager) => {
      const invoice = await this.lockInvoice(manager, command.invoiceId);
      if (!invoice) throw invoiceNotFound();
      const regie = await this.regies.load(invoice.regie_id, manager);
      try {
        requireRegieAgent(caller, regie);
      } catch {
        throw invoiceNotFound();
      }
      await this.refuseBeyondBalance(manager, invoice, command.amountCents);
      const now = this.clock.now();
      const paymentId = uuidv7();
      await manager.query(
        `INSERT INTO payments (id, invoice_id, regie_id, household_id, method, amount_cents,
           state, received_on, cheque_number, note, recorded_by, created_at, settled_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'paid', $7, $8, $9, $10, $11, $11)`,
        [
          paymentId,
          invoice.id,
          invoice.regie_id,
          invoice.household_id,
          command.method,
          command.amountCents,
          command.receivedOn,
          command.chequeNumber ?? null,
          command.note ?? null,
          caller.accountId,
          now,
        ],
      );
      await this.addPaid(manager, invoice, command.amountCents);
      const payment = (await loadPayment(manager, paymentId))!;
      await this.recordReceived(manager, payment, invoice);
      return toPaymentView(payment);
    });
  }

  async lockInvoice(manager: EntityManager, invoiceId: string): Promise<LockedInvoice | undefined> {
    const [row] = await manager.query<LockedInvoice[]>(
      `SELECT id, regie_id, household_id, number, total_cents, paid_cents, credited_cents,
         cancelled, due_on::text AS due_on
       FROM invoices WHERE id = $1 FOR UPDATE`,
      [invoiceId],
    );
    return row;
  }

  /** What is left to pay on the (locked) invoice, the payments under way not counted. */
  balanceOf(invoice: LockedInvoice): number {
    const { balanceCents, status } = this.standing(invoice);
    return status === 'cancelled' ? 0 : Math.max(balanceCents, 0);
  }

  /** What is left to pay on the (locked) invoice, less the online payments under way. */
  async payable(manager: EntityManager, invoice: LockedInvoice): Promise<number> {
    const balanceCents = this.balanceOf(invoice);
    if (balanceCents === 0) return 0;
    const [{ waiting }] = await manager.query<Array<{ waiting: number }>>(
      `SELECT coalesce(sum(amount_cents), 0)::int AS waiting FROM payments
       WHERE invoice_id = $1 AND state = 'waiting'`,
      [invoice.id],
    );
    return Math.max(balanceCents - waiting, 0);
  }

  /** 409: nothing to pay, or more than what is left (never an overpayment). */
  async refuseBeyondBalance(
    manager: EntityManager,
    invoice: LockedInvoice,
    amountCents: number,
  ): Promise<void> {
    const payable = await this.payable(manager, invoice);
    if (payable === 0) {
      throw new DomainException(
        BillingErrorCode.NOTHING_TO_PAY,
        'Il ne reste rien à payer sur cette facture (ou un paiement en ligne est en cours).',
      );
    }
    if (amountCents > payable) {
      throw new DomainException(
        BillingErrorCode.PAYMENT_EXCEEDS_BALANCE,
        `Le montant dépasse ce qui reste à payer sur cette facture (${euros(payable)}) : une facture n'est jamais payée au-delà de son solde.`,
        { balanceCents: payable },
      );
    }
  }

  /** Adds a settled payment to the (locked) invoice's paid amount. */
  async addPaid(manager: EntityManager, invoice: LockedInvoice, amountCents: number) {
    await manager.query('UPDATE invoices SET paid_cents = paid_cents + $2 WHERE id = $1', [
      invoice.id,
      amountCents,
    ]);
    invoice.paid_cents += amountCents;
  }

  /** `billing.payment.received`, through the outbox, with what is left to pay after it. */
  async recordReceived(
    manager: EntityManager,
    payment: PaymentRow,
    invoice: LockedInvoice,
  ): Promise<void> {
    await this.events.record(
      manager,
      'billing.payment.received',
      {
        ...(await this.eventBase(manager, payment, invoice.number)),
        paidAt: new Date(payment.settled_at ?? this.clock.now()).toISOString(),
        invoiceBalanceCents: this.standing(invoice).balanceCents,
      },
      { aggregateId: payment.id },
    );
  }

  /** `billing.payment.failed`, through the outbox. */
  async recordFailed(
    manager: EntityManager,
    payment: PaymentRow,
    state: PaymentFailed['state'],
  ): Promise<void> {
    await this.events.record(
      manager,
      'billing.payment.failed',
      {
        ...(await this.eventBase(manager, payment, payment.invoice_number)),
        state,
        at: this.clock.now().toISOString(),
      },
      { aggregateId: payment.id },
    );
  }

  private async eventBase(manager: EntityManager, payment: PaymentRow, number: number | null) {
    const regie = await this.regies.load(payment.regie_id, manager);
    return {
      paymentId: payment.id,
      invoiceId: payment.invoice_id ?? payment.basket_id!,
      basketId: payment.basket_id,
      regieId: regie.id,
      regieName: regie.name,
      organisationId: regie.organisation_id,
      householdId: payment.household_id,
      accountIds: await accountIdsOf(manager, payment.household_id),
      invoiceNumber: number,
      method: payment.method,
      amountCents: payment.amount_cents,
    };
  }

  private standing(invoice: LockedInvoice) {
    return invoiceStanding({
      totalCents: invoice.total_cents,
      paidCents: invoice.paid_cents,
      creditedCents: invoice.credited_cents,
      cancelled: invoice.cancelled,
      dueOn: invoice.due_on,
      today: todayInParis(this.clock.now()),
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  BillingErrorCode,
  HouseholdErrorCode,
  type Caller,
  type PaymentView,
  type SandboxSettleCommand,
} from '@portail/contracts';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { Clock, DomainException, SERVICE_CONFIG } from '@portail/service-kit';
import type { BillingConfig } from '../config';
import { BasketInvoicer } from '../baskets/basket-invoicer';
import { invoiceNotFound, PaymentLedger } from './payment-ledger';
import { PayerContacts } from './payer-contacts';
import { PaymentRefusedError, type PaymentProvider, type PaymentStatus } from './payment-provider';
import {
  householdOfFamily,
  loadPayment,
  paymentNotFound,
  toPaymentView,
  type PaymentRow,
} from './payment-store';
import { SandboxPaymentProvider } from './sandbox-payment-provider';
import { PayfipPaymentProvider, payfipRefdet } from './payfip/payfip-payment-provider';
import { payfipSettings } from './payfip/payfip-settings';
import { CardPaymentProvider } from './card/card-payment-provider';
import { CARD_SHOPS, cardSettings } from './card/card-settings';
import type { CardShops } from './card/card-shops';

export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');

/**
 * The providers of online payments by configuration: invoices through the sandbox or PayFIP
 * (`PAYMENT_PROVIDER_INVOICES`), baskets through the sandbox or the card provider
 * (`PAYMENT_PROVIDER_BASKETS`). A payment is always asked of the provider that started it (its
 * `provider` column).
 */
export class PaymentProviders {
  constructor(
    readonly invoices: PaymentProvider,
    readonly baskets: PaymentProvider,
  ) {}

  named(name: string | null): PaymentProvider | null {
    return [this.invoices, this.baskets].find((provider) => provider.name === name) ?? null;
  }
}

export const paymentProvider = {
  provide: PAYMENT_PROVIDER,
  inject: [SERVICE_CONFIG, Clock, DataSource, CARD_SHOPS, SERVICE_LOGGER],
  useFactory: (
    config: BillingConfig,
    clock: Clock,
    dataSource: DataSource,
    shops: CardShops,
    logger: Logger,
  ): PaymentProviders => {
    const now = () => clock.now();
    const sandbox = new SandboxPaymentProvider(
      now,
      config.SANDBOX_PAYMENT_LIFETIME_MINUTES * 60_000,
    );
    const invoices =
      config.PAYMENT_PROVIDER_INVOICES === 'payfip'
        ? new PayfipPaymentProvider(payfipSettings(config), now)
        : sandbox;
    const baskets =
      config.PAYMENT_PROVIDER_BASKETS === 'card'
        ? new CardPaymentProvider(dataSource, shops, cardSettings(config), now)
        : sandbox;
    if (config.NODE_ENV === 'production' && (invoices === sandbox || baskets === sandbox)) {
      // Said once at start: the sandbox's page does not exist in production, so a family's
      // online payment through it can only expire.
      logger.warn(
        'Online payments go through the sandbox (PAYMENT_PROVIDER_INVOICES / PAYMENT_PROVIDER_BASKETS): families cannot pay online in production; set payfip and card',
      );
    }
    return new PaymentProviders(invoices, baskets);
  },
};

/** What a new online payment pays: an invoice, or a pre-billed basket (whose invoice comes once paid). */
interface WaitingPayment {
  invoiceId: string | null;
  basketId: string | null;
  regieId: string;
  householdId: string;
  amountCents: number;
}

/**
 * Online payments of a family: of an invoice (its balance), or of a pre-billed basket. A payment
 * is recorded `waiting` before the provider is asked to start it (idempotent per payment id), so
 * a crash in between leaves nothing unknown. Its state is always asked of the provider (never
 * taken from a return or a notification) and applied once: the payment row is locked and moves
 * only out of `waiting`, so asking twice, or two replicas asking at once, changes nothing more.
 */
@Injectable()
export class OnlinePayments {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: PaymentLedger,
    private readonly baskets: BasketInvoicer,
    private readonly clock: Clock,
    private readonly payers: PayerContacts,
    @Inject(PAYMENT_PROVIDER) private readonly providers: PaymentProviders,
    @Inject(SERVICE_CONFIG) private readonly config: BillingConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * The family pays what is left of one of its invoices. A payment still waiting is answered
   * again; one the provider ended meanwhile without money gives way to a new one.
   */
  async startForInvoice(caller: Caller, invoiceId: string): Promise<PaymentView> {
    const householdId = await this.householdOf(caller, invoiceNotFound);
    let reused = false;
    const paymentId = await this.dataSource.transaction(async (manager) => {
      const invoice = await this.ledger.lockInvoice(manager, invoiceId);
      if (!invoice || invoice.household_id !== householdId) throw invoiceNotFound();
      const [waiting] = await manager.query<Array<{ id: string }>>(
        `SELECT id FROM payments WHERE invoice_id = $1 AND state = 'waiting'`,
        [invoice.id],
      );
      reused = !!waiting;
      if (waiting) return waiting.id;
      const amountCents = await this.ledger.payable(manager, invoice);
      if (amountCents === 0) {
        throw new DomainException(
          BillingErrorCode.NOTHING_TO_PAY,
          'Il ne reste rien à payer sur cette facture.',
        );
      }
      return this.insertWaiting(manager, caller, {
        invoiceId: invoice.id,
        basketId: null,
        regieId: invoice.regie_id,
        householdId,
        amountCents,
      });
    });
    const payment = await this.launch(paymentId);
    return reused && endedWithoutMoney(payment) ? this.startForInvoice(caller, invoiceId) : payment;
  }

  /** The family pays a basket, locked by the caller's transaction (`BasketPayments`). */
  insertWaitingForBasket(
    manager: EntityManager,
    caller: Caller,
    basket: { id: string; regie_id: string; household_id: string },
    amountCents: number,
  ): Promise<string> {
    return this.insertWaiting(manager, caller, {
      invoiceId: null,
      basketId: basket.id,
      regieId: basket.regie_id,
      householdId: basket.household_id,
      amountCents,
    });
  }

  /** One of the family's payments, its state asked of the provider while it waits. */
  async getMine(caller: Caller, paymentId: string): Promise<PaymentView> {
    await this.mine(caller, paymentId);
    return this.refresh(paymentId);
  }

  /** Outside production: the family's choice on the sandbox's page, then its state. */
  async sandboxSettle(caller: Caller, command: SandboxSettleCommand): Promise<PaymentView> {
    const payment = await this.mine(caller, command.paymentId);
    const provider = this.providers.named(payment.provider);
    if (this.config.NODE_ENV === 'production' || !(provider instanceof SandboxPaymentProvider)) {
      throw new DomainException(
        BillingErrorCode.PAYMENT_SANDBOX_DISABLED,
        "Le paiement de démonstration n'existe pas sur ce portail.",
      );
    }
    if (payment.state === 'waiting' && payment.provider_reference) {
      try {
        provider.settle(payment.provider_reference, command.outcome);
      } catch {
        // An operation the sandbox no longer knows (a restart): the provider answers expired.
      }
    }
    return this.refresh(payment.id);
  }

  /** Starts the payment at the provider if not done yet, then answers its state. */
  async launch(paymentId: string): Promise<PaymentView> {
    const payment = (await loadPayment(this.dataSource.manager, paymentId))!;
    if (payment.state === 'waiting' && !payment.provider_reference) {
      const expected = await this.expectedOf(payment);
      const started = await this.providerOf(payment)
        .start({
          paymentId: payment.id,
          invoiceId: payment.invoice_id ?? payment.basket_id!,
          amountCents: payment.amount_cents,
          reference: expected.reference,
          collectivityNumber: expected.collectivityNumber,
          label: expected.invoiceNumber === null ? undefined : `Facture ${expected.invoiceNumber}`,
          payerEmail: await this.payers.emailOf(payment.recorded_by),
          returnUrl: `${this.config.PAYMENT_RETURN_URL.replace(/\/$/, '')}/paiements/${payment.id}`,
          regieId: payment.regie_id,
        })
        .catch((error: unknown) => this.startFailed(payment, error));
      await this.dataSource.query(
        `UPDATE payments SET provider_reference = $2, redirect_url = $3, payment_form = $4
         WHERE id = $1 AND provider_reference IS NULL`,
        [
          payment.id,
          started.providerReference,
          started.redirectUrl,
          started.form ? JSON.stringify(started.form) : null,
        ],
      );
    }
    return this.refresh(paymentId);
  }

  /**
   * The provider did not open the payment: refused, it ends `error` (the family may start
   * again); unreachable, it stays waiting without a reference (starting again retries it, and
   * the PayFIP reconciliation expires it past its lifetime). Either way the family reads 502.
   */
  private async startFailed(payment: PaymentRow, error: unknown): Promise<never> {
    this.logger.error(
      { err: error, paymentId: payment.id, provider: payment.provider },
      'The payment provider did not open a payment',
    );
    if (error instanceof PaymentRefusedError) {
      await this.dataSource.transaction(async (manager) => {
        const locked = (await loadPayment(manager, payment.id, true))!;
        if (locked.state === 'waiting' && !locked.provider_reference) {
          await this.apply(manager, locked, { state: 'error', amountCents: null, reference: null });
        }
      });
    }
    throw new DomainException(
      BillingErrorCode.PAYMENT_PROVIDER_FAILED,
      "Le service de paiement en ligne n'a pas pu ouvrir ce paiement : réessayez plus tard ou réglez autrement.",
    );
  }

  /**
   * Asks the provider about a waiting payment and applies a final state once: paid adds to the
   * invoice (or issues the basket's invoice, paid), anything else records the failure. Answers
   * the payment as it then stands. Also what the basket expiry job does before expiring.
   */
  async refresh(paymentId: string): Promise<PaymentView> {
    const payment = await loadPayment(this.dataSource.manager, paymentId);
    if (!payment) throw paymentNotFound();
    if (payment.state !== 'waiting' || !payment.provider_reference) return toPaymentView(payment);
    // A SEPA debit is settled by its date or its return (sepa/), never asked of a provider.
    if (payment.method === 'direct-debit') return toPaymentView(payment);
    const status = await this.providerOf(payment).status(
      payment.provider_reference,
      this.clock.now(),
      payment.created_at,
    );
    if (status.state === 'waiting') return toPaymentView(payment);
    const judged = checked(status, await this.expectedOf(payment));
    if (judged.state !== status.state) {
      this.logger.warn(
        { paymentId, provider: payment.provider, answered: status.state },
        "The provider's answer names another debt or collectivity: recorded as an error",
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const locked = (await loadPayment(manager, paymentId, true))!;
      if (locked.state === 'waiting') await this.apply(manager, locked, judged);
      return toPaymentView((await loadPayment(manager, paymentId))!);
    });
  }

  private async apply(manager: EntityManager, payment: PaymentRow, status: PaymentStatus) {
    const now = this.clock.now();
    // What the provider says was paid must be what was asked: anything else is an error.
    const state =
      status.state === 'paid' && status.amountCents !== payment.amount_cents
        ? 'error'
        : status.state;
    if (state !== status.state) {
      this.logger.warn(
        { paymentId: payment.id, provider: payment.provider, answeredCents: status.amountCents },
        "The provider's paid amount is not the payment's: recorded as an error",
      );
    }
    if (state === 'paid') {
      const invoice = payment.basket_id
        ? await this.baskets.issuePaid(manager, payment)
        : (await this.ledger.lockInvoice(manager, payment.invoice_id!))!;
      if (!payment.basket_id) {
        // The money is taken: recorded whatever changed meanwhile (a credit note), but said.
        if (
          invoice.paid_cents + invoice.credited_cents + payment.amount_cents >
          invoice.total_cents
        ) {
          this.logger.warn(
            { paymentId: payment.id, invoiceId: invoice.id },
            'An online payment overpays its invoice: a refund is due',
          );
        }
        await this.ledger.addPaid(manager, invoice, payment.amount_cents);
      }
      await manager.query(
        `UPDATE payments SET state = 'paid', settled_at = $2, invoice_id = $3 WHERE id = $1`,
        [payment.id, now, invoice.id],
      );
      await this.ledger.recordReceived(manager, (await loadPayment(manager, payment.id))!, invoice);
      return;
    }
    await manager.query('UPDATE payments SET state = $2, settled_at = $3 WHERE id = $1', [
      payment.id,
      state,
      now,
    ]);
    if (payment.basket_id) await this.baskets.paymentFailed(manager, payment.basket_id);
    await this.ledger.recordFailed(manager, payment, state === 'waiting' ? 'error' : state);
  }

  private async insertWaiting(
    manager: EntityManager,
    caller: Caller,
    payment: WaitingPayment,
  ): Promise<string> {
    const paymentId = uuidv7();
    const provider = payment.basketId ? this.providers.baskets : this.providers.invoices;
    await manager.query(
      `INSERT INTO payments (id, invoice_id, basket_id, regie_id, household_id, method,
         amount_cents, state, provider, recorded_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', $8, $9, $10)`,
      [
        paymentId,
        payment.invoiceId,
        payment.basketId,
        payment.regieId,
        payment.householdId,
        provider.name === 'payfip' ? 'payfip' : 'card',
        payment.amountCents,
        provider.name,
        caller.accountId,
        this.clock.now(),
      ],
    );
    return paymentId;
  }

  /**
   * The payment made through the provider (or the provider by configuration for it: a payment
   * started before a switch is asked of the one of today).
   */
  private providerOf(payment: PaymentRow): PaymentProvider {
    return (
      this.providers.named(payment.provider) ??
      (payment.basket_id ? this.providers.baskets : this.providers.invoices)
    );
  }

  /** What the provider must answer for the payment: its debt reference and collectivity. */
  private async expectedOf(payment: PaymentRow): Promise<Expected> {
    const [row] = await this.dataSource.query<
      Array<{ reference: string; collectivity_number: string }>
    >(
      `SELECT coalesce((SELECT debt_reference FROM invoices WHERE id = $1), $2) AS reference,
         r.payfip_collectivity_number AS collectivity_number
       FROM regies r WHERE r.id = $3`,
      [payment.invoice_id, payment.basket_id ?? payment.id, payment.regie_id],
    );
    return {
      reference: row.reference,
      collectivityNumber: row.collectivity_number,
      invoiceNumber: payment.invoice_number,
    };
  }

  /** The payment if it is the caller's household's (404 otherwise). */
  private async mine(caller: Caller, paymentId: string): Promise<PaymentRow> {
    const householdId = await this.householdOf(caller, paymentNotFound);
    const payment = await loadPayment(this.dataSource.manager, paymentId);
    if (!payment || payment.household_id !== householdId) throw paymentNotFound();
    return payment;
  }

  /** The family's household; a family billing does not know yet finds nothing (404). */
  private householdOf(caller: Caller, notFound: () => DomainException): Promise<string> {
    return householdOfFamily(this.dataSource.manager, caller).catch((error: unknown) => {
      if (
        error instanceof DomainException &&
        error.envelope.code === HouseholdErrorCode.HOUSEHOLD_NOT_FOUND
      ) {
        throw notFound();
      }
      throw error;
    });
  }
}

interface Expected {
  reference: string;
  collectivityNumber: string;
  invoiceNumber: number | null;
}

/**
 * The provider's answer, an error when the debt reference or the collectivity it names is not
 * the payment's (compared as letters and digits: PayFIP's `refdet` has nothing else).
 */
export function checked(status: PaymentStatus, expected: Expected): PaymentStatus {
  const mismatch =
    (status.reference !== null &&
      payfipRefdet(status.reference) !== payfipRefdet(expected.reference)) ||
    (status.collectivityNumber != null &&
      status.collectivityNumber !== expected.collectivityNumber);
  return mismatch ? { ...status, state: 'error' } : status;
}

/** Denied, cancelled, expired or failed: the provider took nothing. */
export function endedWithoutMoney(payment: PaymentView): boolean {
  return payment.state !== 'waiting' && payment.state !== 'paid';
}

import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import {
  PaymentRefusedError,
  type PaymentProvider,
  type PaymentRequest,
  type PaymentStatus,
  type StartedPayment,
} from '../payment-provider';
import type { CardShops } from './card-shops';
import { cardReference, transactionByReference, transactionOf } from './card-transactions';

export interface CardSettings {
  /** The provider's payment page (the form's action). */
  paymentUrl: string;
  /** The gateway's public address: the provider notifies `<publicUrl>/card/notifications`. */
  publicUrl: string;
  /** A payment without a final notification this long after it started is expired. */
  lifetimeMs: number;
}

/** Euros, as the provider's `vads_currency` (ISO 4217 numeric). */
export const EURO = '978';

/**
 * Card payment through a hosted payment page of the PayZen / Systempay kind. `start` answers
 * the form the family's app posts (the `vads_*` fields signed with the régie's shop key); what
 * became of it is the last notification (IPN) whose signature billing verified, recorded with
 * the transaction (CardNotifications): this provider answers that, never the family's return.
 * Without a final notification past its lifetime, the payment is expired.
 */
export class CardPaymentProvider implements PaymentProvider {
  readonly name = 'card';

  constructor(
    private readonly dataSource: DataSource,
    private readonly shops: CardShops,
    private readonly settings: CardSettings,
    private readonly now: () => Date,
  ) {}

  async start(request: PaymentRequest): Promise<StartedPayment> {
    const shop = this.shops.forRegie(request.regieId, request.collectivityNumber);
    if (!shop) throw new PaymentRefusedError('No card shop is configured for this régie');
    if (!Number.isInteger(request.amountCents) || request.amountCents <= 0) {
      throw new PaymentRefusedError('A payment is a positive number of cents');
    }
    const now = this.now();
    const transaction = await transactionOf(
      this.dataSource.manager,
      {
        paymentId: request.paymentId,
        siteId: shop.siteId,
        mode: shop.mode,
        amountCents: request.amountCents,
      },
      DateTime.fromJSDate(now, { zone: 'utc' }).toFormat('yyyyMMddHHmmss'),
      now,
    );
    const fields: Record<string, string> = {
      vads_action_mode: 'INTERACTIVE',
      vads_amount: String(transaction.amount_cents),
      vads_ctx_mode: transaction.mode,
      vads_currency: EURO,
      vads_order_id: request.paymentId,
      vads_page_action: 'PAYMENT',
      vads_payment_config: 'SINGLE',
      vads_site_id: transaction.site_id,
      vads_trans_date: transaction.trans_date,
      vads_trans_id: transaction.trans_id,
      vads_url_check: `${this.settings.publicUrl.replace(/\/$/, '')}/card/notifications`,
      // Only where the family goes back to: its page reads the state the notification set.
      vads_url_return: request.returnUrl,
      vads_version: 'V2',
    };
    if (request.payerEmail) fields.vads_cust_email = request.payerEmail;
    return {
      providerReference: cardReference(transaction),
      redirectUrl: null,
      form: {
        action: this.settings.paymentUrl,
        method: 'POST',
        fields: { ...fields, signature: shop.sign(fields) },
      },
    };
  }

  async status(providerReference: string, at: Date, startedAt?: Date): Promise<PaymentStatus> {
    const transaction = await transactionByReference(this.dataSource.manager, providerReference);
    const unknown = { amountCents: null, reference: null };
    if (!transaction) return { state: 'expired', ...unknown };
    const notified = transaction.notified_state;
    if (notified && notified !== 'waiting') {
      const amount = transaction.notified_amount_cents;
      return {
        state: notified,
        amountCents: amount === null ? null : Number(amount),
        reference: null,
      };
    }
    const started = startedAt ?? new Date(transaction.created_at);
    const late = at.getTime() - started.getTime() > this.settings.lifetimeMs;
    return { state: late ? 'expired' : 'waiting', ...unknown };
  }
}

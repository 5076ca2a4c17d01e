import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  BillingErrorCode,
  type CardNotification,
  type CardNotificationOutcome,
  type PaymentState,
} from '@portail/contracts';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { Clock, DomainException } from '@portail/service-kit';
import { OnlinePayments } from '../online-payments';
import { EURO } from './card-payment-provider';
import { CARD_SHOPS } from './card-settings';
import type { CardShops } from './card-shops';
import { transactionNotified, type CardTransactionRow } from './card-transactions';

/** At most this many waiting card payments expired per run of the expiry job. */
const EXPIRY_BATCH = 200;

/**
 * What `vads_trans_status` means. A status not here (or still in progress: WAITING,
 * AUTHORISED_TO_VALIDATE, UNDER_VERIFICATION…) leaves the payment waiting.
 */
const STATES: Readonly<Record<string, PaymentState>> = {
  AUTHORISED: 'paid',
  CAPTURED: 'paid',
  ACCEPTED: 'paid',
  REFUSED: 'denied',
  ABANDONED: 'cancelled',
  CANCELLED: 'cancelled',
  EXPIRED: 'expired',
  CAPTURE_FAILED: 'error',
};

/** The fields a log line may say of a notification (never its signature or the whole of it). */
function described(fields: Readonly<Record<string, string>>) {
  return {
    siteId: fields.vads_site_id?.slice(0, 20),
    mode: fields.vads_ctx_mode?.slice(0, 20),
    orderId: fields.vads_order_id?.slice(0, 64),
    transDate: fields.vads_trans_date?.slice(0, 20),
    transId: fields.vads_trans_id?.slice(0, 20),
    transStatus: fields.vads_trans_status?.slice(0, 40),
  };
}

/**
 * The provider's instant payment notification. Its signature is verified with the key of the
 * shop it names, in the shop's mode, before anything else: a wrong one changes nothing and is
 * refused (CARD_NOTIFICATION_REFUSED). A verified one is judged against the transaction billing
 * started (order, currency, shop, mode: any difference is an error, and a paid amount other than
 * the payment's is an error too, in OnlinePayments), recorded with the transaction, then applied
 * once through OnlinePayments.refresh, which asks the card provider (the recorded notification)
 * with the payment row locked: the same notification ten times is one payment and one invoice.
 */
@Injectable()
export class CardNotifications {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payments: OnlinePayments,
    private readonly clock: Clock,
    @Inject(CARD_SHOPS) private readonly shops: CardShops,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async notify({ fields, signature }: CardNotification): Promise<CardNotificationOutcome> {
    const shop = this.shops.bySite(fields.vads_site_id);
    if (!shop || fields.vads_ctx_mode !== shop.mode || !shop.verifies(fields, signature)) {
      this.logger.warn(
        { notification: described(fields), shopKnown: !!shop },
        'A card notification was refused: its signature is not its shop’s in its mode',
      );
      throw new DomainException(
        BillingErrorCode.CARD_NOTIFICATION_REFUSED,
        "La signature de la notification de paiement n'est pas valide : rien n'a changé.",
      );
    }
    const transaction = await transactionNotified(
      this.dataSource.manager,
      shop.siteId,
      fields.vads_trans_date ?? '',
      fields.vads_trans_id ?? '',
    );
    if (!transaction) {
      this.logger.warn(
        { notification: described(fields) },
        'A signed card notification names a transaction billing did not start',
      );
      return { paymentId: null, state: null };
    }
    const state = this.judged(fields, transaction);
    const amount = /^\d{1,12}$/.test(fields.vads_amount ?? '') ? Number(fields.vads_amount) : null;
    // The first final word stays: a later notification (a replay, a cancellation after the
    // payment was applied) is counted but changes nothing recorded.
    const [recorded] = await this.dataSource.query<[Array<{ payment_id: string }>, number]>(
      `UPDATE card_transactions SET notified_status = $2, notified_state = $3,
         notified_amount_cents = $4, notified_at = $5, notification_count = notification_count + 1
       WHERE payment_id = $1 AND (notified_state IS NULL OR notified_state = 'waiting')
       RETURNING payment_id`,
      [
        transaction.payment_id,
        fields.vads_trans_status?.slice(0, 40) ?? null,
        state,
        amount,
        this.clock.now(),
      ],
    );
    if (!recorded.length) {
      await this.dataSource.query(
        'UPDATE card_transactions SET notification_count = notification_count + 1 WHERE payment_id = $1',
        [transaction.payment_id],
      );
    }
    const payment = await this.payments.refresh(transaction.payment_id);
    if (state === 'paid' && payment.state !== 'paid') {
      this.logger.error(
        { paymentId: payment.id, state: payment.state, notification: described(fields) },
        'The card provider took money for a payment billing had ended without it: a refund is due',
      );
    }
    return { paymentId: payment.id, state: payment.state };
  }

  /** The notification's state, an error when it is not about the transaction billing started. */
  private judged(fields: Readonly<Record<string, string>>, transaction: CardTransactionRow) {
    const state = STATES[fields.vads_trans_status ?? ''] ?? 'waiting';
    const mismatch =
      fields.vads_order_id !== transaction.payment_id ||
      fields.vads_currency !== EURO ||
      fields.vads_ctx_mode !== transaction.mode;
    if (mismatch) {
      this.logger.warn(
        { paymentId: transaction.payment_id, notification: described(fields) },
        'A signed card notification names another order, currency or mode: recorded as an error',
      );
      return 'error';
    }
    return state;
  }

  /**
   * Expires the card payments still waiting past their lifetime (no final notification came):
   * each is asked of the provider and applied once, as a notification would be. How many ended.
   */
  async expireLate(now: Date, lifetimeMinutes: number): Promise<{ ended: number; failed: number }> {
    const late = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM payments
       WHERE provider = 'card' AND state = 'waiting' AND created_at <= $1
       ORDER BY created_at, id LIMIT ${EXPIRY_BATCH}`,
      [new Date(now.getTime() - lifetimeMinutes * 60_000)],
    );
    let ended = 0;
    let failed = 0;
    for (const { id } of late) {
      try {
        if ((await this.payments.launch(id)).state !== 'waiting') ended += 1;
      } catch (error) {
        failed += 1;
        this.logger.error({ err: error, paymentId: id }, 'A late card payment could not be ended');
      }
    }
    return { ended, failed };
  }
}

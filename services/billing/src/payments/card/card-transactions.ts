import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { PaymentState } from '../payment-provider';
import type { CardMode } from './card-shops';

/** A `card_transactions` row: one per payment, with the last verified notification. */
export interface CardTransactionRow {
  payment_id: string;
  site_id: string;
  mode: CardMode;
  trans_date: string;
  trans_id: string;
  amount_cents: number;
  created_at: Date;
  notified_status: string | null;
  notified_state: PaymentState | null;
  notified_amount_cents: string | null;
  notified_at: Date | null;
  notification_count: number;
}

/** What the payment is known by: the shop, the `vads_trans_date` and the `vads_trans_id`. */
export function cardReference(
  row: Pick<CardTransactionRow, 'site_id' | 'trans_date' | 'trans_id'>,
) {
  return `${row.site_id}-${row.trans_date}-${row.trans_id}`;
}

const TRANS_ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
/** New transaction ids tried before giving up (36^6 ids a shop and day: a clash is rare). */
const TRANS_ID_ATTEMPTS = 8;

/** A `vads_trans_id`: 6 characters of [0-9a-z]. */
export function newTransId(): string {
  return Array.from({ length: 6 }, () => TRANS_ID_ALPHABET[randomInt(36)]).join('');
}

/**
 * The payment's transaction, recorded the first time (idempotent per payment: a second start
 * answers the same transaction, hence the same form). The transaction id is drawn until it is
 * unique for the shop and the day (a unique index decides, across replicas).
 */
export async function transactionOf(
  manager: EntityManager,
  payment: { paymentId: string; siteId: string; mode: CardMode; amountCents: number },
  transDate: string,
  now: Date,
): Promise<CardTransactionRow> {
  for (let attempt = 0; attempt < TRANS_ID_ATTEMPTS; attempt += 1) {
    await manager.query(
      `INSERT INTO card_transactions (payment_id, site_id, mode, trans_date, trans_id, amount_cents,
         created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [
        payment.paymentId,
        payment.siteId,
        payment.mode,
        transDate,
        newTransId(),
        payment.amountCents,
        now,
      ],
    );
    const [row] = await manager.query<CardTransactionRow[]>(
      'SELECT * FROM card_transactions WHERE payment_id = $1',
      [payment.paymentId],
    );
    if (row) return row;
  }
  throw new Error('No free card transaction id for the shop today');
}

/** The transaction a payment reference names. */
export async function transactionByReference(
  manager: EntityManager,
  providerReference: string,
): Promise<CardTransactionRow | undefined> {
  const [row] = await manager.query<CardTransactionRow[]>(
    `SELECT ct.* FROM card_transactions ct JOIN payments p ON p.id = ct.payment_id
     WHERE p.provider = 'card' AND p.provider_reference = $1`,
    [providerReference],
  );
  return row;
}

/** The transaction a notification names: its shop, trans date and trans id. */
export async function transactionNotified(
  manager: EntityManager,
  siteId: string,
  transDate: string,
  transId: string,
): Promise<CardTransactionRow | undefined> {
  const [row] = await manager.query<CardTransactionRow[]>(
    `SELECT * FROM card_transactions WHERE site_id = $1 AND trans_date = $2 AND trans_id = $3`,
    [siteId, transDate, transId],
  );
  return row;
}

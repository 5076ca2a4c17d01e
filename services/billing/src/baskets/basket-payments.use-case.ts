import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  BillingErrorCode,
  HouseholdErrorCode,
  type BasketStatus,
  type BasketView,
  type Caller,
  type PaymentView,
} from '@portail/contracts';
import { Clock, DomainException } from '@portail/service-kit';
import { endedWithoutMoney, OnlinePayments } from '../payments/online-payments';
import { householdOfFamily } from '../payments/payment-store';

/** Baskets shown besides the open ones: those closed within this many days. */
const RECENT_DAYS = 31;

interface BasketRow {
  id: string;
  regie_id: string;
  regie_name: string;
  household_id: string;
  status: BasketStatus;
  opened_at: Date;
  expires_at: Date;
  closed_at: Date | null;
  invoice_number: number | null;
  waiting_payment_id: string | null;
}

interface ItemRow {
  basket_id: string;
  booking_id: string;
  child_id: string;
  child_name: string;
  activity_code: string;
  unit_code: string;
  label: string;
  day: string;
  unit_price_cents: number;
  note: string | null;
}

function basketNotFound(): DomainException {
  return new DomainException(BillingErrorCode.BASKET_NOT_FOUND, "Ce panier n'existe pas.");
}

/**
 * The family's pre-billed baskets and their payment by card. What a basket shows: while open,
 * its booked days still booked; once paid, the days its invoice bills; once expired, the days it
 * released. Another household's basket is not found (404).
 */
@Injectable()
export class BasketPayments {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payments: OnlinePayments,
    private readonly clock: Clock,
  ) {}

  async listMine(caller: Caller): Promise<BasketView[]> {
    let householdId: string;
    try {
      householdId = await householdOfFamily(this.dataSource.manager, caller);
    } catch (error) {
      if (isUnknownHousehold(error)) return [];
      throw error;
    }
    const baskets = await this.dataSource.query<BasketRow[]>(
      `SELECT b.*, r.name AS regie_name, i.number AS invoice_number,
         (SELECT p.id FROM payments p WHERE p.basket_id = b.id AND p.state = 'waiting')
           AS waiting_payment_id
       FROM baskets b JOIN regies r ON r.id = b.regie_id LEFT JOIN invoices i ON i.id = b.id
       WHERE b.household_id = $1
         AND (b.status = 'open' OR b.closed_at > $2::timestamptz - interval '${RECENT_DAYS} days')
       ORDER BY b.opened_at DESC LIMIT 100`,
      [householdId, this.clock.now()],
    );
    const items = await this.dataSource.query<ItemRow[]>(
      `SELECT item.*, item.day::text AS day FROM basket_items item
       JOIN baskets b ON b.id = item.basket_id
       WHERE item.basket_id = ANY($1) AND CASE b.status
         WHEN 'open' THEN item.removed_at IS NULL
         WHEN 'paid' THEN item.billed
         ELSE item.removed_at IS NULL OR item.removed_at >= b.closed_at END
       ORDER BY item.day, item.child_name, item.unit_code`,
      [baskets.map((basket) => basket.id)],
    );
    return baskets.map((basket) => {
      const own = items.filter((item) => item.basket_id === basket.id);
      return {
        id: basket.id,
        regieId: basket.regie_id,
        regieName: basket.regie_name,
        householdId: basket.household_id,
        status: basket.status,
        openedAt: new Date(basket.opened_at).toISOString(),
        expiresAt: new Date(basket.expires_at).toISOString(),
        totalCents: own.reduce((sum, item) => sum + item.unit_price_cents, 0),
        items: own.map((item) => ({
          bookingId: item.booking_id,
          childId: item.child_id,
          childName: item.child_name,
          activityCode: item.activity_code,
          unitCode: item.unit_code,
          label: item.label,
          day: item.day,
          unitPriceCents: item.unit_price_cents,
          note: item.note,
        })),
        invoiceNumber: basket.invoice_number,
        waitingPaymentId: basket.waiting_payment_id,
      };
    });
  }

  /**
   * Pays an open basket by card: its days still booked are what the payment covers (fixed now;
   * the basket stops filling), and paying again while a payment waits answers that payment (or,
   * ended meanwhile without money, starts a new one).
   */
  async payMine(caller: Caller, basketId: string): Promise<PaymentView> {
    const householdId = await householdOfFamily(this.dataSource.manager, caller).catch(
      (error: unknown) => {
        throw isUnknownHousehold(error) ? basketNotFound() : error;
      },
    );
    let reused = false;
    const paymentId = await this.dataSource.transaction(async (manager) => {
      const [basket] = await manager.query<
        Array<{
          id: string;
          regie_id: string;
          household_id: string;
          status: BasketStatus;
          expires_at: Date;
        }>
      >('SELECT * FROM baskets WHERE id = $1 FOR UPDATE', [basketId]);
      if (!basket || basket.household_id !== householdId) throw basketNotFound();
      const [waiting] = await manager.query<Array<{ id: string }>>(
        `SELECT id FROM payments WHERE basket_id = $1 AND state = 'waiting'`,
        [basket.id],
      );
      reused = !!waiting;
      if (waiting) return waiting.id;
      if (basket.status !== 'open' || new Date(basket.expires_at) <= this.clock.now()) {
        throw new DomainException(
          BillingErrorCode.NOTHING_TO_PAY,
          'Ce panier est déjà réglé ou a expiré : ses réservations ont été libérées.',
        );
      }
      await manager.query(
        'UPDATE basket_items SET billed = (removed_at IS NULL) WHERE basket_id = $1',
        [basket.id],
      );
      const [{ total }] = await manager.query<Array<{ total: number }>>(
        `SELECT coalesce(sum(unit_price_cents), 0)::int AS total FROM basket_items
         WHERE basket_id = $1 AND billed`,
        [basket.id],
      );
      if (total === 0) {
        throw new DomainException(
          BillingErrorCode.NOTHING_TO_PAY,
          "Ce panier est vide : il n'y a rien à payer.",
        );
      }
      await manager.query('UPDATE baskets SET filling = false WHERE id = $1', [basket.id]);
      return this.payments.insertWaitingForBasket(manager, caller, basket, total);
    });
    const payment = await this.payments.launch(paymentId);
    return reused && endedWithoutMoney(payment) ? this.payMine(caller, basketId) : payment;
  }
}

function isUnknownHousehold(error: unknown): boolean {
  return (
    error instanceof DomainException &&
    error.envelope.code === HouseholdErrorCode.HOUSEHOLD_NOT_FOUND
  );
}

import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { BookingEventBase } from '@portail/contracts';
import { Clock, SERVICE_CONFIG } from '@portail/service-kit';
import type { BillingConfig } from '../config';
import { RegieStore } from '../regies/regie-store';
import { GetQuote } from '../tariffs/get-quote.use-case';
import { childrenById, invoiceName } from '../tariffs/family-situation';

/**
 * Pre-billing ("paiement à la réservation"): each booked day of a pre-billed activity goes into
 * the household's basket with the régie serving its municipal service, priced by the quote of
 * the day (the tariff rules: bracket, residency, siblings). The basket fills until a payment of
 * it starts, then the next booked days open another. It expires BASKET_PAYMENT_DELAY_MINUTES
 * after it opened (`BasketExpiry`). A booking that stops being booked (cancelled by the family,
 * refused…) leaves its open basket, whose amount drops. Called from billing's copy of
 * reservation's booking events, in the event's transaction (the inbox runs each once).
 */
@Injectable()
export class BasketBook {
  constructor(
    private readonly regies: RegieStore,
    private readonly quotes: GetQuote,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: BillingConfig,
  ) {}

  /** After billing's copy of the booking changed: its status there (the newest event's) rules. */
  async follow(manager: EntityManager, booking: BookingEventBase): Promise<void> {
    if (booking.billing !== 'pre-billing') return;
    const [copy] = await manager.query<Array<{ status: string }>>(
      'SELECT status FROM booked_days WHERE booking_id = $1',
      [booking.bookingId],
    );
    if (copy?.status === 'booked') await this.add(manager, booking);
    else await this.remove(manager, booking.bookingId);
  }

  private async add(manager: EntityManager, booking: BookingEventBase): Promise<void> {
    const [known] = await manager.query<unknown[]>(
      'SELECT 1 FROM basket_items WHERE booking_id = $1',
      [booking.bookingId],
    );
    if (known) return;
    const [regie] = await this.regies.ofService(booking.municipalServiceId, manager);
    // No régie serves the service: nothing to pre-bill.
    if (!regie) return;
    // A missing child copy or tariff fails the event, which the inbox retries (then dead-letters).
    const quote = await this.quotes.execute(undefined, {
      municipalServiceId: booking.municipalServiceId,
      activityCode: booking.activityCode,
      unitCode: booking.unitCode,
      childId: booking.childId,
      day: booking.day,
    });
    const [tariff] = await manager.query<Array<{ label: string }>>(
      'SELECT label FROM tariffs WHERE id = $1',
      [quote.tariffId],
    );
    const child = (await childrenById(manager, [booking.childId])).get(booking.childId)!;
    const basketId = await this.fillingBasket(manager, regie.id, booking.householdId);
    await manager.query(
      `INSERT INTO basket_items (booking_id, basket_id, child_id, child_name, activity_code,
         unit_code, label, day, unit_price_cents, note, added_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
      [
        booking.bookingId,
        basketId,
        booking.childId,
        invoiceName(child.first_name, child.last_name),
        booking.activityCode,
        booking.unitCode,
        tariff?.label ?? booking.unitLabel ?? booking.unitCode,
        booking.day,
        quote.unitPriceCents,
        quote.note,
        this.clock.now(),
      ],
    );
  }

  /** The household's basket taking new days with the régie, opened if none (locked). */
  private async fillingBasket(
    manager: EntityManager,
    regieId: string,
    householdId: string,
  ): Promise<string> {
    const now = this.clock.now();
    await manager.query(
      `INSERT INTO baskets (id, regie_id, household_id, status, filling, opened_at, expires_at)
       VALUES ($1, $2, $3, 'open', true, $4, $5)
       ON CONFLICT (regie_id, household_id) WHERE status = 'open' AND filling DO NOTHING`,
      [
        uuidv7(),
        regieId,
        householdId,
        now,
        new Date(now.getTime() + this.config.BASKET_PAYMENT_DELAY_MINUTES * 60_000),
      ],
    );
    const [basket] = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM baskets WHERE regie_id = $1 AND household_id = $2 AND status = 'open'
         AND filling FOR UPDATE`,
      [regieId, householdId],
    );
    return basket.id;
  }

  private async remove(manager: EntityManager, bookingId: string): Promise<void> {
    await manager.query(
      `UPDATE basket_items item SET removed_at = $2
       FROM baskets b
       WHERE item.booking_id = $1 AND item.removed_at IS NULL AND b.id = item.basket_id
         AND b.status = 'open'`,
      [bookingId, this.clock.now()],
    );
  }
}

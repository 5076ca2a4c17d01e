import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { todayInParis } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { Clock } from '@portail/service-kit';
import { debtReferenceOf, takeInvoiceNumbers } from '../invoices/invoice-numbers';
import { familyFileNumbers } from '../invoices/family-file-numbers';
import type { LockedInvoice } from '../payments/payment-ledger';
import { accountIdsOf, type PaymentRow } from '../payments/payment-store';
import { RegieStore } from '../regies/regie-store';
import { addressOf } from '../runs/start-run.use-case';
import { householdsById } from '../tariffs/family-situation';

interface BilledItem {
  child_id: string;
  child_name: string;
  label: string;
  unit_price_cents: number;
  note: string | null;
  quantity: number;
  first_day: string;
}

/**
 * The invoice of a pre-billed basket, issued when its payment is paid, in the transaction that
 * records the payment: numbered then (so an expired basket takes no number, and a rolled-back
 * payment gives its number back — the counter row is the post-billing runs' one, so numbers stay
 * continuous per régie and year), paid at once, and taking the basket's id. One line per child,
 * tariff and price, for the days fixed when the payment started.
 */
@Injectable()
export class BasketInvoicer {
  constructor(
    private readonly regies: RegieStore,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
  ) {}

  async issuePaid(manager: EntityManager, payment: PaymentRow): Promise<LockedInvoice> {
    const basketId = payment.basket_id!;
    await manager.query('SELECT id FROM baskets WHERE id = $1 FOR UPDATE', [basketId]);
    const regie = await this.regies.load(payment.regie_id, manager);
    const items = await manager.query<BilledItem[]>(
      `SELECT child_id, child_name, label, unit_price_cents, note, count(*)::int AS quantity,
         min(day)::text AS first_day
       FROM basket_items WHERE basket_id = $1 AND billed
       GROUP BY child_id, child_name, label, unit_price_cents, note
       ORDER BY child_name, min(day), label`,
      [basketId],
    );
    const totalCents = items.reduce((sum, item) => sum + item.quantity * item.unit_price_cents, 0);
    const now = this.clock.now();
    const issuedOn = todayInParis(now);
    const year = Number(issuedOn.slice(0, 4));
    const month =
      items
        .map((item) => item.first_day)
        .sort()[0]
        ?.slice(0, 7) ?? issuedOn.slice(0, 7);
    const household = (await householdsById(manager, [payment.household_id])).get(
      payment.household_id,
    );
    const fileNumber = (await familyFileNumbers(manager, regie.id, [payment.household_id])).get(
      payment.household_id,
    )!;
    await manager.query(
      `INSERT INTO invoice_lines (invoice_id, position, child_id, child_name, kind, label,
         quantity, unit_price_cents, amount_cents, note)
       SELECT $1, item.position - 1, item.child_id, item.child_name, 'present', item.label,
         item.quantity, item.unit_price_cents, item.quantity * item.unit_price_cents, item.note
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[])
         WITH ORDINALITY AS item (child_id, child_name, label, quantity, unit_price_cents, note,
           position)`,
      [
        basketId,
        items.map((item) => item.child_id),
        items.map((item) => item.child_name),
        items.map((item) => item.label),
        items.map((item) => item.quantity),
        items.map((item) => item.unit_price_cents),
        items.map((item) => item.note),
      ],
    );
    // Paid on issue: due the day it is issued.
    const number = await takeInvoiceNumbers(manager, regie.id, year);
    const [invoice] = await manager.query<Array<LockedInvoice & { debt_reference: string }>>(
      `INSERT INTO invoices (id, regie_id, year, number, household_id, month, kind, issued_on,
         due_on, total_cents, paid_cents, family_file_number, debt_reference, addressee,
         issued_by, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pre-billing', $7, $7, $8, $9, $10, $11, $12, $13, $14)
       RETURNING id, regie_id, household_id, number, total_cents, paid_cents, credited_cents,
         cancelled, due_on::text AS due_on, debt_reference`,
      [
        basketId,
        regie.id,
        year,
        number,
        payment.household_id,
        month,
        issuedOn,
        totalCents,
        payment.amount_cents,
        fileNumber,
        debtReferenceOf(regie.debt_reference_format, year, month, number),
        JSON.stringify(addressOf(household)),
        payment.recorded_by,
        now,
      ],
    );
    await manager.query(
      `UPDATE baskets SET status = 'paid', filling = false, closed_at = $2 WHERE id = $1`,
      [basketId, now],
    );
    const accountIds = await accountIdsOf(manager, payment.household_id);
    await this.events.record(
      manager,
      'billing.invoice.issued',
      {
        invoiceId: basketId,
        regieId: regie.id,
        regieName: regie.name,
        organisationId: regie.organisation_id,
        householdId: payment.household_id,
        accountIds,
        year,
        number: invoice.number,
        debtReference: invoice.debt_reference,
        month,
        issuedOn,
        dueOn: issuedOn,
        totalCents,
      },
      { aggregateId: basketId },
    );
    return invoice;
  }

  /** A payment of the basket ended without money: it may be paid again, and fill again. */
  async paymentFailed(manager: EntityManager, basketId: string): Promise<void> {
    await manager.query('UPDATE basket_items SET billed = false WHERE basket_id = $1', [basketId]);
    await manager.query(
      `UPDATE baskets b SET filling = NOT EXISTS (SELECT 1 FROM baskets other
         WHERE other.regie_id = b.regie_id AND other.household_id = b.household_id
           AND other.status = 'open' AND other.filling AND other.id <> b.id)
       WHERE b.id = $1 AND b.status = 'open'`,
      [basketId],
    );
  }
}

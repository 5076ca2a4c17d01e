import type { InvoiceStatus } from '@portail/contracts';

export interface InvoiceAmounts {
  totalCents: number;
  paidCents: number;
  /** What credit notes took off the invoice. */
  creditedCents: number;
  /** YYYY-MM-DD: the invoice is to be paid by then. */
  dueOn: string;
  /** YYYY-MM-DD, in Paris. */
  today: string;
  /** Cancelled outright (the flag of the invoice row). */
  cancelled?: boolean;
}

export interface InvoiceStanding {
  status: InvoiceStatus;
  /** What is left to pay: never below zero. */
  balanceCents: number;
}

/**
 * The one rule of an invoice's status and balance. The balance is the total less what was paid
 * and what credit notes took off. Then, in this order: wholly credited with nothing paid is
 * `cancelled`; nothing left to pay is `paid`; a balance past the due date is `overdue` (even
 * when partly paid: it is what reminders follow); some payment is `partly-paid`; else `issued`.
 * The invoices' SQL (`INVOICE_STATUS_SQL`) says the same, for filtering.
 */
export function invoiceStanding(amounts: InvoiceAmounts): InvoiceStanding {
  const { totalCents, paidCents, creditedCents, dueOn, today } = amounts;
  const balanceCents = Math.max(totalCents - creditedCents - paidCents, 0);
  if (amounts.cancelled || (creditedCents > 0 && creditedCents >= totalCents && paidCents === 0)) {
    return { status: 'cancelled', balanceCents: 0 };
  }
  if (balanceCents === 0) return { status: 'paid', balanceCents };
  if (dueOn < today) return { status: 'overdue', balanceCents };
  if (paidCents > 0) return { status: 'partly-paid', balanceCents };
  return { status: 'issued', balanceCents };
}

/**
 * `invoiceStanding` in SQL over an `invoices` row aliased `i`, `$1` being today: what a listing
 * filters on. Kept beside the function; test/billing/payments.spec.ts checks they agree.
 */
export const INVOICE_STATUS_SQL = `CASE
  WHEN i.cancelled OR (i.credited_cents > 0 AND i.credited_cents >= i.total_cents
    AND i.paid_cents = 0) THEN 'cancelled'
  WHEN i.total_cents - i.credited_cents - i.paid_cents <= 0 THEN 'paid'
  WHEN i.due_on < $1::date THEN 'overdue'
  WHEN i.paid_cents > 0 THEN 'partly-paid'
  ELSE 'issued' END`;

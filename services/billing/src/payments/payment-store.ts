import type { EntityManager } from 'typeorm';
import {
  BillingErrorCode,
  CommonErrorCode,
  HouseholdErrorCode,
  type Caller,
  type PaymentFormView,
  type PaymentMethod,
  type PaymentState,
  type PaymentView,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import { householdsById } from '../tariffs/family-situation';

/** A `payments` row as PostgreSQL returns it, with its invoice's number when there is one. */
export interface PaymentRow {
  id: string;
  invoice_id: string | null;
  basket_id: string | null;
  invoice_number: number | null;
  regie_id: string;
  household_id: string;
  method: PaymentMethod;
  amount_cents: number;
  state: PaymentState;
  provider: string | null;
  provider_reference: string | null;
  redirect_url: string | null;
  received_on: string | null;
  cheque_number: string | null;
  note: string | null;
  recorded_by: string;
  created_at: Date;
  settled_at: Date | null;
  payment_form: PaymentFormView | null;
}

export const PAYMENT_SELECT = `
  SELECT p.*, p.received_on::text AS received_on, i.number AS invoice_number
  FROM payments p LEFT JOIN invoices i ON i.id = p.invoice_id`;

/** The payment, locked (`FOR UPDATE OF p`) when asked. */
export async function loadPayment(
  manager: EntityManager,
  paymentId: string,
  lock = false,
): Promise<PaymentRow | undefined> {
  const [row] = await manager.query<PaymentRow[]>(
    `${PAYMENT_SELECT} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`,
    [paymentId],
  );
  return row;
}

/** At most this many payments in an account, the latest first. */
const MAX_ACCOUNT_PAYMENTS = 500;

/** A household's payments of every kind (with one régie, or all), the latest first. */
export async function paymentsOfHousehold(
  manager: EntityManager,
  householdId: string,
  regieId: string | null,
): Promise<PaymentView[]> {
  const rows = await manager.query<PaymentRow[]>(
    `${PAYMENT_SELECT} WHERE p.household_id = $1 AND ($2::uuid IS NULL OR p.regie_id = $2)
     ORDER BY p.created_at DESC, p.id DESC LIMIT ${MAX_ACCOUNT_PAYMENTS}`,
    [householdId, regieId],
  );
  return rows.map(toPaymentView);
}

export function paymentNotFound(): DomainException {
  return new DomainException(BillingErrorCode.PAYMENT_NOT_FOUND, "Ce paiement n'existe pas.");
}

export function toPaymentView(row: PaymentRow): PaymentView {
  return {
    id: row.id,
    // A basket's invoice takes the basket's id once it is paid.
    invoiceId: row.invoice_id ?? row.basket_id!,
    basketId: row.basket_id,
    invoiceNumber: row.invoice_number,
    regieId: row.regie_id,
    householdId: row.household_id,
    method: row.method,
    amountCents: row.amount_cents,
    state: row.state,
    providerReference: row.provider_reference,
    redirectUrl: row.state === 'waiting' ? row.redirect_url : null,
    receivedOn: row.received_on,
    chequeNumber: row.cheque_number,
    note: row.note,
    recordedBy: row.recorded_by,
    createdAt: new Date(row.created_at).toISOString(),
    settledAt: row.settled_at ? new Date(row.settled_at).toISOString() : null,
    paymentForm: row.state === 'waiting' ? row.payment_form : null,
    provider: row.provider,
  };
}

/** The household of a family caller in billing's copy (403 for anyone else). */
export async function householdOfFamily(manager: EntityManager, caller: Caller): Promise<string> {
  if (caller.kind !== 'family') {
    throw new DomainException(CommonErrorCode.FORBIDDEN, 'Réservé aux familles.');
  }
  const [household] = await manager.query<Array<{ id: string }>>(
    'SELECT id FROM households WHERE guardians @> $1::jsonb LIMIT 1',
    [JSON.stringify([{ accountId: caller.accountId }])],
  );
  if (!household) {
    throw new DomainException(
      HouseholdErrorCode.HOUSEHOLD_NOT_FOUND,
      "Votre foyer n'est pas encore connu de la facturation.",
    );
  }
  return household.id;
}

/** The family accounts of a household (who the e-mails go to). */
export async function accountIdsOf(manager: EntityManager, householdId: string): Promise<string[]> {
  const household = (await householdsById(manager, [householdId])).get(householdId);
  return (household?.guardians ?? []).flatMap((guardian) =>
    guardian.accountId ? [guardian.accountId] : [],
  );
}

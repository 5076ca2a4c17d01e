import type { PaymentFormView, PaymentState } from '@portail/contracts';

export { PAYMENT_STATES, type PaymentState } from '@portail/contracts';

/**
 * The one interface every payment provider follows (PayFIP, card, SEPA in issue 15; the sandbox
 * here). A payment starts `waiting`; the provider's answer moves it once to a final state
 * (`payments` table, see online-payments.ts).
 */

export const FINAL_PAYMENT_STATES: readonly PaymentState[] = [
  'paid',
  'denied',
  'cancelled',
  'expired',
  'error',
];

export interface PaymentRequest {
  /** Billing's id of the payment: the provider's operations are idempotent per id. */
  paymentId: string;
  invoiceId: string;
  amountCents: number;
  /** The debt reference the provider carries (PayFIP `refdet`). */
  reference: string;
  /** Where the provider sends its receipt, when billing knows it (its copies hold no e-mail). */
  payerEmail?: string;
  /** Where the family comes back after paying. */
  returnUrl: string;
  /** The régie's PayFIP collectivity number (`numcli`, 6 digits). */
  collectivityNumber?: string;
  /** What is paid, in words (PayFIP `objet`). */
  label?: string;
  /** The régie paid (the card provider signs with its shop's key). */
  regieId?: string;
}

export interface StartedPayment {
  /** The provider's operation id (PayFIP `idOp`, a card transaction id…). */
  providerReference: string;
  /** Where to send the family, if the provider has a payment page. */
  redirectUrl: string | null;
  /** The form to post to the provider's page, when it opens by a signed form (card). */
  form?: PaymentFormView;
}

export interface PaymentStatus {
  state: PaymentState;
  /** What the provider says was paid: checked against the invoice before anything changes. */
  amountCents: number | null;
  reference: string | null;
  /** The collectivity the provider says was paid (PayFIP `numcli`), when it says one. */
  collectivityNumber?: string | null;
}

export interface PaymentProvider {
  readonly name: string;
  start(request: PaymentRequest): Promise<StartedPayment>;
  /**
   * Never trust a notification or a return: always ask the provider. `startedAt` (when the
   * payment was recorded) lets a provider expire what stays unknown too long.
   */
  status(providerReference: string, at: Date, startedAt?: Date): Promise<PaymentStatus>;
}

/** The provider refused to open a payment (PayFIP's fault on creerPaiementSecurise): it ends `error`. */
export class PaymentRefusedError extends Error {}

/** Whether a payment may move from one state to another: waiting to any, a final one never. */
export function canMove(from: PaymentState, to: PaymentState): boolean {
  return from === 'waiting' && to !== 'waiting';
}

/**
 * Billing ("facturation"): the régies (revenue offices) of an organisation, their tariffs, the
 * monthly post-billing runs ("à terme échu") from reservation's attendance, the invoices and
 * their PDF, the family's account. The messages are declared in billing.messages.ts.
 */
export const BillingSubjects = {
  /** Administrators, or supervisors of the organisation. */
  regiesCreate: 'billing.regies.create',
  regiesUpdate: 'billing.regies.update',
  /** Agents: the régies of their organisation (all for administrators). */
  regiesList: 'billing.regies.list',
  regiesGet: 'billing.regies.get',
  tariffsCreate: 'billing.tariffs.create',
  tariffsList: 'billing.tariffs.list',
  /** Service to service (reservation: the price of a slot), never routed by the gateway. */
  quotesGet: 'billing.quotes.get',
  /** Service to service (reservation): the prices of a month of slots of one child. */
  quotesList: 'billing.quotes.list',
  /** Agents of the régie's services: a dry run or the issuance of a locked month. */
  runsStart: 'billing.runs.start',
  /** Agents of the régie's services: a run, its progress and, once done, its result. */
  runsGet: 'billing.runs.get',
  /** Families: the invoices of their household and its balance. */
  accountsGetMine: 'billing.accounts.get-mine',
  invoicesPdfMine: 'billing.invoices.pdf-mine',
  /** Agents: the invoices of a régie, with filters. */
  invoicesListForRegie: 'billing.invoices.list-for-regie',
  invoicesPdf: 'billing.invoices.pdf',
  /** Agents: a household's account with a régie. */
  accountsGet: 'billing.accounts.get',
} as const;

export enum BillingErrorCode {
  REGIE_NOT_FOUND = 'REGIE_NOT_FOUND',
  /** An agent acting on a régie none of whose services is one of its own. */
  REGIE_OUT_OF_SCOPE = 'REGIE_OUT_OF_SCOPE',
  /** A tariff of the same activity and unit already covers part of these dates. */
  TARIFF_OVERLAP = 'TARIFF_OVERLAP',
  /** No tariff of the activity and unit covers that day. */
  TARIFF_NOT_FOUND = 'TARIFF_NOT_FOUND',
  /** Billing knows no child with this id. */
  BILLING_CHILD_NOT_FOUND = 'BILLING_CHILD_NOT_FOUND',
  /** Reservation has not locked the month for every service of the régie. */
  MONTH_NOT_LOCKED = 'MONTH_NOT_LOCKED',
  /** Also the answer for another family's invoice: existence is not revealed. */
  INVOICE_NOT_FOUND = 'INVOICE_NOT_FOUND',
  /** No run with this id of this régie. */
  BILLING_RUN_NOT_FOUND = 'BILLING_RUN_NOT_FOUND',
}

/**
 * A run is `running` from its start (the request answers 202 when it is not done within
 * BILLING_RUN_WAIT_MS), then `done` with its result or `failed` with the error.
 */
export const RUN_STATUSES = ['running', 'done', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** When an invoice must be paid: N days after its issue, or on day N of the next month. */
export const DUE_DATE_RULE_KINDS = ['days-after-issue', 'day-of-next-month'] as const;
export type DueDateRuleKind = (typeof DUE_DATE_RULE_KINDS)[number];

/**
 * `issued`: nothing paid yet, not due; `overdue`: due date passed with a balance; `partly-paid`
 * and `paid` come with payments, `cancelled` with credit notes (both in a later step).
 */
export const INVOICE_STATUSES = ['issued', 'partly-paid', 'paid', 'overdue', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** What a line of a post-billed invoice bills. */
export const INVOICE_LINE_KINDS = [
  'present',
  'absent-unjustified',
  'unexpected',
  'late-cancellation',
] as const;
export type InvoiceLineKind = (typeof INVOICE_LINE_KINDS)[number];

/** The invoice is issued for the household: `accountIds` are its family accounts. */
export interface InvoiceIssued {
  invoiceId: string;
  regieId: string;
  regieName: string;
  organisationId: string;
  householdId: string;
  accountIds: string[];
  /** Continuous per régie and year. */
  year: number;
  number: number;
  debtReference: string;
  /** YYYY-MM billed. */
  month: string;
  issuedOn: string;
  dueOn: string;
  totalCents: number;
}

/** How a payment was made: online (card at booking, PayFIP, direct debit) or at the counter. */
export const PAYMENT_METHODS = ['card', 'payfip', 'direct-debit', 'cash', 'cheque'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Who a payment event concerns and which invoice: what the e-mails and the account need. */
export interface PaymentEventBase {
  paymentId: string;
  invoiceId: string;
  regieId: string;
  regieName: string;
  organisationId: string;
  householdId: string;
  accountIds: string[];
  /** The invoice's number as printed ("FACTURE n°"), null for a basket not numbered yet. */
  invoiceNumber: number | null;
  method: PaymentMethod;
  amountCents: number;
}

/** A payment was settled (provider said paid, or an agent recorded it at the counter). */
export interface PaymentReceived extends PaymentEventBase {
  paidAt: string;
  /** What is left to pay on the invoice after it (0: paid). */
  invoiceBalanceCents: number;
}

/** An online payment ended without money: refused, abandoned, expired or failed. */
export interface PaymentFailed extends PaymentEventBase {
  state: 'denied' | 'cancelled' | 'expired' | 'error';
  at: string;
}

/**
 * A pre-billed basket was not paid in time: reservation releases these bookings (not a late
 * cancellation, never billed).
 */
export interface BasketExpired {
  basketId: string;
  regieId: string;
  regieName: string;
  organisationId: string;
  householdId: string;
  accountIds: string[];
  bookingIds: string[];
  totalCents: number;
  expiredAt: string;
}

declare module './events' {
  interface EventPayloads {
    'billing.invoice.issued': InvoiceIssued;
    'billing.payment.received': PaymentReceived;
    'billing.payment.failed': PaymentFailed;
    'billing.basket.expired': BasketExpired;
  }
}

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
  /** Agents of the régie's services: a payment received at the counter (cash, cheque). */
  paymentsRecordCounter: 'billing.payments.record-counter',
  /** Families: an online payment of one of their invoices (answers the provider's page). */
  paymentsStartMine: 'billing.payments.start-mine',
  /** Families: one of their payments, its state asked of the provider while it waits. */
  paymentsGetMine: 'billing.payments.get-mine',
  /** Families, outside production only: what the family did on the sandbox provider's page. */
  paymentsSandboxSettle: 'billing.payments.sandbox-settle',
  /** Agents of the régie's services: its payments of every kind, filtered, the latest first. */
  paymentsListForRegie: 'billing.payments.list-for-regie',
  /** Public (no caller): PayFIP's notification or the family's return, by `idOp`. */
  payfipNotify: 'billing.payfip.notify',
  /** Operators (NATS only, `main.js payfip-reconcile --list`): the payments waiting on PayFIP. */
  payfipWaiting: 'billing.payfip.waiting',
  /** Operators (NATS only, `main.js payfip-reconcile`): asks PayFIP again about them. */
  payfipReconcile: 'billing.payfip.reconcile',
  /** Families: their open pre-billed baskets (and the recent ones). */
  basketsListMine: 'billing.baskets.list-mine',
  /** Families: pays a basket by card (sandbox provider). */
  basketsPayMine: 'billing.baskets.pay-mine',
  /** Agents of the régie's services: a credit note ("avoir") on an invoice, with a reason. */
  creditNotesIssue: 'billing.credit-notes.issue',
  /** Agents of the régie's services: a corrective run of a month (dry run first). */
  correctiveRunsStart: 'billing.corrective-runs.start',
  /** Agents of the régie's services: a page of a month's invoices for the treasury's CSV. */
  exportsRunRows: 'billing.exports.run-rows',
  /** A credit note as a PDF: the family's own, or one of the agent's régies. */
  creditNotesPdfMine: 'billing.credit-notes.pdf-mine',
  creditNotesPdf: 'billing.credit-notes.pdf',
  /** Families: what the current bookings of a month will cost (an estimate). */
  estimatesGetMine: 'billing.estimates.get-mine',
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
  /** Also the answer for another family's payment. */
  PAYMENT_NOT_FOUND = 'PAYMENT_NOT_FOUND',
  /** The amount is more than what is left to pay on the invoice. */
  PAYMENT_EXCEEDS_BALANCE = 'PAYMENT_EXCEEDS_BALANCE',
  /** Nothing is left to pay (paid, cancelled), or the basket is paid or expired. */
  NOTHING_TO_PAY = 'NOTHING_TO_PAY',
  /** Also the answer for another family's basket. */
  BASKET_NOT_FOUND = 'BASKET_NOT_FOUND',
  /** The sandbox provider is off (production): its page does not exist. */
  PAYMENT_SANDBOX_DISABLED = 'PAYMENT_SANDBOX_DISABLED',
  /** The payment provider refused to open the payment, or could not be reached. */
  PAYMENT_PROVIDER_FAILED = 'PAYMENT_PROVIDER_FAILED',
  /** The credit note's amount exceeds what is left creditable on the invoice. */
  CREDIT_NOTE_EXCEEDS_INVOICE = 'CREDIT_NOTE_EXCEEDS_INVOICE',
  /** Also the answer for another family's credit note: existence is not revealed. */
  CREDIT_NOTE_NOT_FOUND = 'CREDIT_NOTE_NOT_FOUND',
  /** No run with this id of this régie. */
  BILLING_RUN_NOT_FOUND = 'BILLING_RUN_NOT_FOUND',
  /** A card notification whose signature is not the régie's shop's (or of another mode): ignored. */
  CARD_NOTIFICATION_REFUSED = 'CARD_NOTIFICATION_REFUSED',
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

/** Received at the counter by an agent of the régie. */
export const COUNTER_PAYMENT_METHODS = ['cash', 'cheque'] as const;
export type CounterPaymentMethod = (typeof COUNTER_PAYMENT_METHODS)[number];

/** A payment's state, as its provider reports it (a counter payment is `paid` at once). */
export const PAYMENT_STATES = [
  'waiting',
  'paid',
  'denied',
  'cancelled',
  'expired',
  'error',
] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

/** What the family may do on the sandbox provider's page. */
export const SANDBOX_OUTCOMES = ['paid', 'denied', 'cancelled', 'error'] as const;
export type SandboxOutcome = (typeof SANDBOX_OUTCOMES)[number];

/** `open`: being filled and payable; `paid`: its invoice issued and paid; `expired`: released. */
export const BASKET_STATUSES = ['open', 'paid', 'expired'] as const;
export type BasketStatus = (typeof BASKET_STATUSES)[number];

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
  /**
   * The pre-billed basket paid, if any: its invoice, numbered once paid, takes the basket's id
   * (so `invoiceId` is the basket's id, `invoiceNumber` null until then).
   */
  basketId?: string | null;
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

/**
 * Why a credit note was issued: by an agent (`manual`, with the agent's reason) or by a
 * corrective run that replaced the invoice (`corrective`).
 */
export const CREDIT_NOTE_KINDS = ['manual', 'corrective'] as const;
export type CreditNoteKind = (typeof CREDIT_NOTE_KINDS)[number];

/** A credit note ("avoir") on an invoice: numbered per régie and year in its own series. */
export interface CreditNoteIssued {
  creditNoteId: string;
  invoiceId: string;
  invoiceNumber: number;
  regieId: string;
  regieName: string;
  organisationId: string;
  householdId: string;
  accountIds: string[];
  year: number;
  number: number;
  kind: CreditNoteKind;
  reason: string;
  amountCents: number;
  issuedOn: string;
  /** What is left to pay on the invoice after it (0: nothing). */
  invoiceBalanceCents: number;
  /** The invoice that replaces the credited one (corrective run), if any. */
  replacementInvoiceId: string | null;
}

/** An invoice still unpaid `daysOverdue` days after its due date: one reminder per step. */
export interface InvoiceOverdue {
  invoiceId: string;
  regieId: string;
  regieName: string;
  organisationId: string;
  householdId: string;
  accountIds: string[];
  number: number;
  debtReference: string;
  month: string;
  dueOn: string;
  /** The reminder step (days after the due date) that this reminder is for. */
  daysOverdue: number;
  balanceCents: number;
}

declare module './events' {
  interface EventPayloads {
    'billing.invoice.issued': InvoiceIssued;
    'billing.credit-note.issued': CreditNoteIssued;
    'billing.invoice.overdue': InvoiceOverdue;
    'billing.payment.received': PaymentReceived;
    'billing.payment.failed': PaymentFailed;
    'billing.basket.expired': BasketExpired;
  }
}

import { Module } from '@nestjs/common';
import { BillingController } from './billing.controller';
import { BasketBook } from './baskets/basket-book';
import { BasketExpiry } from './baskets/basket-expiry.job';
import { BasketInvoicer } from './baskets/basket-invoicer';
import { BasketPayments } from './baskets/basket-payments.use-case';
import { HouseholdCopies } from './copies/household-copies';
import { CreditNoteStore } from './credit-notes/credit-note-store';
import { CreditNotesController } from './credit-notes/credit-notes.controller';
import { IssueCreditNote } from './credit-notes/issue-credit-note.use-case';
import { ReadCreditNotes } from './credit-notes/read-credit-notes.use-case';
import { EstimateMonth } from './estimates/estimate-month.use-case';
import { EstimatesController } from './estimates/estimates.controller';
import { ExportRun } from './exports/export-run.use-case';
import { ExportsController } from './exports/exports.controller';
import { ReservationCopies } from './copies/reservation-copies';
import { InvoiceIssuer } from './invoices/invoice-issuer';
import { ReadInvoices } from './invoices/read-invoices.use-case';
import { PayerContacts } from './payments/payer-contacts';
import { ReadPayments } from './payments/read-payments.use-case';
import { OnlinePayments, paymentProvider } from './payments/online-payments';
import { PaymentLedger } from './payments/payment-ledger';
import { PaymentsController } from './payments/payments.controller';
import { PayfipCallbacks } from './payments/payfip/payfip-callbacks';
import { PayfipController } from './payments/payfip/payfip.controller';
import { PayfipReconcileJob } from './payments/payfip/payfip-reconcile.job';
import { ManageRegies } from './regies/manage-regies.use-case';
import { OverdueRemindersJob } from './reminders/overdue-reminders.job';
import { SendOverdueReminders } from './reminders/send-overdue-reminders.use-case';
import { RegieStore } from './regies/regie-store';
import { CorrectiveRun } from './runs/corrective-run.use-case';
import { RunsResumeJob } from './runs/runs-resume.job';
import { StartRun } from './runs/start-run.use-case';
import { GetQuote } from './tariffs/get-quote.use-case';
import { ManageTariffs } from './tariffs/manage-tariffs.use-case';
import { CardController } from './payments/card/card.controller';
import { CardExpiryJob } from './payments/card/card-expiry.job';
import { CardNotifications } from './payments/card/card-notifications';
import { cardShops } from './payments/card/card-settings';
import { DebitFiles } from './sepa/debit-files.use-case';
import { DebitReturns } from './sepa/debit-returns.use-case';
import { DebitSettlementJob } from './sepa/debit-settlement.job';
import { ManageMandates } from './sepa/manage-mandates.use-case';
import { SepaController } from './sepa/sepa.controller';
import { SepaSettings } from './sepa/sepa-settings';

/**
 * Régies, tariffs, copies of identity's and reservation's facts, runs, invoices, payments and
 * pre-billed baskets, credit notes and corrective runs, the treasury's export, estimates, overdue
 * reminders.
 */
@Module({
  controllers: [
    BillingController,
    PaymentsController,
    PayfipController,
    CreditNotesController,
    ExportsController,
    EstimatesController,
    CardController,
    SepaController,
  ],
  providers: [
    RegieStore,
    ManageRegies,
    ManageTariffs,
    GetQuote,
    HouseholdCopies,
    ReservationCopies,
    InvoiceIssuer,
    StartRun,
    RunsResumeJob,
    ReadInvoices,
    paymentProvider,
    PaymentLedger,
    OnlinePayments,
    ReadPayments,
    PayerContacts,
    PayfipCallbacks,
    PayfipReconcileJob,
    BasketBook,
    BasketInvoicer,
    BasketPayments,
    BasketExpiry,
    CreditNoteStore,
    IssueCreditNote,
    ReadCreditNotes,
    CorrectiveRun,
    ExportRun,
    EstimateMonth,
    SendOverdueReminders,
    OverdueRemindersJob,
    cardShops,
    CardNotifications,
    CardExpiryJob,
    SepaSettings,
    ManageMandates,
    DebitFiles,
    DebitReturns,
    DebitSettlementJob,
  ],
})
export class BillingModule {}

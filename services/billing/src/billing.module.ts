import { Module } from '@nestjs/common';
import { BillingController } from './billing.controller';
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
import { ManageRegies } from './regies/manage-regies.use-case';
import { OverdueRemindersJob } from './reminders/overdue-reminders.job';
import { SendOverdueReminders } from './reminders/send-overdue-reminders.use-case';
import { RegieStore } from './regies/regie-store';
import { CorrectiveRun } from './runs/corrective-run.use-case';
import { StartRun } from './runs/start-run.use-case';
import { GetQuote } from './tariffs/get-quote.use-case';
import { ManageTariffs } from './tariffs/manage-tariffs.use-case';

/**
 * Régies, tariffs, copies of identity's and reservation's facts, runs, invoices, credit notes
 * and corrective runs, the treasury's export, estimates, overdue reminders.
 */
@Module({
  controllers: [BillingController, CreditNotesController, ExportsController, EstimatesController],
  providers: [
    RegieStore,
    ManageRegies,
    ManageTariffs,
    GetQuote,
    HouseholdCopies,
    ReservationCopies,
    InvoiceIssuer,
    StartRun,
    ReadInvoices,
    CreditNoteStore,
    IssueCreditNote,
    ReadCreditNotes,
    CorrectiveRun,
    ExportRun,
    EstimateMonth,
    SendOverdueReminders,
    OverdueRemindersJob,
  ],
})
export class BillingModule {}

import { Module } from '@nestjs/common';
import { BillingController } from './billing.controller';
import { HouseholdCopies } from './copies/household-copies';
import { ReservationCopies } from './copies/reservation-copies';
import { InvoiceIssuer } from './invoices/invoice-issuer';
import { ReadInvoices } from './invoices/read-invoices.use-case';
import { ManageRegies } from './regies/manage-regies.use-case';
import { RegieStore } from './regies/regie-store';
import { RunsResumeJob } from './runs/runs-resume.job';
import { StartRun } from './runs/start-run.use-case';
import { GetQuote } from './tariffs/get-quote.use-case';
import { ManageTariffs } from './tariffs/manage-tariffs.use-case';

/** Régies, tariffs, copies of identity's and reservation's facts, runs, invoices. */
@Module({
  controllers: [BillingController],
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
  ],
})
export class BillingModule {}

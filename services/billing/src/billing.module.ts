import { Module } from '@nestjs/common';
import { BillingController } from './billing.controller';
import { BasketBook } from './baskets/basket-book';
import { BasketExpiry } from './baskets/basket-expiry.job';
import { BasketInvoicer } from './baskets/basket-invoicer';
import { BasketPayments } from './baskets/basket-payments.use-case';
import { HouseholdCopies } from './copies/household-copies';
import { ReservationCopies } from './copies/reservation-copies';
import { InvoiceIssuer } from './invoices/invoice-issuer';
import { ReadInvoices } from './invoices/read-invoices.use-case';
import { OnlinePayments, paymentProvider } from './payments/online-payments';
import { PaymentLedger } from './payments/payment-ledger';
import { PaymentsController } from './payments/payments.controller';
import { ManageRegies } from './regies/manage-regies.use-case';
import { RegieStore } from './regies/regie-store';
import { StartRun } from './runs/start-run.use-case';
import { GetQuote } from './tariffs/get-quote.use-case';
import { ManageTariffs } from './tariffs/manage-tariffs.use-case';

/**
 * Régies, tariffs, copies of identity's and reservation's facts, runs, invoices, payments and
 * pre-billed baskets.
 */
@Module({
  controllers: [BillingController, PaymentsController],
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
    paymentProvider,
    PaymentLedger,
    OnlinePayments,
    BasketBook,
    BasketInvoicer,
    BasketPayments,
    BasketExpiry,
  ],
})
export class BillingModule {}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  BillingSubjects,
  CreateRegieCommand,
  CreateTariffCommand,
  HouseholdAccountQuery,
  InvoiceRef,
  ListRegiesQuery,
  QuoteQuery,
  QuotesQuery,
  RegieInvoicesQuery,
  RegieRef,
  RunRef,
  StartRunCommand,
  UpdateRegieCommand,
  type AccountView,
  type Caller,
  type InvoicePage,
  type InvoicePdfView,
  type QuotesView,
  type QuoteView,
  type RegieView,
  type RunView,
  type TariffView,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest, OptionalCaller } from '@portail/service-kit';
import { ReadInvoices } from './invoices/read-invoices.use-case';
import { ManageRegies } from './regies/manage-regies.use-case';
import { StartRun } from './runs/start-run.use-case';
import { GetQuote } from './tariffs/get-quote.use-case';
import { ManageTariffs } from './tariffs/manage-tariffs.use-case';

/** Billing's requests, each handed to its use case. */
@Controller()
export class BillingController {
  constructor(
    private readonly regies: ManageRegies,
    private readonly tariffs: ManageTariffs,
    private readonly quotes: GetQuote,
    private readonly runs: StartRun,
    private readonly invoices: ReadInvoices,
  ) {}

  @HandlesRequest(BillingSubjects.regiesCreate)
  createRegie(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateRegieCommand,
  ): Promise<RegieView> {
    return this.regies.create(caller, command);
  }

  @HandlesRequest(BillingSubjects.regiesUpdate)
  updateRegie(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateRegieCommand,
  ): Promise<RegieView> {
    return this.regies.update(caller, command);
  }

  @HandlesRequest(BillingSubjects.regiesList)
  listRegies(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListRegiesQuery,
  ): Promise<RegieView[]> {
    return this.regies.list(caller, query);
  }

  @HandlesRequest(BillingSubjects.regiesGet)
  getRegie(@CurrentCaller() caller: Caller, @Payload() query: RegieRef): Promise<RegieView> {
    return this.regies.get(caller, query.regieId);
  }

  @HandlesRequest(BillingSubjects.tariffsCreate)
  createTariff(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateTariffCommand,
  ): Promise<TariffView> {
    return this.tariffs.create(caller, command);
  }

  @HandlesRequest(BillingSubjects.tariffsList)
  listTariffs(@CurrentCaller() caller: Caller, @Payload() query: RegieRef): Promise<TariffView[]> {
    return this.tariffs.list(caller, query.regieId);
  }

  /** Service to service: the caller is optional (a family's is checked when forwarded). */
  @HandlesRequest(BillingSubjects.quotesGet)
  quote(
    @OptionalCaller() caller: Caller | undefined,
    @Payload() query: QuoteQuery,
  ): Promise<QuoteView> {
    return this.quotes.execute(caller, query);
  }

  /** Service to service (reservation's month of slots). */
  @HandlesRequest(BillingSubjects.quotesList)
  quotesList(
    @OptionalCaller() caller: Caller | undefined,
    @Payload() query: QuotesQuery,
  ): Promise<QuotesView> {
    return this.quotes.many(caller, query);
  }

  @HandlesRequest(BillingSubjects.runsStart)
  startRun(@CurrentCaller() caller: Caller, @Payload() command: StartRunCommand): Promise<RunView> {
    return this.runs.execute(caller, command);
  }

  @HandlesRequest(BillingSubjects.runsGet)
  getRun(@CurrentCaller() caller: Caller, @Payload() query: RunRef): Promise<RunView> {
    return this.runs.get(caller, query);
  }

  @HandlesRequest(BillingSubjects.accountsGetMine)
  myAccount(@CurrentCaller() caller: Caller): Promise<AccountView> {
    return this.invoices.myAccount(caller);
  }

  @HandlesRequest(BillingSubjects.invoicesPdfMine)
  myPdf(@CurrentCaller() caller: Caller, @Payload() query: InvoiceRef): Promise<InvoicePdfView> {
    return this.invoices.myPdf(caller, query.invoiceId);
  }

  @HandlesRequest(BillingSubjects.invoicesListForRegie)
  listInvoices(
    @CurrentCaller() caller: Caller,
    @Payload() query: RegieInvoicesQuery,
  ): Promise<InvoicePage> {
    return this.invoices.listForRegie(caller, query);
  }

  @HandlesRequest(BillingSubjects.invoicesPdf)
  agentPdf(@CurrentCaller() caller: Caller, @Payload() query: InvoiceRef): Promise<InvoicePdfView> {
    return this.invoices.agentPdf(caller, query.invoiceId);
  }

  @HandlesRequest(BillingSubjects.accountsGet)
  householdAccount(
    @CurrentCaller() caller: Caller,
    @Payload() query: HouseholdAccountQuery,
  ): Promise<AccountView> {
    return this.invoices.householdAccount(caller, query);
  }
}

import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  AccountView,
  BillingErrorCode,
  BillingSubjects,
  CommonErrorCode,
  CreateRegieCommand,
  CreateTariffBody,
  HouseholdAccountQuery,
  HouseholdErrorCode,
  InvoicePage,
  InvoiceRef,
  ListRegiesQuery,
  PaymentPage,
  RegieInvoicesParams,
  RegiePaymentsParams,
  RegieRef,
  RegieView,
  RunRef,
  RunView,
  StartRunBody,
  TariffView,
  UpdateRegieBody,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ServiceClient } from '../nats/service-client';
import { ON_REGIE } from './regie-problems';
import { fileDownload } from '../files/pdf-download';
import { INVOICE_PDF } from './invoice-file';

/**
 * Régies and their tariffs (administrators and the organisation's supervisors), post-billing
 * runs, invoices and households' accounts (the régie's agents).
 */
@ApiTags('billing')
@Allow('agent', 'admin')
@Controller('agent/regies')
export class RegiesController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'The régies of your organisation that serve your services' })
  @ApiResponse({ status: 200, type: [RegieView] })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  list(@CurrentCaller() caller: Caller, @Query() query: ListRegiesQuery): Promise<RegieView[]> {
    return this.services.request(BillingSubjects.regiesList, query, { caller });
  }

  @Post()
  @ApiOperation({
    summary: 'Create a régie: services, treasury address, PayFIP number, due dates, SEPA creditor',
  })
  @ApiResponse({ status: 201, type: RegieView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    BillingErrorCode.REGIE_OUT_OF_SCOPE,
  )
  create(@CurrentCaller() caller: Caller, @Body() body: CreateRegieCommand): Promise<RegieView> {
    return this.services.request(BillingSubjects.regiesCreate, body, { caller });
  }

  @Get(':regieId')
  @ApiOperation({ summary: 'One régie' })
  @ApiResponse({ status: 200, type: RegieView })
  @ApiProblems(...ON_REGIE)
  get(@CurrentCaller() caller: Caller, @Param() params: RegieRef): Promise<RegieView> {
    return this.services.request(BillingSubjects.regiesGet, params, { caller });
  }

  @Put(':regieId')
  @ApiOperation({ summary: 'Replace the settings of a régie (its organisation stays)' })
  @ApiResponse({ status: 200, type: RegieView })
  @ApiProblems(...ON_REGIE)
  update(
    @CurrentCaller() caller: Caller,
    @Param() params: RegieRef,
    @Body() body: UpdateRegieBody,
  ): Promise<RegieView> {
    return this.services.request(
      BillingSubjects.regiesUpdate,
      { ...body, regieId: params.regieId },
      { caller },
    );
  }

  @Get(':regieId/tariffs')
  @ApiOperation({ summary: 'The tariffs of a régie' })
  @ApiResponse({ status: 200, type: [TariffView] })
  @ApiProblems(...ON_REGIE)
  tariffs(@CurrentCaller() caller: Caller, @Param() params: RegieRef): Promise<TariffView[]> {
    return this.services.request(BillingSubjects.tariffsList, params, { caller });
  }

  @Post(':regieId/tariffs')
  @ApiOperation({
    summary:
      'Add a tariff of an activity unit for a period: quotient brackets, residency, siblings, rates',
    description: '400 VALIDATION_FAILED also covers brackets that do not rise or do not end open.',
  })
  @ApiResponse({ status: 201, type: TariffView })
  @ApiProblems(...ON_REGIE, BillingErrorCode.TARIFF_OVERLAP)
  addTariff(
    @CurrentCaller() caller: Caller,
    @Param() params: RegieRef,
    @Body() body: CreateTariffBody,
  ): Promise<TariffView> {
    return this.services.request(
      BillingSubjects.tariffsCreate,
      { ...body, regieId: params.regieId },
      { caller },
    );
  }

  @Post(':regieId/runs')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Post-billing of a locked month: a dry run, or the issuance (never twice per household)',
    description:
      'Answers 200 with the result when the run is done within BILLING_RUN_WAIT_MS (2 s), ' +
      'otherwise 202 with the run still `running`: follow it at GET …/runs/{runId}.',
  })
  @ApiResponse({ status: 200, type: RunView, description: 'The run, done' })
  @ApiResponse({ status: 202, type: RunView, description: 'The run, still running' })
  @ApiProblems(...ON_REGIE, BillingErrorCode.MONTH_NOT_LOCKED, BillingErrorCode.TARIFF_NOT_FOUND)
  async run(
    @CurrentCaller() caller: Caller,
    @Param() params: RegieRef,
    @Body() body: StartRunBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RunView> {
    const run = await this.services.request(
      BillingSubjects.runsStart,
      { ...body, regieId: params.regieId },
      { caller },
    );
    if (run.status === 'running') {
      void reply.status(HttpStatus.ACCEPTED);
      void reply.header('location', `/api/v1/agent/regies/${params.regieId}/runs/${run.id}`);
    }
    return run;
  }

  @Get(':regieId/runs/:runId')
  @ApiOperation({
    summary: 'A run: its progress while running, then its result (done) or its error (failed)',
  })
  @ApiResponse({ status: 200, type: RunView })
  @ApiProblems(...ON_REGIE, BillingErrorCode.BILLING_RUN_NOT_FOUND)
  getRun(@CurrentCaller() caller: Caller, @Param() params: RunRef): Promise<RunView> {
    return this.services.request(BillingSubjects.runsGet, params, { caller });
  }

  @Get(':regieId/invoices')
  @ApiOperation({ summary: 'The invoices of a régie, by month, status or household' })
  @ApiResponse({ status: 200, type: InvoicePage })
  @ApiProblems(...ON_REGIE)
  invoices(
    @CurrentCaller() caller: Caller,
    @Param() params: RegieRef,
    @Query() query: RegieInvoicesParams,
  ): Promise<InvoicePage> {
    return this.services.request(
      BillingSubjects.invoicesListForRegie,
      { ...query, regieId: params.regieId },
      { caller },
    );
  }

  @Get(':regieId/payments')
  @ApiOperation({
    summary: 'The payments of a régie (counter, PayFIP, card, direct debit), the latest first',
    description:
      'Each with its provider, state and reference; `from`/`to` select the Paris day it was received or settled; `paidCents` sums the paid ones of every page.',
  })
  @ApiResponse({ status: 200, type: PaymentPage })
  @ApiProblems(...ON_REGIE)
  payments(
    @CurrentCaller() caller: Caller,
    @Param() params: RegieRef,
    @Query() query: RegiePaymentsParams,
  ): Promise<PaymentPage> {
    return this.services.request(
      BillingSubjects.paymentsListForRegie,
      { ...query, regieId: params.regieId },
      { caller },
    );
  }

  @Get(':regieId/households/:householdId/account')
  @ApiOperation({ summary: "A household's account with the régie: its invoices and balance" })
  @ApiResponse({ status: 200, type: AccountView })
  @ApiProblems(...ON_REGIE)
  account(
    @CurrentCaller() caller: Caller,
    @Param() params: HouseholdAccountQuery,
  ): Promise<AccountView> {
    return this.services.request(BillingSubjects.accountsGet, params, { caller });
  }
}

/** An invoice of one of the agent's régies, as the family received it. */
@ApiTags('billing')
@Allow('agent', 'admin')
@Controller('agent/invoices')
export class AgentInvoicesController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':invoiceId/pdf')
  @ApiOperation({ summary: 'Download an invoice of one of your régies (PDF)' })
  @ApiResponse(INVOICE_PDF)
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    BillingErrorCode.INVOICE_NOT_FOUND,
  )
  async pdf(
    @CurrentCaller() caller: Caller,
    @Param() params: InvoiceRef,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return fileDownload(
      reply,
      await this.services.request(BillingSubjects.invoicesPdf, params, { caller }),
    );
  }
}

/** The family's invoices and balance, every régie together. */
@ApiTags('billing')
@Allow('family')
@Controller('me/invoices')
export class MyInvoicesController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: 'Your invoices (issued, partly paid, paid, overdue, cancelled) and your balance',
  })
  @ApiResponse({ status: 200, type: AccountView })
  @ApiProblems(CommonErrorCode.FORBIDDEN, HouseholdErrorCode.HOUSEHOLD_NOT_FOUND)
  account(@CurrentCaller() caller: Caller): Promise<AccountView> {
    return this.services.request(BillingSubjects.accountsGetMine, {}, { caller });
  }

  @Get(':invoiceId/pdf')
  @ApiOperation({ summary: 'Download one of your invoices (PDF)' })
  @ApiResponse(INVOICE_PDF)
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, BillingErrorCode.INVOICE_NOT_FOUND)
  async pdf(
    @CurrentCaller() caller: Caller,
    @Param() params: InvoiceRef,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return fileDownload(
      reply,
      await this.services.request(BillingSubjects.invoicesPdfMine, params, { caller }),
    );
  }
}

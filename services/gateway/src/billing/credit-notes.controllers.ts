import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Res,
  StreamableFile,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  BillingErrorCode,
  BillingSubjects,
  CommonErrorCode,
  CorrectiveRunView,
  CreditNoteRef,
  CreditNoteView,
  InvoiceRef,
  IssueCreditNoteBody,
  RegieRef,
  StartRunBody,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ServiceClient } from '../nats/service-client';
import { fileDownload, pdfDownloadResponse } from '../files/pdf-download';

const CREDIT_NOTE_PDF = pdfDownloadResponse(
  'The PDF, as an attachment named avoir-<year>-<number>.pdf',
);

/** Credit notes ("avoirs") on an invoice of one of the agent's régies. */
@ApiTags('billing')
@Allow('agent', 'admin')
@Controller('agent/invoices')
export class CreditNotesController {
  constructor(private readonly services: ServiceClient) {}

  @Post(':invoiceId/credit-notes')
  @ApiOperation({
    summary: 'Credit an invoice in full or in part, with a reason (the invoice never changes)',
    description:
      'Numbered per régie and year in its own series. Fully credited and unpaid, the invoice is cancelled.',
  })
  @ApiResponse({ status: 201, type: CreditNoteView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    BillingErrorCode.INVOICE_NOT_FOUND,
    BillingErrorCode.CREDIT_NOTE_EXCEEDS_INVOICE,
  )
  issue(
    @CurrentCaller() caller: Caller,
    @Param() params: InvoiceRef,
    @Body() body: IssueCreditNoteBody,
  ): Promise<CreditNoteView> {
    return this.services.request(
      BillingSubjects.creditNotesIssue,
      { ...body, invoiceId: params.invoiceId },
      { caller },
    );
  }
}

/** Corrective runs of a month already billed, by the régie's agents. */
@ApiTags('billing')
@Allow('agent', 'admin')
@Controller('agent/regies')
export class CorrectiveRunsController {
  constructor(private readonly services: ServiceClient) {}

  @Post(':regieId/corrective-runs')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Correct a billed month: per household billed differently now, a credit note and a new invoice',
    description:
      'The month is computed again from attendance and bookings as billing knows them (corrections ' +
      'after the lock included). dryRun first; running it again issues nothing twice.',
  })
  @ApiResponse({ status: 200, type: CorrectiveRunView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    BillingErrorCode.REGIE_NOT_FOUND,
    BillingErrorCode.REGIE_OUT_OF_SCOPE,
    BillingErrorCode.MONTH_NOT_LOCKED,
    BillingErrorCode.TARIFF_NOT_FOUND,
  )
  run(
    @CurrentCaller() caller: Caller,
    @Param() params: RegieRef,
    @Body() body: StartRunBody,
  ): Promise<CorrectiveRunView> {
    return this.services.request(
      BillingSubjects.correctiveRunsStart,
      { ...body, regieId: params.regieId },
      { caller },
    );
  }
}

/** A credit note of one of the agent's régies, as the family received it. */
@ApiTags('billing')
@Allow('agent', 'admin')
@Controller('agent/credit-notes')
export class AgentCreditNotesController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':creditNoteId/pdf')
  @ApiOperation({ summary: 'Download a credit note of one of your régies (PDF)' })
  @ApiResponse(CREDIT_NOTE_PDF)
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    BillingErrorCode.CREDIT_NOTE_NOT_FOUND,
  )
  async pdf(
    @CurrentCaller() caller: Caller,
    @Param() params: CreditNoteRef,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return fileDownload(
      reply,
      await this.services.request(BillingSubjects.creditNotesPdf, params, { caller }),
    );
  }
}

/** The family's credit notes (listed in its account, GET /me/invoices). */
@ApiTags('billing')
@Allow('family')
@Controller('me/credit-notes')
export class MyCreditNotesController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':creditNoteId/pdf')
  @ApiOperation({ summary: 'Download one of your credit notes (PDF)' })
  @ApiResponse(CREDIT_NOTE_PDF)
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, BillingErrorCode.CREDIT_NOTE_NOT_FOUND)
  async pdf(
    @CurrentCaller() caller: Caller,
    @Param() params: CreditNoteRef,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return fileDownload(
      reply,
      await this.services.request(BillingSubjects.creditNotesPdfMine, params, { caller }),
    );
  }
}

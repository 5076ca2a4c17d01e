import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  AmendMandateBody,
  BillingErrorCode,
  CommonErrorCode,
  CreateMandateBody,
  CreateMyMandateCommand,
  DebitFileBody,
  DebitFileRef,
  DebitLinesPaging,
  DebitFileView,
  HouseholdErrorCode,
  MandateRef,
  MandatePage,
  MandateView,
  RegieMandateRef,
  RegieMandatesParams,
  RegieRef,
  ReturnsImportBody,
  ReturnsImportView,
  RevokeMandateBody,
  SepaErrorCode,
  SepaSubjects,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { fileDownload } from '../files/pdf-download';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ServiceClient } from '../nats/service-client';
import { ON_REGIE } from './regie-problems';

const ON_MY_MANDATE = [
  CommonErrorCode.VALIDATION_FAILED,
  CommonErrorCode.FORBIDDEN,
  HouseholdErrorCode.HOUSEHOLD_NOT_FOUND,
  SepaErrorCode.SEPA_MANDATE_NOT_FOUND,
  SepaErrorCode.SEPA_MANDATE_NOT_ACTIVE,
] as const;

/**
 * How long the agent waits for a month's debit file: a town's month is thousands of debits
 * (10,000 take ≈ 5.5 s on 2 CPUs, `npm run bench -- billing`), past SERVICE_TIMEOUT_MS; made once
 * per régie and month, so asking again is harmless.
 */
const DEBIT_FILE_TIMEOUT_MS = 60_000;
/** The family's SEPA mandates: signed online (its consent given here), amended, revoked. */
@ApiTags('billing')
@Allow('family')
@Controller('me/direct-debit-mandates')
export class MyMandatesController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: "Your household's direct debit mandates (IBANs masked)" })
  @ApiResponse({ status: 200, type: [MandateView] })
  @ApiProblems(CommonErrorCode.FORBIDDEN, HouseholdErrorCode.HOUSEHOLD_NOT_FOUND)
  list(@CurrentCaller() caller: Caller): Promise<MandateView[]> {
    return this.services.request(SepaSubjects.mandatesListMine, {}, { caller });
  }

  @Post()
  @ApiOperation({
    summary: 'Sign a direct debit mandate for a régie: your consent is recorded with your account',
    description:
      'The RUM is given by the régie. One active mandate per régie (409 SEPA_MANDATE_EXISTS: amend it).',
  })
  @ApiResponse({ status: 201, type: MandateView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    HouseholdErrorCode.HOUSEHOLD_NOT_FOUND,
    BillingErrorCode.REGIE_NOT_FOUND,
    SepaErrorCode.SEPA_NOT_CONFIGURED,
    SepaErrorCode.SEPA_MANDATE_EXISTS,
  )
  create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateMyMandateCommand,
  ): Promise<MandateView> {
    return this.services.request(SepaSubjects.mandatesCreateMine, body, { caller });
  }

  @Post(':mandateId/amendments')
  @ApiOperation({
    summary: 'Give a new account on your mandate (same RUM): the next debit carries the amendment',
  })
  @ApiResponse({ status: 201, type: MandateView })
  @ApiProblems(...ON_MY_MANDATE)
  amend(
    @CurrentCaller() caller: Caller,
    @Param() params: MandateRef,
    @Body() body: AmendMandateBody,
  ): Promise<MandateView> {
    return this.services.request(
      SepaSubjects.mandatesAmendMine,
      { ...body, mandateId: params.mandateId },
      { caller },
    );
  }

  @Post(':mandateId/revocation')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Revoke your mandate: no more debits on it' })
  @ApiResponse({ status: 200, type: MandateView })
  @ApiProblems(...ON_MY_MANDATE)
  revoke(
    @CurrentCaller() caller: Caller,
    @Param() params: MandateRef,
    @Body() body: RevokeMandateBody,
  ): Promise<MandateView> {
    return this.services.request(
      SepaSubjects.mandatesRevokeMine,
      { ...body, mandateId: params.mandateId },
      { caller },
    );
  }
}

/** The régie's agents: mandates (paper ones entered here), monthly debit files, returns. */
@ApiTags('billing')
@Allow('agent', 'admin')
@Controller('agent/regies')
export class RegieDirectDebitsController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':regieId/direct-debit-mandates')
  @ApiOperation({
    summary: "The régie's direct debit mandates (IBANs masked), the latest first, a page at a time",
  })
  @ApiResponse({ status: 200, type: MandatePage })
  @ApiProblems(...ON_REGIE)
  mandates(
    @CurrentCaller() caller: Caller,
    @Param() params: RegieRef,
    @Query() query: RegieMandatesParams,
  ): Promise<MandatePage> {
    return this.services.request(
      SepaSubjects.mandatesListForRegie,
      { ...query, ...params },
      { caller },
    );
  }

  @Post(':regieId/direct-debit-mandates')
  @ApiOperation({ summary: 'Enter a paper mandate signed by a household' })
  @ApiResponse({ status: 201, type: MandateView })
  @ApiProblems(
    ...ON_REGIE,
    HouseholdErrorCode.HOUSEHOLD_NOT_FOUND,
    SepaErrorCode.SEPA_NOT_CONFIGURED,
    SepaErrorCode.SEPA_MANDATE_EXISTS,
  )
  createMandate(
    @CurrentCaller() caller: Caller,
    @Param() params: RegieRef,
    @Body() body: CreateMandateBody,
  ): Promise<MandateView> {
    return this.services.request(
      SepaSubjects.mandatesCreate,
      { ...body, regieId: params.regieId },
      { caller },
    );
  }

  @Post(':regieId/direct-debit-mandates/:mandateId/amendments')
  @ApiOperation({ summary: "Record a household's new account on its mandate (same RUM)" })
  @ApiResponse({ status: 201, type: MandateView })
  @ApiProblems(
    ...ON_REGIE,
    SepaErrorCode.SEPA_MANDATE_NOT_FOUND,
    SepaErrorCode.SEPA_MANDATE_NOT_ACTIVE,
  )
  amendMandate(
    @CurrentCaller() caller: Caller,
    @Param() params: RegieMandateRef,
    @Body() body: AmendMandateBody,
  ): Promise<MandateView> {
    return this.services.request(SepaSubjects.mandatesAmend, { ...body, ...params }, { caller });
  }

  @Post(':regieId/direct-debit-mandates/:mandateId/revocation')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Revoke a mandate (the debtor asked, by letter or at the counter)' })
  @ApiResponse({ status: 200, type: MandateView })
  @ApiProblems(
    ...ON_REGIE,
    SepaErrorCode.SEPA_MANDATE_NOT_FOUND,
    SepaErrorCode.SEPA_MANDATE_NOT_ACTIVE,
  )
  revokeMandate(
    @CurrentCaller() caller: Caller,
    @Param() params: RegieMandateRef,
    @Body() body: RevokeMandateBody,
  ): Promise<MandateView> {
    return this.services.request(SepaSubjects.mandatesRevoke, { ...body, ...params }, { caller });
  }

  @Post(':regieId/direct-debits')
  @ApiOperation({
    summary: "Make the month's direct debit file (pain.008.001.02), once per régie and month",
    description:
      'The issued invoices of the month still to pay whose household has an active mandate, each debited for what is left to pay; each family gets the pre-notification by e-mail. Asking again answers the same file. 409 NOTHING_TO_PAY when no invoice is to debit.',
  })
  @ApiResponse({ status: 201, type: DebitFileView })
  @ApiProblems(
    ...ON_REGIE,
    SepaErrorCode.SEPA_NOT_CONFIGURED,
    SepaErrorCode.SEPA_COLLECTION_DATE_INVALID,
    BillingErrorCode.NOTHING_TO_PAY,
  )
  createFile(
    @CurrentCaller() caller: Caller,
    @Param() params: RegieRef,
    @Body() body: DebitFileBody,
  ): Promise<DebitFileView> {
    return this.services.request(
      SepaSubjects.debitFilesCreate,
      { ...body, regieId: params.regieId },
      { caller, timeoutMs: DEBIT_FILE_TIMEOUT_MS },
    );
  }

  @Get(':regieId/direct-debits')
  @ApiOperation({ summary: "The régie's debit files, the latest first" })
  @ApiResponse({ status: 200, type: [DebitFileView] })
  @ApiProblems(...ON_REGIE)
  files(@CurrentCaller() caller: Caller, @Param() params: RegieRef): Promise<DebitFileView[]> {
    return this.services.request(SepaSubjects.debitFilesList, params, { caller });
  }

  @Get(':regieId/direct-debits/:fileId')
  @ApiOperation({
    summary:
      'One debit file with a page of its lines (invoice, household, amount, RUM, masked IBAN, state)',
  })
  @ApiResponse({ status: 200, type: DebitFileView })
  @ApiProblems(...ON_REGIE, SepaErrorCode.SEPA_DEBIT_FILE_NOT_FOUND)
  file(
    @CurrentCaller() caller: Caller,
    @Param() params: DebitFileRef,
    @Query() query: DebitLinesPaging,
  ): Promise<DebitFileView> {
    return this.services.request(SepaSubjects.debitFilesGet, { ...query, ...params }, { caller });
  }

  @Get(':regieId/direct-debits/:fileId/pain008.xml')
  @ApiProduces('application/xml')
  @ApiOperation({ summary: 'Download the pain.008.001.02 document to send to the bank' })
  @ApiResponse({
    status: 200,
    description: 'The XML, as an attachment',
    content: { 'application/xml': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(...ON_REGIE, SepaErrorCode.SEPA_DEBIT_FILE_NOT_FOUND)
  async xml(
    @CurrentCaller() caller: Caller,
    @Param() params: DebitFileRef,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    // The document comes in parts (SEPA_XML_PART_BYTES): asked one after the other, joined here.
    const first = await this.services.request(SepaSubjects.debitFilesXml, params, { caller });
    const chunks = [Buffer.from(first.contentBase64, 'base64')];
    for (let part = 1; part < first.parts; part += 1) {
      const next = await this.services.request(
        SepaSubjects.debitFilesXml,
        { ...params, part },
        { caller },
      );
      chunks.push(Buffer.from(next.contentBase64, 'base64'));
    }
    return fileDownload(reply, {
      ...first,
      contentBase64: Buffer.concat(chunks).toString('base64'),
    });
  }

  @Post(':regieId/direct-debit-returns')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Import the bank's returned and rejected debits (CSV): the invoices are to pay again",
    description:
      'Every line must name a debit of the régie with its amount, or nothing is applied (422 SEPA_RETURNS_FILE_INVALID with `details.lines`). Importing the same file again changes nothing.',
  })
  @ApiResponse({ status: 200, type: ReturnsImportView })
  @ApiProblems(...ON_REGIE, SepaErrorCode.SEPA_RETURNS_FILE_INVALID)
  importReturns(
    @CurrentCaller() caller: Caller,
    @Param() params: RegieRef,
    @Body() body: ReturnsImportBody,
  ): Promise<ReturnsImportView> {
    return this.services.request(
      SepaSubjects.returnsImport,
      { ...body, regieId: params.regieId },
      { caller },
    );
  }
}

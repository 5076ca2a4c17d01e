import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Logger,
  Post,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { CredentialsRateLimit } from '../accounts/credentials-throttle';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  AccountClosedView,
  AccountErrorCode,
  CloseAccountCommand,
  CommonErrorCode,
  HouseholdErrorCode,
  PersonalDataExport,
  PrivacySubjects,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { attachmentDisposition } from '../files/pdf-download';
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';
import { buildPersonalDataArchive } from './personal-data-archive';

/** The family's RGPD rights: a copy of its personal data, and the closure of its account. */
@ApiTags('privacy')
@Allow('family')
@Controller('me')
export class PrivacyController {
  private readonly logger = new Logger(PrivacyController.name);

  constructor(private readonly services: ServiceClient) {}

  @Get('personal-data')
  @ApiOperation({
    summary: 'Download your account and household data (JSON)',
    description:
      'Account profile, consents, household, guardians, children and the history of changes, as an attachment. ' +
      'Everything the portal holds about you, every service included, is GET /me/personal-data.zip.',
  })
  @ApiProduces('application/json')
  @ApiResponse({ status: 200, type: PersonalDataExport })
  async personalData(
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PersonalDataExport> {
    const data = await this.services.request(PrivacySubjects.exportPersonalData, {}, { caller });
    const day = data.exportedAt.slice(0, 10);
    void reply
      .header('content-disposition', `attachment; filename="donnees-personnelles-${day}.json"`)
      .header('cache-control', 'no-store');
    return data;
  }

  @Get('personal-data.zip')
  @CredentialsRateLimit()
  @ApiOperation({
    summary: 'Download all your personal data, every service included (ZIP)',
    description:
      'One archive: README.txt (in French, what each file holds), compte-et-foyer.json (account, ' +
      'consents, household, children, history), demarches.json (applications with their answers, ' +
      'health included, documents metadata, staff accesses), reservations.json (booking rights, ' +
      'bookings, recurring bookings, attendance, calendar feeds), facturation.json (billing copy of ' +
      'the household, family files, invoices with their lines), notifications.json (notices, ' +
      'e-mails sent without their bodies, preferences), and the supporting documents under ' +
      'documents/. Every service is asked before a byte is sent: one that is down gives 503, ' +
      'never a partial archive. Rate-limited like the other account routes.',
  })
  @ApiProduces('application/zip')
  @ApiResponse({
    status: 200,
    description: 'The ZIP archive, streamed',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
    headers: {
      'Content-Disposition': {
        description: 'attachment; filename="donnees-personnelles-YYYY-MM-DD.zip"',
        schema: { type: 'string' },
      },
    },
  })
  @ApiProblems(
    CommonErrorCode.PAYLOAD_TOO_LARGE,
    CommonErrorCode.SERVICE_UNAVAILABLE,
    CommonErrorCode.SERVICE_TIMEOUT,
  )
  async personalDataArchive(
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const archive = await buildPersonalDataArchive(this.services, caller, (error) =>
      this.logger.error(
        `The personal-data archive failed while streaming: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
    void reply
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff');
    return new StreamableFile(archive.stream, {
      type: 'application/zip',
      disposition: attachmentDisposition(
        `donnees-personnelles-${archive.exportedAt.slice(0, 10)}.zip`,
      ),
    });
  }

  @Post('close')
  @CredentialsRateLimit()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Close your account (RGPD erasure)',
    description:
      'Your personal data is erased or anonymised and every session ends; what the law requires to keep (invoices) is kept, as the answer says.',
  })
  @ApiResponse({ status: 200, type: AccountClosedView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    HouseholdErrorCode.ACCOUNT_CLOSURE_NOT_CONFIRMED,
    AccountErrorCode.CURRENT_PASSWORD_INCORRECT,
    AccountErrorCode.ACCOUNT_CLOSED,
  )
  close(
    @CurrentCaller() caller: Caller,
    @Body() body: CloseAccountCommand,
  ): Promise<AccountClosedView> {
    return this.services.request(PrivacySubjects.closeAccount, body, { caller });
  }
}

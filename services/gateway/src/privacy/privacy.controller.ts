import { Body, Controller, Get, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
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
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';

/** The family's RGPD rights: a copy of its personal data, and the closure of its account. */
@ApiTags('privacy')
@Allow('family')
@Controller('me')
export class PrivacyController {
  constructor(private readonly services: ServiceClient) {}

  @Get('personal-data')
  @ApiOperation({
    summary: 'Download all your personal data (JSON)',
    description:
      'Account profile, consents, household, guardians, children and the history of changes, as an attachment.',
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

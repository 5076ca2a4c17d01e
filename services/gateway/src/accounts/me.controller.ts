import { Body, Controller, Get, HttpCode, HttpStatus, Put } from '@nestjs/common';
import { CredentialsRateLimit } from './credentials-throttle';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  CommonErrorCode,
  AccountErrorCode,
  AccountSubjects,
  type Caller,
  AccountProfile,
  Acknowledgement,
  ChangeEmailCommand,
  ChangePasswordCommand,
  TokenPair,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';

@ApiTags('me')
@Allow('family', 'agent', 'admin')
@Controller('me')
export class MeController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'The profile of the calling account' })
  @ApiResponse({ status: 200, type: AccountProfile })
  me(@CurrentCaller() caller: Caller): Promise<AccountProfile> {
    return this.services.request(AccountSubjects.getMe, {}, { caller });
  }

  @Put('password')
  @CredentialsRateLimit()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Change the password (the current one is required)',
    description: 'Ends every session, and returns a new pair for this one.',
  })
  @ApiResponse({ status: 200, type: TokenPair })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, AccountErrorCode.CURRENT_PASSWORD_INCORRECT)
  changePassword(
    @CurrentCaller() caller: Caller,
    @Body() body: ChangePasswordCommand,
  ): Promise<TokenPair> {
    return this.services.request(AccountSubjects.changeMyPassword, body, { caller });
  }

  @Put('email')
  @CredentialsRateLimit()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Change the e-mail address (the current password is required)',
    description:
      'The new address is pending until the link sent to it is used (POST /accounts/verify-email).',
  })
  @ApiResponse({ status: 202, type: Acknowledgement })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    AccountErrorCode.CURRENT_PASSWORD_INCORRECT,
    CommonErrorCode.RATE_LIMITED,
  )
  changeEmail(
    @CurrentCaller() caller: Caller,
    @Body() body: ChangeEmailCommand,
  ): Promise<Acknowledgement> {
    return this.services.request(AccountSubjects.changeMyEmail, body, { caller });
  }
}

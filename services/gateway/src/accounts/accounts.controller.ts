import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  CommonErrorCode,
  AccountErrorCode,
  AccountSubjects,
  Acknowledgement,
  EmailCommand,
  SignUpCommand,
  TokenCommand,
} from '@portail/contracts';
import { Public } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { CredentialsRateLimit } from './credentials-throttle';

@ApiTags('accounts')
@Public()
@Controller('accounts')
export class AccountsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @CredentialsRateLimit()
  @ApiOperation({
    summary: 'Create a personal space (sign-up)',
    description:
      'The account stays pending until the link sent by e-mail is used. The answer is the same ' +
      'whether the address is new or not (no account enumeration); the owner of an existing ' +
      'address is told by e-mail.',
  })
  @ApiResponse({ status: 202, type: Acknowledgement })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  signUp(@Body() body: SignUpCommand): Promise<Acknowledgement> {
    return this.services.request(AccountSubjects.signUp, body);
  }

  @Post('verify-email')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Confirm an e-mail address with the token of the link received',
    description: 'Activates a pending account, or completes an e-mail change.',
  })
  @ApiResponse({ status: 204, description: 'Address confirmed' })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    AccountErrorCode.TOKEN_INVALID,
    AccountErrorCode.TOKEN_EXPIRED,
    AccountErrorCode.EMAIL_ALREADY_REGISTERED,
  )
  async verifyEmail(@Body() body: TokenCommand): Promise<void> {
    await this.services.request(AccountSubjects.verifyEmail, body);
  }

  @Post('resend-verification')
  @HttpCode(HttpStatus.ACCEPTED)
  @CredentialsRateLimit()
  @ApiOperation({
    summary: 'Send the verification e-mail again',
    description: 'At most a few per hour and account; the answer is the same for any address.',
  })
  @ApiResponse({ status: 202, type: Acknowledgement })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  resendVerification(@Body() body: EmailCommand): Promise<Acknowledgement> {
    return this.services.request(AccountSubjects.resendVerification, body);
  }
}

import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../problems/api-problems.decorator';
import {
  CommonErrorCode,
  AccountErrorCode,
  AccountSubjects,
  Acknowledgement,
  EmailCommand,
  LoginCommand,
  RefreshCommand,
  ResetPasswordCommand,
  TokenPair,
} from '@portail/contracts';
import { Public } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { CredentialsRateLimit } from './credentials-throttle';

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(private readonly services: ServiceClient) {}

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @CredentialsRateLimit()
  @ApiOperation({
    summary: 'Log in with e-mail and password',
    description:
      'Returns a short-lived access token (JWT) and a refresh token. After repeated failures the ' +
      'account is locked for a while (423, `details.retryAfterSeconds`).',
  })
  @ApiResponse({ status: 200, type: TokenPair })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    AccountErrorCode.INVALID_CREDENTIALS,
    AccountErrorCode.ACCOUNT_NOT_VERIFIED,
    AccountErrorCode.ACCOUNT_CLOSED,
    AccountErrorCode.ACCOUNT_NOT_ASSIGNED,
    AccountErrorCode.ACCOUNT_LOCKED,
  )
  login(@Body() body: LoginCommand): Promise<TokenPair> {
    return this.services.request(AccountSubjects.login, body);
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair',
    description:
      'Each refresh token works once. Presenting one again revokes its whole session (REFRESH_TOKEN_REUSED). ' +
      'A session ends SESSION_MAX_AGE_DAYS after its login, whatever the refreshes (SESSION_EXPIRED).',
  })
  @ApiResponse({ status: 200, type: TokenPair })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    AccountErrorCode.REFRESH_TOKEN_INVALID,
    AccountErrorCode.REFRESH_TOKEN_REUSED,
    AccountErrorCode.SESSION_EXPIRED,
    AccountErrorCode.ACCOUNT_NOT_ASSIGNED,
  )
  refresh(@Body() body: RefreshCommand): Promise<TokenPair> {
    return this.services.request(AccountSubjects.refresh, body);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End the session of a refresh token (its whole chain)' })
  @ApiResponse({ status: 204, description: 'Session ended (or already unknown)' })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  async logout(@Body() body: RefreshCommand): Promise<void> {
    await this.services.request(AccountSubjects.logout, body);
  }

  @Post('forgot-password')
  @HttpCode(HttpStatus.ACCEPTED)
  @CredentialsRateLimit()
  @ApiOperation({
    summary: 'Ask for a password reset link by e-mail',
    description: 'The answer is the same whether the address has an account or not.',
  })
  @ApiResponse({ status: 202, type: Acknowledgement })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  forgotPassword(@Body() body: EmailCommand): Promise<Acknowledgement> {
    return this.services.request(AccountSubjects.requestPasswordReset, body);
  }

  @Post('reset-password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @CredentialsRateLimit()
  @ApiOperation({
    summary: 'Choose a new password with the token of the reset link',
    description: 'Ends every session of the account.',
  })
  @ApiResponse({ status: 204, description: 'Password changed' })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    AccountErrorCode.TOKEN_INVALID,
    AccountErrorCode.TOKEN_EXPIRED,
  )
  async resetPassword(@Body() body: ResetPasswordCommand): Promise<void> {
    await this.services.request(AccountSubjects.resetPassword, body);
  }
}

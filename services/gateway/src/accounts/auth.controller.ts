import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccountSubjects } from '@portail/contracts';
import { Public } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ProblemDetailsDto } from '../problems/problem-details.dto';
import {
  AcknowledgementDto,
  EmailDto,
  LoginDto,
  RefreshDto,
  ResetPasswordDto,
  TokenPairDto,
} from './account.dto';
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
  @ApiResponse({ status: 200, type: TokenPairDto })
  @ApiResponse({ status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' })
  @ApiResponse({
    status: 401,
    type: ProblemDetailsDto,
    description: 'INVALID_CREDENTIALS (unknown address or wrong password)',
  })
  @ApiResponse({
    status: 403,
    type: ProblemDetailsDto,
    description: 'ACCOUNT_NOT_VERIFIED, ACCOUNT_CLOSED, ACCOUNT_NOT_ASSIGNED',
  })
  @ApiResponse({ status: 423, type: ProblemDetailsDto, description: 'ACCOUNT_LOCKED' })
  login(@Body() body: LoginDto): Promise<TokenPairDto> {
    return this.services.request(AccountSubjects.login, body);
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair',
    description:
      'Each refresh token works once. Presenting one again revokes its whole session (REFRESH_TOKEN_REUSED).',
  })
  @ApiResponse({ status: 200, type: TokenPairDto })
  @ApiResponse({ status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' })
  @ApiResponse({
    status: 401,
    type: ProblemDetailsDto,
    description: 'REFRESH_TOKEN_INVALID, REFRESH_TOKEN_REUSED',
  })
  @ApiResponse({ status: 403, type: ProblemDetailsDto, description: 'ACCOUNT_NOT_ASSIGNED' })
  refresh(@Body() body: RefreshDto): Promise<TokenPairDto> {
    return this.services.request(AccountSubjects.refresh, body);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End the session of a refresh token (its whole chain)' })
  @ApiResponse({ status: 204, description: 'Session ended (or already unknown)' })
  @ApiResponse({ status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' })
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.services.request(AccountSubjects.logout, body);
  }

  @Post('forgot-password')
  @HttpCode(HttpStatus.ACCEPTED)
  @CredentialsRateLimit()
  @ApiOperation({
    summary: 'Ask for a password reset link by e-mail',
    description: 'The answer is the same whether the address has an account or not.',
  })
  @ApiResponse({ status: 202, type: AcknowledgementDto })
  @ApiResponse({ status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' })
  forgotPassword(@Body() body: EmailDto): Promise<AcknowledgementDto> {
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
  @ApiResponse({
    status: 400,
    type: ProblemDetailsDto,
    description: 'VALIDATION_FAILED, TOKEN_INVALID, TOKEN_EXPIRED',
  })
  async resetPassword(@Body() body: ResetPasswordDto): Promise<void> {
    await this.services.request(AccountSubjects.resetPassword, body);
  }
}

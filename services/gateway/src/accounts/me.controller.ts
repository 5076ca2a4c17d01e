import { Body, Controller, Get, HttpCode, HttpStatus, Put } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccountSubjects, type Caller } from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ProblemDetailsDto } from '../problems/problem-details.dto';
import {
  AccountProfileDto,
  AcknowledgementDto,
  ChangeEmailDto,
  ChangePasswordDto,
  TokenPairDto,
} from './account.dto';

@ApiTags('me')
@Allow('family', 'agent', 'admin')
@Controller('me')
export class MeController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'The profile of the calling account' })
  @ApiResponse({ status: 200, type: AccountProfileDto })
  me(@CurrentCaller() caller: Caller): Promise<AccountProfileDto> {
    return this.services.request(AccountSubjects.getMe, {}, { caller });
  }

  @Put('password')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Change the password (the current one is required)',
    description: 'Ends every session, and returns a new pair for this one.',
  })
  @ApiResponse({ status: 200, type: TokenPairDto })
  @ApiResponse({ status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' })
  @ApiResponse({
    status: 403,
    type: ProblemDetailsDto,
    description: 'CURRENT_PASSWORD_INCORRECT',
  })
  changePassword(
    @CurrentCaller() caller: Caller,
    @Body() body: ChangePasswordDto,
  ): Promise<TokenPairDto> {
    return this.services.request(AccountSubjects.changeMyPassword, body, { caller });
  }

  @Put('email')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Change the e-mail address (the current password is required)',
    description:
      'The new address is pending until the link sent to it is used (POST /accounts/verify-email).',
  })
  @ApiResponse({ status: 202, type: AcknowledgementDto })
  @ApiResponse({ status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' })
  @ApiResponse({
    status: 403,
    type: ProblemDetailsDto,
    description: 'CURRENT_PASSWORD_INCORRECT',
  })
  @ApiResponse({ status: 429, type: ProblemDetailsDto, description: 'RATE_LIMITED' })
  changeEmail(
    @CurrentCaller() caller: Caller,
    @Body() body: ChangeEmailDto,
  ): Promise<AcknowledgementDto> {
    return this.services.request(AccountSubjects.changeMyEmail, body, { caller });
  }
}

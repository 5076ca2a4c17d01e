import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { NotificationSubjects, type Caller } from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ProblemDetailsDto } from '../problems/problem-details.dto';
import {
  ListOutgoingMessagesQueryDto,
  OutgoingMessageDto,
  OutgoingMessageIdParam,
  OutgoingMessagePageDto,
} from './outgoing-message.dto';

const INVALID = { status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' };

/** The e-mail queue as operators see it: failed messages, and sending one again. */
@ApiTags('administration')
@Allow('admin')
@Controller('admin/outgoing-messages')
export class OutgoingMessagesController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: 'Outgoing e-mails, newest first (e.g. ?status=failed), without their bodies',
  })
  @ApiResponse({ status: 200, type: OutgoingMessagePageDto })
  @ApiResponse(INVALID)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListOutgoingMessagesQueryDto,
  ): Promise<OutgoingMessagePageDto> {
    return this.services.requestUntyped(
      NotificationSubjects.outgoingMessagesList,
      { ...query },
      { caller },
    );
  }

  @Post(':id/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Queue a failed e-mail again, with a fresh set of attempts',
    description:
      'A link with a single-use token may have expired meanwhile; the family then asks for a new one.',
  })
  @ApiResponse({ status: 200, type: OutgoingMessageDto })
  @ApiResponse(INVALID)
  @ApiResponse({ status: 404, type: ProblemDetailsDto, description: 'OUTGOING_MESSAGE_NOT_FOUND' })
  @ApiResponse({
    status: 409,
    type: ProblemDetailsDto,
    description: 'OUTGOING_MESSAGE_NOT_RETRYABLE: the message is not in status failed',
  })
  retry(
    @CurrentCaller() caller: Caller,
    @Param() params: OutgoingMessageIdParam,
  ): Promise<OutgoingMessageDto> {
    return this.services.requestUntyped(
      NotificationSubjects.outgoingMessagesRetry,
      { id: params.id },
      { caller },
    );
  }
}

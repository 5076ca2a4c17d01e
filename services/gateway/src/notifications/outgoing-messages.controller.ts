import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CommonErrorCode,
  ListOutgoingMessagesQuery,
  NotificationErrorCode,
  NotificationSubjects,
  OutgoingMessagePage,
  OutgoingMessageRef,
  OutgoingMessageView,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';

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
  @ApiResponse({ status: 200, type: OutgoingMessagePage })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListOutgoingMessagesQuery,
  ): Promise<OutgoingMessagePage> {
    return this.services.request(NotificationSubjects.outgoingMessagesList, query, { caller });
  }

  @Post(':id/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Queue a failed e-mail again, with a fresh set of attempts',
    description:
      'A link with a single-use token may have expired meanwhile; the family then asks for a new one.',
  })
  @ApiResponse({ status: 200, type: OutgoingMessageView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    NotificationErrorCode.OUTGOING_MESSAGE_NOT_FOUND,
    NotificationErrorCode.OUTGOING_MESSAGE_NOT_RETRYABLE,
  )
  retry(
    @CurrentCaller() caller: Caller,
    @Param() path: OutgoingMessageRef,
  ): Promise<OutgoingMessageView> {
    return this.services.request(
      NotificationSubjects.outgoingMessagesRetry,
      { id: path.id },
      { caller },
    );
  }
}

import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { NotificationSubjects, type Caller } from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ProblemDetailsDto } from '../problems/problem-details.dto';
import {
  ListNotificationsQueryDto,
  NotificationDto,
  NotificationIdParam,
  NotificationPageDto,
  NotificationPreferencesDto,
  UnreadCountDto,
  UpdateNotificationPreferencesDto,
} from './notification.dto';

const INVALID = { status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' };

/** The caller's own in-app notifications. */
@ApiTags('notifications')
@Allow('family', 'agent')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, unread first, paginated' })
  @ApiResponse({ status: 200, type: NotificationPageDto })
  @ApiResponse(INVALID)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListNotificationsQueryDto,
  ): Promise<NotificationPageDto> {
    return this.services.requestUntyped(NotificationSubjects.list, query, { caller });
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many of my notifications are unread' })
  @ApiResponse({ status: 200, type: UnreadCountDto })
  unreadCount(@CurrentCaller() caller: Caller): Promise<UnreadCountDto> {
    return this.services.requestUntyped(NotificationSubjects.unreadCount, {}, { caller });
  }

  @Post('read-all')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiResponse({ status: 200, type: UnreadCountDto })
  readAll(@CurrentCaller() caller: Caller): Promise<UnreadCountDto> {
    return this.services.requestUntyped(NotificationSubjects.markAllRead, {}, { caller });
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark one of my notifications read' })
  @ApiResponse({ status: 200, type: NotificationDto })
  @ApiResponse(INVALID)
  @ApiResponse({ status: 404, type: ProblemDetailsDto, description: 'NOTIFICATION_NOT_FOUND' })
  read(
    @CurrentCaller() caller: Caller,
    @Param() params: NotificationIdParam,
  ): Promise<NotificationDto> {
    return this.services.requestUntyped(
      NotificationSubjects.markRead,
      { id: params.id },
      { caller },
    );
  }
}

/** Which e-mails the caller wants; security e-mails are always sent. */
@ApiTags('notifications')
@Allow('family', 'agent')
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'My e-mail preferences per category' })
  @ApiResponse({ status: 200, type: NotificationPreferencesDto })
  get(@CurrentCaller() caller: Caller): Promise<NotificationPreferencesDto> {
    return this.services.requestUntyped(NotificationSubjects.getPreferences, {}, { caller });
  }

  @Put()
  @ApiOperation({
    summary: 'Opt in or out of e-mails of non-essential categories',
    description: 'Security e-mails (verification, password reset) cannot be turned off.',
  })
  @ApiResponse({ status: 200, type: NotificationPreferencesDto })
  @ApiResponse(INVALID)
  update(
    @CurrentCaller() caller: Caller,
    @Body() body: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesDto> {
    return this.services.requestUntyped(NotificationSubjects.updatePreferences, body, { caller });
  }
}

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
import {
  CommonErrorCode,
  ListNotificationsQuery,
  NotificationErrorCode,
  NotificationIdCommand,
  NotificationPage,
  NotificationPreferences,
  NotificationSubjects,
  NotificationView,
  UnreadCount,
  UpdateNotificationPreferencesCommand,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';

/** The caller's own in-app notifications. */
@ApiTags('notifications')
@Allow('family', 'agent')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, unread first, paginated' })
  @ApiResponse({ status: 200, type: NotificationPage })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListNotificationsQuery,
  ): Promise<NotificationPage> {
    return this.services.request(NotificationSubjects.list, query, { caller });
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many of my notifications are unread' })
  @ApiResponse({ status: 200, type: UnreadCount })
  unreadCount(@CurrentCaller() caller: Caller): Promise<UnreadCount> {
    return this.services.request(NotificationSubjects.unreadCount, {}, { caller });
  }

  @Post('read-all')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiResponse({ status: 200, type: UnreadCount })
  readAll(@CurrentCaller() caller: Caller): Promise<UnreadCount> {
    return this.services.request(NotificationSubjects.markAllRead, {}, { caller });
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark one of my notifications read' })
  @ApiResponse({ status: 200, type: NotificationView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, NotificationErrorCode.NOTIFICATION_NOT_FOUND)
  read(
    @CurrentCaller() caller: Caller,
    @Param() path: NotificationIdCommand,
  ): Promise<NotificationView> {
    return this.services.request(NotificationSubjects.markRead, { id: path.id }, { caller });
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
  @ApiResponse({ status: 200, type: NotificationPreferences })
  get(@CurrentCaller() caller: Caller): Promise<NotificationPreferences> {
    return this.services.request(NotificationSubjects.getPreferences, {}, { caller });
  }

  @Put()
  @ApiOperation({
    summary: 'Opt in or out of e-mails of non-essential categories',
    description: 'Security e-mails (verification, password reset) cannot be turned off.',
  })
  @ApiResponse({ status: 200, type: NotificationPreferences })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  update(
    @CurrentCaller() caller: Caller,
    @Body() body: UpdateNotificationPreferencesCommand,
  ): Promise<NotificationPreferences> {
    return this.services.request(NotificationSubjects.updatePreferences, body, { caller });
  }
}

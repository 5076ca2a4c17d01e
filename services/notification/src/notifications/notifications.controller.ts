import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  NotificationSubjects,
  type Caller,
  type NotificationPage,
  type NotificationView,
  type UnreadCount,
} from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import { CountUnreadNotifications } from './count-unread-notifications.use-case';
import { ListNotifications } from './list-notifications.use-case';
import { MarkAllNotificationsRead } from './mark-all-notifications-read.use-case';
import { MarkNotificationRead } from './mark-notification-read.use-case';
import { ListNotificationsDto, NotificationIdDto } from './notification.dto';

@Controller()
export class NotificationsController {
  constructor(
    private readonly listNotifications: ListNotifications,
    private readonly countUnread: CountUnreadNotifications,
    private readonly markRead: MarkNotificationRead,
    private readonly markAllRead: MarkAllNotificationsRead,
  ) {}

  @MessagePattern(NotificationSubjects.list)
  list(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListNotificationsDto,
  ): Promise<NotificationPage> {
    return this.listNotifications.execute(caller, query);
  }

  @MessagePattern(NotificationSubjects.unreadCount)
  unreadCount(@CurrentCaller() caller: Caller): Promise<UnreadCount> {
    return this.countUnread.execute(caller);
  }

  @MessagePattern(NotificationSubjects.markRead)
  read(
    @CurrentCaller() caller: Caller,
    @Payload() command: NotificationIdDto,
  ): Promise<NotificationView> {
    return this.markRead.execute(caller, command.id);
  }

  @MessagePattern(NotificationSubjects.markAllRead)
  readAll(@CurrentCaller() caller: Caller): Promise<UnreadCount> {
    return this.markAllRead.execute(caller);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ListNotificationsQuery,
  NotificationIdCommand,
  NotificationSubjects,
  type Caller,
  type NotificationPage,
  type NotificationView,
  type UnreadCount,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { CountUnreadNotifications } from './count-unread-notifications.use-case';
import { ListNotifications } from './list-notifications.use-case';
import { MarkAllNotificationsRead } from './mark-all-notifications-read.use-case';
import { MarkNotificationRead } from './mark-notification-read.use-case';

@Controller()
export class NotificationsController {
  constructor(
    private readonly listNotifications: ListNotifications,
    private readonly countUnread: CountUnreadNotifications,
    private readonly markRead: MarkNotificationRead,
    private readonly markAllRead: MarkAllNotificationsRead,
  ) {}

  @HandlesRequest(NotificationSubjects.list)
  list(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListNotificationsQuery,
  ): Promise<NotificationPage> {
    return this.listNotifications.execute(caller, query);
  }

  @HandlesRequest(NotificationSubjects.unreadCount)
  unreadCount(@CurrentCaller() caller: Caller): Promise<UnreadCount> {
    return this.countUnread.execute(caller);
  }

  @HandlesRequest(NotificationSubjects.markRead)
  read(
    @CurrentCaller() caller: Caller,
    @Payload() command: NotificationIdCommand,
  ): Promise<NotificationView> {
    return this.markRead.execute(caller, command.id);
  }

  @HandlesRequest(NotificationSubjects.markAllRead)
  readAll(@CurrentCaller() caller: Caller): Promise<UnreadCount> {
    return this.markAllRead.execute(caller);
  }
}

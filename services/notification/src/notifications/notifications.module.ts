import { Module } from '@nestjs/common';
import { CountUnreadNotifications } from './count-unread-notifications.use-case';
import { ListNotifications } from './list-notifications.use-case';
import { MarkAllNotificationsRead } from './mark-all-notifications-read.use-case';
import { MarkNotificationRead } from './mark-notification-read.use-case';
import { NotificationsController } from './notifications.controller';

@Module({
  controllers: [NotificationsController],
  providers: [
    ListNotifications,
    CountUnreadNotifications,
    MarkNotificationRead,
    MarkAllNotificationsRead,
  ],
})
export class NotificationsModule {}

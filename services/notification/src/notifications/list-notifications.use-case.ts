import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DEFAULT_NOTIFICATIONS_PAGE_SIZE,
  type Caller,
  type ListNotificationsQuery,
  type NotificationPage,
} from '@portail/contracts';
import { NOTIFICATION_COLUMNS, toNotificationView, type NotificationRow } from './notification-row';

/** The caller's own notifications, unread first, then newest first. */
@Injectable()
export class ListNotifications {
  constructor(private readonly dataSource: DataSource) {}

  async execute(caller: Caller, query: ListNotificationsQuery): Promise<NotificationPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_NOTIFICATIONS_PAGE_SIZE;
    const rows = await this.dataSource.query<NotificationRow[]>(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE account_id = $1
        ORDER BY (read_at IS NOT NULL), created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [caller.accountId, pageSize, (page - 1) * pageSize],
    );
    const [counts] = await this.dataSource.query<Array<{ total: string; unread: string }>>(
      `SELECT count(*)::text AS total, count(*) FILTER (WHERE read_at IS NULL)::text AS unread
         FROM notifications WHERE account_id = $1`,
      [caller.accountId],
    );
    return {
      items: rows.map(toNotificationView),
      page,
      pageSize,
      total: Number(counts.total),
      unread: Number(counts.unread),
    };
  }
}

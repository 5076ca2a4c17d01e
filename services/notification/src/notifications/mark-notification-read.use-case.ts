import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, NotificationView } from '@portail/contracts';
import { NOTIFICATION_COLUMNS, toNotificationView, type NotificationRow } from './notification-row';
import { NotificationNotFoundException } from './notification.exception';

/** Marks one of the caller's notifications read (the first reading time is kept). */
@Injectable()
export class MarkNotificationRead {
  constructor(private readonly dataSource: DataSource) {}

  async execute(caller: Caller, id: string): Promise<NotificationView> {
    const [rows] = await this.dataSource.query<[NotificationRow[], number]>(
      `UPDATE notifications SET read_at = coalesce(read_at, now())
        WHERE id = $1 AND account_id = $2 RETURNING ${NOTIFICATION_COLUMNS}`,
      [id, caller.accountId],
    );
    // Another account's notification answers like an unknown one.
    if (!rows[0]) throw new NotificationNotFoundException(id);
    return toNotificationView(rows[0]);
  }
}

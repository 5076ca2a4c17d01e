import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, UnreadCount } from '@portail/contracts';

@Injectable()
export class CountUnreadNotifications {
  constructor(private readonly dataSource: DataSource) {}

  async execute(caller: Caller): Promise<UnreadCount> {
    const [row] = await this.dataSource.query<Array<{ unread: string }>>(
      `SELECT count(*)::text AS unread FROM notifications
        WHERE account_id = $1 AND read_at IS NULL`,
      [caller.accountId],
    );
    return { unread: Number(row.unread) };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, UnreadCount } from '@portail/contracts';

@Injectable()
export class MarkAllNotificationsRead {
  constructor(private readonly dataSource: DataSource) {}

  async execute(caller: Caller): Promise<UnreadCount> {
    await this.dataSource.query(
      'UPDATE notifications SET read_at = now() WHERE account_id = $1 AND read_at IS NULL',
      [caller.accountId],
    );
    return { unread: 0 };
  }
}

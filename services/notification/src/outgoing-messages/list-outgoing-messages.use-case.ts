import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DEFAULT_NOTIFICATIONS_PAGE_SIZE,
  type Caller,
  type ListOutgoingMessagesQuery,
  type OutgoingMessagePage,
} from '@portail/contracts';
import {
  OUTGOING_MESSAGE_COLUMNS,
  toOutgoingMessageView,
  type OutgoingMessageRow,
} from './outgoing-message-row';
import { requireAdmin } from './outgoing-message.exception';

/** Outgoing e-mails of one status (all when none is given), newest first. */
@Injectable()
export class ListOutgoingMessages {
  constructor(private readonly dataSource: DataSource) {}

  async execute(caller: Caller, query: ListOutgoingMessagesQuery): Promise<OutgoingMessagePage> {
    requireAdmin(caller);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_NOTIFICATIONS_PAGE_SIZE;
    const status = query.status ?? null;
    const rows = await this.dataSource.query<OutgoingMessageRow[]>(
      `SELECT ${OUTGOING_MESSAGE_COLUMNS} FROM outgoing_messages
        WHERE ($1::text IS NULL OR status = $1)
        ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [status, pageSize, (page - 1) * pageSize],
    );
    const [count] = await this.dataSource.query<Array<{ total: string }>>(
      `SELECT count(*)::text AS total FROM outgoing_messages
        WHERE ($1::text IS NULL OR status = $1)`,
      [status],
    );
    return { items: rows.map(toOutgoingMessageView), page, pageSize, total: Number(count.total) };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, OutgoingMessageView } from '@portail/contracts';
import { wakeMailSenders } from '../mail/mail-queue';
import {
  OUTGOING_MESSAGE_COLUMNS,
  toOutgoingMessageView,
  type OutgoingMessageRow,
} from './outgoing-message-row';
import {
  OutgoingMessageNotFoundException,
  OutgoingMessageNotRetryableException,
  requireAdmin,
} from './outgoing-message.exception';

/**
 * Puts a failed e-mail back in the queue with a fresh set of attempts (the last error stays
 * until the next attempt). A link with a single-use token may have expired meanwhile: the
 * family then asks for a new one as usual.
 */
@Injectable()
export class RetryOutgoingMessage {
  constructor(private readonly dataSource: DataSource) {}

  async execute(caller: Caller, id: string): Promise<OutgoingMessageView> {
    requireAdmin(caller);
    return this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query<[OutgoingMessageRow[], number]>(
        `UPDATE outgoing_messages SET status = 'pending', attempts = 0, next_attempt_at = now()
          WHERE id = $1 AND status = 'failed' RETURNING ${OUTGOING_MESSAGE_COLUMNS}`,
        [id],
      );
      if (!rows[0]) {
        const [current] = await manager.query<Array<Pick<OutgoingMessageRow, 'status'>>>(
          'SELECT status FROM outgoing_messages WHERE id = $1',
          [id],
        );
        if (!current) throw new OutgoingMessageNotFoundException(id);
        throw new OutgoingMessageNotRetryableException(id, current.status);
      }
      await wakeMailSenders(manager);
      return toOutgoingMessageView(rows[0]);
    });
  }
}

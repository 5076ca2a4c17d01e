import type { OutgoingMessageStatus, OutgoingMessageView } from '@portail/contracts';

/** A row of `outgoing_messages`, without the bodies. */
export interface OutgoingMessageRow {
  id: string;
  event_id: string;
  account_id: string | null;
  recipient: string;
  template: string;
  subject: string;
  status: OutgoingMessageStatus;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  sent_at: Date | null;
  created_at: Date;
}

/** Never the bodies: they may hold single-use tokens. */
export const OUTGOING_MESSAGE_COLUMNS =
  'id, event_id, account_id, recipient, template, subject, status, attempts, last_error, next_attempt_at, sent_at, created_at';

export function toOutgoingMessageView(row: OutgoingMessageRow): OutgoingMessageView {
  return {
    id: row.id,
    eventId: row.event_id,
    accountId: row.account_id,
    recipient: row.recipient,
    template: row.template,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at.toISOString(),
    sentAt: row.sent_at ? row.sent_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}

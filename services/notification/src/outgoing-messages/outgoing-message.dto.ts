import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  MAX_NOTIFICATIONS_PAGE_SIZE,
  OUTGOING_MESSAGE_STATUSES,
  type ListOutgoingMessagesQuery,
  type OutgoingMessageRef,
  type OutgoingMessageStatus,
  type OutgoingMessageView,
} from '@portail/contracts';

export class ListOutgoingMessagesDto implements ListOutgoingMessagesQuery {
  @IsOptional()
  @IsIn(OUTGOING_MESSAGE_STATUSES, {
    message: `Le statut doit être l'un de : ${OUTGOING_MESSAGE_STATUSES.join(', ')}.`,
  })
  status?: OutgoingMessageStatus;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La page doit être un entier.' })
  @Min(1, { message: 'La page commence à 1.' })
  @Max(10_000, { message: 'La page ne doit pas dépasser 10000.' })
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La taille de page doit être un entier.' })
  @Min(1, { message: 'La taille de page doit être au moins 1.' })
  @Max(MAX_NOTIFICATIONS_PAGE_SIZE, {
    message: `La taille de page ne doit pas dépasser ${MAX_NOTIFICATIONS_PAGE_SIZE}.`,
  })
  pageSize?: number;
}

export class OutgoingMessageIdDto implements OutgoingMessageRef {
  @IsUUID('all', { message: "L'identifiant du message doit être un UUID." })
  id!: string;
}

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

import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  MAX_NOTIFICATIONS_PAGE_SIZE,
  type ListNotificationsQuery,
  type NotificationCategory,
  type NotificationIdCommand,
  type NotificationView,
} from '@portail/contracts';

export class ListNotificationsDto implements ListNotificationsQuery {
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

export class NotificationIdDto implements NotificationIdCommand {
  @IsUUID('all', { message: "L'identifiant de la notification doit être un UUID." })
  id!: string;
}

export interface NotificationRow {
  id: string;
  category: string;
  title: string;
  body: string;
  link: string | null;
  read_at: Date | null;
  created_at: Date;
}

export const NOTIFICATION_COLUMNS = 'id, category, title, body, link, read_at, created_at';

export function toNotificationView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    category: row.category as NotificationCategory,
    title: row.title,
    body: row.body,
    link: row.link,
    readAt: row.read_at ? row.read_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}

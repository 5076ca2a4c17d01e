import type { NotificationCategory, NotificationView } from '@portail/contracts';

/** A row of `notifications`, as read by the queries of this module. */
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

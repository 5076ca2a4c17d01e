/**
 * In-app notifications and notification preferences of the notification service: subjects,
 * payloads and error codes.
 */

export const NotificationSubjects = {
  list: 'notification.notifications.list',
  unreadCount: 'notification.notifications.unread-count',
  markRead: 'notification.notifications.mark-read',
  markAllRead: 'notification.notifications.mark-all-read',
  getPreferences: 'notification.preferences.get',
  updatePreferences: 'notification.preferences.update',
} as const;

export enum NotificationErrorCode {
  NOTIFICATION_NOT_FOUND = 'NOTIFICATION_NOT_FOUND',
}

export const MAX_NOTIFICATIONS_PAGE_SIZE = 100;
export const DEFAULT_NOTIFICATIONS_PAGE_SIZE = 20;

/**
 * Categories a family may opt out of, for e-mails. Security messages (verification, password
 * reset, password changed, sign-up on an existing address) are not among them: always sent.
 */
export const OPTIONAL_NOTIFICATION_CATEGORIES = [
  'applications',
  'bookings',
  'invoices',
  'news',
] as const;
export type OptionalNotificationCategory = (typeof OPTIONAL_NOTIFICATION_CATEGORIES)[number];
export type NotificationCategory = 'security' | OptionalNotificationCategory;

export interface NotificationView {
  id: string;
  category: NotificationCategory;
  title: string;
  body: string;
  /** A path or URL of the portal to follow, if any. */
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface ListNotificationsQuery {
  page?: number;
  pageSize?: number;
}

export interface NotificationPage {
  items: NotificationView[];
  page: number;
  pageSize: number;
  total: number;
  unread: number;
}

export interface NotificationIdCommand {
  id: string;
}

export interface UnreadCount {
  unread: number;
}

/** `emails[category] === false`: no e-mail of that category (in-app notices stay). */
export interface NotificationPreferences {
  emails: Record<OptionalNotificationCategory, boolean>;
}

/** A partial update: categories not named keep their setting. */
export interface UpdateNotificationPreferencesCommand {
  emails: Partial<Record<OptionalNotificationCategory, boolean>>;
}

/**
 * In-app notifications, notification preferences and outgoing e-mails of the notification
 * service: subjects, error codes and the categories and statuses the messages refer to.
 */

export const NotificationSubjects = {
  list: 'notification.notifications.list',
  unreadCount: 'notification.notifications.unread-count',
  markRead: 'notification.notifications.mark-read',
  markAllRead: 'notification.notifications.mark-all-read',
  getPreferences: 'notification.preferences.get',
  updatePreferences: 'notification.preferences.update',
  /** Administrators: outgoing e-mails by status (failed ones to look at), newest first. */
  outgoingMessagesList: 'notification.outgoing-messages.list',
  /** Administrators: queue a failed e-mail again, with a fresh set of attempts. */
  outgoingMessagesRetry: 'notification.outgoing-messages.retry',
} as const;

export enum NotificationErrorCode {
  NOTIFICATION_NOT_FOUND = 'NOTIFICATION_NOT_FOUND',
  OUTGOING_MESSAGE_NOT_FOUND = 'OUTGOING_MESSAGE_NOT_FOUND',
  /** Only a failed message can be retried (details: status). */
  OUTGOING_MESSAGE_NOT_RETRYABLE = 'OUTGOING_MESSAGE_NOT_RETRYABLE',
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
/**
 * Categories always e-mailed, whatever the preferences: security messages, and the SEPA direct
 * debit's pre-notification and returns, which the creditor owes the debtor (SEPA Core rulebook:
 * the debtor is told the amount and date before each collection).
 */
export const MANDATORY_NOTIFICATION_CATEGORIES = ['security', 'direct-debit'] as const;
export type MandatoryNotificationCategory = (typeof MANDATORY_NOTIFICATION_CATEGORIES)[number];
export type NotificationCategory = MandatoryNotificationCategory | OptionalNotificationCategory;

/**
 * `cancelled`: the account was closed before the message left. Bodies are never exposed (they
 * may hold single-use tokens).
 */
export const OUTGOING_MESSAGE_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type OutgoingMessageStatus = (typeof OUTGOING_MESSAGE_STATUSES)[number];

// Commands, queries and their replies: ./notification.messages.ts

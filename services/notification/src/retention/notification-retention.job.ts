import { retentionJobProvider, type RetentionRule } from '@portail/service-kit';
import type { NotificationConfig } from '../config';

/**
 * What notification deletes, and when (the README's retention table lists the same). A sent
 * message's body is already blanked once delivered; the row (recipient, subject) goes later.
 * Preferences live with the account; `closed_accounts` holds ids only.
 */
export function notificationRetentionRules(config: NotificationConfig): RetentionRule[] {
  return [
    {
      table: 'outgoing_messages',
      days: config.OUTGOING_MESSAGES_RETENTION_DAYS,
      olderThan: `status IN ('sent', 'failed', 'cancelled') AND created_at < $1`,
    },
    {
      table: 'notifications',
      days: config.NOTIFICATIONS_RETENTION_DAYS,
      olderThan: 'created_at < $1',
    },
  ];
}

/** Notification's purge, every RETENTION_INTERVAL_MS, once across replicas (`app.get(RetentionJob)`). */
export const notificationRetentionJob = retentionJobProvider(
  'notification.retention',
  notificationRetentionRules,
);

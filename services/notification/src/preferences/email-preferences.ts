import type { EntityManager } from 'typeorm';
import {
  MANDATORY_NOTIFICATION_CATEGORIES,
  OPTIONAL_NOTIFICATION_CATEGORIES,
  type NotificationCategory,
  type NotificationPreferences,
  type OptionalNotificationCategory,
} from '@portail/contracts';

/** Whether an account wants e-mails of a category; mandatory ones (security, direct debit) always. */
export async function wantsEmail(
  manager: EntityManager,
  accountId: string,
  category: NotificationCategory,
): Promise<boolean> {
  if ((MANDATORY_NOTIFICATION_CATEGORIES as readonly string[]).includes(category)) return true;
  const rows = await manager.query<Array<{ email_enabled: boolean }>>(
    'SELECT email_enabled FROM notification_preferences WHERE account_id = $1 AND category = $2',
    [accountId, category],
  );
  return rows[0]?.email_enabled ?? true;
}

export async function readPreferences(
  manager: EntityManager,
  accountId: string,
): Promise<NotificationPreferences> {
  const rows = await manager.query<Array<{ category: string; email_enabled: boolean }>>(
    'SELECT category, email_enabled FROM notification_preferences WHERE account_id = $1',
    [accountId],
  );
  const emails = Object.fromEntries(
    OPTIONAL_NOTIFICATION_CATEGORIES.map((category) => [category, true]),
  ) as Record<OptionalNotificationCategory, boolean>;
  for (const row of rows) {
    if ((OPTIONAL_NOTIFICATION_CATEGORIES as readonly string[]).includes(row.category))
      emails[row.category as OptionalNotificationCategory] = row.email_enabled;
  }
  return { emails };
}

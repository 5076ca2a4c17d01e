import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  OPTIONAL_NOTIFICATION_CATEGORIES,
  type Caller,
  type NotificationPreferences,
  type UpdateNotificationPreferencesCommand,
} from '@portail/contracts';
import { readPreferences } from './email-preferences';

@Injectable()
export class UpdateNotificationPreferences {
  constructor(private readonly dataSource: DataSource) {}

  execute(
    caller: Caller,
    command: UpdateNotificationPreferencesCommand,
  ): Promise<NotificationPreferences> {
    return this.dataSource.transaction(async (manager) => {
      for (const category of OPTIONAL_NOTIFICATION_CATEGORIES) {
        const enabled = command.emails[category];
        if (enabled === undefined) continue;
        await manager.query(
          `INSERT INTO notification_preferences (account_id, category, email_enabled)
           VALUES ($1, $2, $3)
           ON CONFLICT (account_id, category)
           DO UPDATE SET email_enabled = EXCLUDED.email_enabled, updated_at = now()`,
          [caller.accountId, category, enabled],
        );
      }
      return readPreferences(manager, caller.accountId);
    });
  }
}

import type { BackendServiceDefinition } from '@portail/service-kit';
import { IdentityEventsModule } from './identity-events/identity-events.module';
import { MailModule } from './mail/mail.module';
import { CreateNotification1764400000001 } from './migrations/1764400000001-create-notification';
import { NotificationsModule } from './notifications/notifications.module';
import { PreferencesModule } from './preferences/preferences.module';

/** E-mails and in-app notifications (see DESIGN.md). */
export const notificationService: BackendServiceDefinition = {
  name: 'notification',
  imports: [MailModule, IdentityEventsModule, NotificationsModule, PreferencesModule],
  entities: [],
  migrations: [CreateNotification1764400000001],
};

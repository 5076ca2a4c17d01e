import type { BackendServiceDefinition } from '@portail/service-kit';
import { BillingEventsModule } from './billing-events/billing-events.module';
import { EnrolmentEventsModule } from './enrolment-events/enrolment-events.module';
import { IdentityEventsModule } from './identity-events/identity-events.module';
import { MailModule } from './mail/mail.module';
import { CreateNotification1764400000001 } from './migrations/1764400000001-create-notification';
import { OutgoingMessagesAccount1764400000002 } from './migrations/1764400000002-outgoing-messages-account';
import { NotificationTopics1796500000004 } from './migrations/1796500000004-notification-topics';
import { OutgoingMessagesRecipientIndex1796500000005 } from './migrations/1796500000005-outgoing-messages-recipient-index';
import { OutgoingMessagesLink1796760000001 } from './migrations/1796760000001-outgoing-messages-link';
import { RetentionTimedJobs1796760000004 } from './migrations/1796760000004-retention-timed-jobs';
import { RetentionModule } from './retention/retention.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OutgoingMessagesModule } from './outgoing-messages/outgoing-messages.module';
import { PreferencesModule } from './preferences/preferences.module';
import { PrivacyModule } from './privacy/privacy.module';
import { ReservationEventsModule } from './reservation-events/reservation-events.module';

/** E-mails and in-app notifications (see DESIGN.md). */
export const notificationService: BackendServiceDefinition = {
  name: 'notification',
  imports: [
    MailModule,
    IdentityEventsModule,
    EnrolmentEventsModule,
    ReservationEventsModule,
    BillingEventsModule,
    NotificationsModule,
    PreferencesModule,
    OutgoingMessagesModule,
    PrivacyModule,
    RetentionModule,
  ],
  entities: [],
  migrations: [
    CreateNotification1764400000001,
    OutgoingMessagesAccount1764400000002,
    NotificationTopics1796500000004,
    OutgoingMessagesRecipientIndex1796500000005,
    OutgoingMessagesLink1796760000001,
    RetentionTimedJobs1796760000004,
  ],
};

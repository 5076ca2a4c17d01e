import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { UuidField, PageNumberField, PageSizeField } from '@portail/validation';
import {
  DEFAULT_NOTIFICATIONS_PAGE_SIZE,
  MAX_NOTIFICATIONS_PAGE_SIZE,
  NotificationSubjects,
  OPTIONAL_NOTIFICATION_CATEGORIES,
  OUTGOING_MESSAGE_STATUSES,
  type NotificationCategory,
  type OptionalNotificationCategory,
  type OutgoingMessageStatus,
  MANDATORY_NOTIFICATION_CATEGORIES,
} from './notification';
import type { NoPayload } from './requests';

/*
 * In-app notifications, e-mail preferences and the outgoing e-mails operators look at: each
 * command and query of the notification service, declared once. The class is the payload type,
 * the validation (gateway pipe, then the service's pipe) and the OpenAPI schema all at once.
 */

const NOTIFICATION_CATEGORIES: NotificationCategory[] = [
  ...MANDATORY_NOTIFICATION_CATEGORIES,
  ...OPTIONAL_NOTIFICATION_CATEGORIES,
];

/** Page and page size of the two lists (query strings at the gateway, hence `@Type`). */
class NotificationPaging {
  @PageNumberField()
  page?: number;

  @PageSizeField(MAX_NOTIFICATIONS_PAGE_SIZE, DEFAULT_NOTIFICATIONS_PAGE_SIZE)
  pageSize?: number;
}

// In-app notifications.

export class ListNotificationsQuery extends NotificationPaging {}

/** One of the caller's notifications (also the path of `POST /notifications/{id}/read`). */
export class NotificationIdCommand {
  @UuidField("L'identifiant de la notification")
  id!: string;
}

export class NotificationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: NOTIFICATION_CATEGORIES, example: 'applications' })
  category!: NotificationCategory;

  @ApiProperty({ example: 'Demande validée – Restauration scolaire' })
  title!: string;

  @ApiProperty({
    example: 'La demande de restauration scolaire pour Léa Martin a été validée par Vichy.',
  })
  body!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'A path or URL of the portal to follow, if any.',
    example: '/demandes/0193a1f2-7c4e-7d10-9a7e-2f4c1b8d5e60',
  })
  link!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView], description: 'Unread first, then newest first.' })
  items!: NotificationView[];

  @ApiProperty({ example: 1 })
  page!: number;

  @ApiProperty({ example: DEFAULT_NOTIFICATIONS_PAGE_SIZE })
  pageSize!: number;

  @ApiProperty({ description: 'All notifications of the account.', example: 7 })
  total!: number;

  @ApiProperty({ description: 'Unread notifications of the account.', example: 2 })
  unread!: number;
}

export class UnreadCount {
  @ApiProperty({ example: 2 })
  unread!: number;
}

// E-mail preferences.

/** What each category covers, for both the settings and their update. */
const CATEGORY_DOCS: Record<OptionalNotificationCategory, string> = {
  applications: 'Requests (demandes): received, validated, rejected…',
  bookings: 'Bookings (réservations).',
  invoices: 'Invoices and payments.',
  news: 'News of the portal.',
};

/** Every optional category with its setting (`false`: no e-mail; in-app notices stay). */
export class NotificationEmailSettings implements Record<OptionalNotificationCategory, boolean> {
  @ApiProperty({ description: CATEGORY_DOCS.applications, example: true })
  applications!: boolean;

  @ApiProperty({ description: CATEGORY_DOCS.bookings, example: true })
  bookings!: boolean;

  @ApiProperty({ description: CATEGORY_DOCS.invoices, example: true })
  invoices!: boolean;

  @ApiProperty({ description: CATEGORY_DOCS.news, example: false })
  news!: boolean;
}

export class NotificationPreferences {
  @ApiProperty({
    type: NotificationEmailSettings,
    description:
      'E-mails wanted per category. Security e-mails (verification, password reset) and direct-debit notices (pre-notification, returned debit) are always sent.',
  })
  emails!: NotificationEmailSettings;
}

const BOOLEAN = { message: 'Chaque préférence doit valoir true ou false.' };
/**
 * A category may be left out (it keeps its setting), but not sent as `null`: the setting is a
 * NOT NULL column, so `null` is refused like any other non-boolean (`@IsOptional` would let it
 * through).
 */
const IF_GIVEN = ValidateIf((_object: object, value: unknown) => value !== undefined);

/** The categories to change; those left out keep their setting. */
export class NotificationEmailChanges implements Partial<
  Record<OptionalNotificationCategory, boolean>
> {
  @ApiPropertyOptional({ description: CATEGORY_DOCS.applications, example: false })
  @IF_GIVEN
  @IsBoolean(BOOLEAN)
  applications?: boolean;

  @ApiPropertyOptional({ description: CATEGORY_DOCS.bookings })
  @IF_GIVEN
  @IsBoolean(BOOLEAN)
  bookings?: boolean;

  @ApiPropertyOptional({ description: CATEGORY_DOCS.invoices })
  @IF_GIVEN
  @IsBoolean(BOOLEAN)
  invoices?: boolean;

  @ApiPropertyOptional({ description: CATEGORY_DOCS.news, example: false })
  @IF_GIVEN
  @IsBoolean(BOOLEAN)
  news?: boolean;
}

const EMAILS_REQUIRED = { message: 'Les préférences e-mail sont obligatoires.' };
const EMAILS_OBJECT = { message: 'Les préférences e-mail doivent être un objet.' };

/** A partial update: categories not named keep their setting. */
export class UpdateNotificationPreferencesCommand {
  @ApiProperty({
    type: NotificationEmailChanges,
    description: 'Categories to change (false: no e-mail); the others keep their setting.',
  })
  @IsDefined(EMAILS_REQUIRED)
  @IsObject(EMAILS_OBJECT)
  @ValidateNested(EMAILS_OBJECT)
  @Type(() => NotificationEmailChanges)
  emails!: NotificationEmailChanges;
}

// Outgoing e-mails, for operators.

export class ListOutgoingMessagesQuery extends NotificationPaging {
  @ApiPropertyOptional({
    enum: OUTGOING_MESSAGE_STATUSES,
    description: 'All statuses when absent; `failed` lists what an operator should look at.',
    example: 'failed',
  })
  @IsOptional()
  @IsIn(OUTGOING_MESSAGE_STATUSES, {
    message: `Le statut doit être l'un de : ${OUTGOING_MESSAGE_STATUSES.join(', ')}.`,
  })
  status?: OutgoingMessageStatus;
}

/** One outgoing message (also the path of `POST /admin/outgoing-messages/{id}/retry`). */
export class OutgoingMessageRef {
  @UuidField("L'identifiant du message")
  id!: string;
}

/** An e-mail of the queue, without its bodies (they may hold single-use tokens). */
export class OutgoingMessageView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The domain event that caused the message.' })
  eventId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  accountId!: string | null;

  @ApiProperty({ format: 'email', example: 'camille.martin@example.fr' })
  recipient!: string;

  @ApiProperty({
    description: 'The template, e.g. `application-submitted`, `password-reset`.',
    example: 'application-submitted',
  })
  template!: string;

  @ApiProperty({ example: 'Nous avons bien enregistré votre demande – Restauration scolaire' })
  subject!: string;

  @ApiProperty({
    enum: OUTGOING_MESSAGE_STATUSES,
    description: '`cancelled`: the account was closed before the message left.',
    example: 'failed',
  })
  status!: OutgoingMessageStatus;

  @ApiProperty({ description: 'SMTP attempts so far.', example: 1 })
  attempts!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The last SMTP error.',
    example: '451 4.3.0 Mail server temporarily rejected message.',
  })
  lastError!: string | null;

  @ApiProperty({ format: 'date-time' })
  nextAttemptAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class OutgoingMessagePage {
  @ApiProperty({ type: [OutgoingMessageView], description: 'Newest first; never the bodies.' })
  items!: OutgoingMessageView[];

  @ApiProperty({ example: 1 })
  page!: number;

  @ApiProperty({ example: DEFAULT_NOTIFICATIONS_PAGE_SIZE })
  pageSize!: number;

  @ApiProperty({ description: 'Messages of the status asked for.', example: 3 })
  total!: number;
}

declare module './requests' {
  interface RequestReplies {
    [NotificationSubjects.list]: { request: ListNotificationsQuery; reply: NotificationPage };
    [NotificationSubjects.unreadCount]: { request: NoPayload; reply: UnreadCount };
    [NotificationSubjects.markRead]: { request: NotificationIdCommand; reply: NotificationView };
    [NotificationSubjects.markAllRead]: { request: NoPayload; reply: UnreadCount };
    [NotificationSubjects.getPreferences]: { request: NoPayload; reply: NotificationPreferences };
    [NotificationSubjects.updatePreferences]: {
      request: UpdateNotificationPreferencesCommand;
      reply: NotificationPreferences;
    };
    [NotificationSubjects.outgoingMessagesList]: {
      request: ListOutgoingMessagesQuery;
      reply: OutgoingMessagePage;
    };
    [NotificationSubjects.outgoingMessagesRetry]: {
      request: OutgoingMessageRef;
      reply: OutgoingMessageView;
    };
  }
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  DEFAULT_NOTIFICATIONS_PAGE_SIZE,
  MAX_NOTIFICATIONS_PAGE_SIZE,
  type NotificationCategory,
  type NotificationPage,
  type NotificationPreferences,
  type NotificationView,
  type UnreadCount,
  type UpdateNotificationPreferencesCommand,
} from '@portail/contracts';

export class ListNotificationsQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La page doit être un entier.' })
  @Min(1, { message: 'La page commence à 1.' })
  @Max(10_000, { message: 'La page ne doit pas dépasser 10000.' })
  page?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_NOTIFICATIONS_PAGE_SIZE,
    default: DEFAULT_NOTIFICATIONS_PAGE_SIZE,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La taille de page doit être un entier.' })
  @Min(1, { message: 'La taille de page doit être au moins 1.' })
  @Max(MAX_NOTIFICATIONS_PAGE_SIZE, {
    message: `La taille de page ne doit pas dépasser ${MAX_NOTIFICATIONS_PAGE_SIZE}.`,
  })
  pageSize?: number;
}

export class NotificationIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: "L'identifiant de la notification doit être un UUID." })
  id!: string;
}

export class NotificationDto implements NotificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['security', 'applications', 'bookings', 'invoices', 'news'] })
  category!: NotificationCategory;
  @ApiProperty({ example: 'Mot de passe modifié' }) title!: string;
  @ApiProperty({ example: 'Votre mot de passe a été modifié.' }) body!: string;
  @ApiProperty({ nullable: true, type: String }) link!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) readAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class NotificationPageDto implements NotificationPage {
  @ApiProperty({ type: [NotificationDto], description: 'Unread first, then newest first' })
  items!: NotificationDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() unread!: number;
}

export class UnreadCountDto implements UnreadCount {
  @ApiProperty() unread!: number;
}

const BOOLEAN = { message: 'Chaque préférence doit valoir true ou false.' };

export class EmailPreferencesDto {
  @ApiPropertyOptional({ description: 'Requests (demandes): received, validated, rejected…' })
  @IsOptional()
  @IsBoolean(BOOLEAN)
  applications?: boolean;

  @ApiPropertyOptional({ description: 'Bookings (réservations)' })
  @IsOptional()
  @IsBoolean(BOOLEAN)
  bookings?: boolean;

  @ApiPropertyOptional({ description: 'Invoices and payments' })
  @IsOptional()
  @IsBoolean(BOOLEAN)
  invoices?: boolean;

  @ApiPropertyOptional({ description: 'News of the portal' })
  @IsOptional()
  @IsBoolean(BOOLEAN)
  news?: boolean;
}

export class UpdateNotificationPreferencesDto implements UpdateNotificationPreferencesCommand {
  @ApiProperty({
    type: EmailPreferencesDto,
    description: 'Categories to change (false: no e-mail); the others keep their setting',
  })
  @IsDefined({ message: 'Les préférences e-mail sont obligatoires.' })
  @ValidateNested()
  @Type(() => EmailPreferencesDto)
  emails!: EmailPreferencesDto;
}

class AllEmailPreferencesDto {
  @ApiProperty() applications!: boolean;
  @ApiProperty() bookings!: boolean;
  @ApiProperty() invoices!: boolean;
  @ApiProperty() news!: boolean;
}

export class NotificationPreferencesDto implements NotificationPreferences {
  @ApiProperty({
    type: AllEmailPreferencesDto,
    description:
      'E-mails wanted per category. Security e-mails (verification, password reset) are always sent.',
  })
  emails!: AllEmailPreferencesDto;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  DEFAULT_NOTIFICATIONS_PAGE_SIZE,
  MAX_NOTIFICATIONS_PAGE_SIZE,
  OUTGOING_MESSAGE_STATUSES,
  type ListOutgoingMessagesQuery,
  type OutgoingMessagePage,
  type OutgoingMessageStatus,
  type OutgoingMessageView,
} from '@portail/contracts';

export class ListOutgoingMessagesQueryDto implements ListOutgoingMessagesQuery {
  @ApiPropertyOptional({
    enum: OUTGOING_MESSAGE_STATUSES,
    description: 'All statuses when absent; `failed` lists what an operator should look at.',
  })
  @IsOptional()
  @IsIn(OUTGOING_MESSAGE_STATUSES, {
    message: `Le statut doit être l'un de : ${OUTGOING_MESSAGE_STATUSES.join(', ')}.`,
  })
  status?: OutgoingMessageStatus;

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

export class OutgoingMessageIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: "L'identifiant du message doit être un UUID." })
  id!: string;
}

export class OutgoingMessageDto implements OutgoingMessageView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The domain event that caused the message' })
  eventId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) accountId!: string | null;
  @ApiProperty({ example: 'camille.martin@example.fr' }) recipient!: string;
  @ApiProperty({ example: 'application-submitted' }) template!: string;
  @ApiProperty({ example: 'Nous avons bien enregistré votre demande – Restauration scolaire' })
  subject!: string;
  @ApiProperty({ enum: OUTGOING_MESSAGE_STATUSES }) status!: OutgoingMessageStatus;
  @ApiProperty({ description: 'SMTP attempts so far' }) attempts!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The last SMTP error' })
  lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) nextAttemptAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class OutgoingMessagePageDto implements OutgoingMessagePage {
  @ApiProperty({ type: [OutgoingMessageDto], description: 'Newest first; never the bodies' })
  items!: OutgoingMessageDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

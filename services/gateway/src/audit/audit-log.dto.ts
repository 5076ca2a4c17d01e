import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';
import type { AuditEntryView, CallerKind, ListAuditLogQuery, Page } from '@portail/contracts';
import { PageQuery } from '../agents/agent.dto';
import { OptionalText } from '../directory/validation';

export class ListAuditLogQueryDto extends PageQuery implements ListAuditLogQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Account that read or wrote.' })
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant du compte doit être un UUID." })
  actorAccountId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant du foyer doit être un UUID." })
  householdId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The agent's organisation." })
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  organisationId?: string;

  @ApiPropertyOptional({ example: 'household.read', maxLength: 100 })
  @OptionalText("L'action", 100)
  action?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from doit être une date ISO 8601.' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Exclusive.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to doit être une date ISO 8601.' })
  to?: string;
}

export class AuditEntryDto implements AuditEntryView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ format: 'uuid' })
  actorAccountId!: string;

  @ApiProperty({ enum: ['family', 'agent', 'admin'] })
  actorKind!: CallerKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  organisationId!: string | null;

  @ApiProperty({ example: 'household.read' })
  action!: string;

  @ApiProperty({ example: 'household' })
  subjectType!: string;

  @ApiProperty({ type: String, nullable: true })
  subjectId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  householdId!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  details!: Record<string, unknown>;
}

export class AuditEntryPageDto implements Page<AuditEntryView> {
  @ApiProperty({ type: [AuditEntryDto] })
  items!: AuditEntryDto[];

  @ApiProperty()
  total!: number;

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;
}

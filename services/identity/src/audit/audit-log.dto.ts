import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE, type AuditEntryView, type ListAuditLogQuery } from '@portail/contracts';
import { OptionalText } from '../organisations/contact-details.dto';
import type { AuditLogEntry } from './audit-log-entry.entity';

export class ListAuditLogDto implements ListAuditLogQuery {
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant du compte doit être un UUID." })
  actorAccountId?: string;

  @IsOptional()
  @IsUUID('all', { message: "L'identifiant du foyer doit être un UUID." })
  householdId?: string;

  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  organisationId?: string;

  @OptionalText("L'action", 100)
  action?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from doit être une date ISO 8601.' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to doit être une date ISO 8601.' })
  to?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page doit être un entier.' })
  @Min(1, { message: 'page doit être au moins 1.' })
  @Max(100000, { message: 'page ne doit pas dépasser 100000.' })
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize doit être un entier.' })
  @Min(1, { message: 'pageSize doit être au moins 1.' })
  @Max(MAX_PAGE_SIZE, { message: `pageSize ne doit pas dépasser ${MAX_PAGE_SIZE}.` })
  pageSize?: number;
}

export function toAuditEntryView(entry: AuditLogEntry): AuditEntryView {
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    actorAccountId: entry.actorAccountId,
    actorKind: entry.actorKind,
    organisationId: entry.organisationId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    householdId: entry.householdId,
    details: entry.details,
  };
}

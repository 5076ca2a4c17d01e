import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type AuditEntryView,
  type Caller,
  type ListAuditLogQuery,
  type Page,
} from '@portail/contracts';
import { requireAdmin } from '../agents/caller-access';
import { AuditLogEntry } from './audit-log-entry.entity';
import { toAuditEntryView } from './audit-entry-view';

/** Administrators read the audit log, newest first, one capped page at a time. */
@Injectable()
export class ListAuditLog {
  constructor(
    @InjectRepository(AuditLogEntry) private readonly entries: Repository<AuditLogEntry>,
  ) {}

  async execute(caller: Caller, query: ListAuditLogQuery): Promise<Page<AuditEntryView>> {
    requireAdmin(caller);
    const page = query.page ?? 1;
    const pageSize = Math.min(query.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const builder = this.entries.createQueryBuilder('entry');
    if (query.actorAccountId)
      builder.andWhere('entry.actor_account_id = :actor', { actor: query.actorAccountId });
    if (query.householdId)
      builder.andWhere('entry.household_id = :household', { household: query.householdId });
    if (query.organisationId)
      builder.andWhere('entry.organisation_id = :organisation', {
        organisation: query.organisationId,
      });
    if (query.action) builder.andWhere('entry.action = :action', { action: query.action });
    if (query.from) builder.andWhere('entry.at >= :from', { from: new Date(query.from) });
    if (query.to) builder.andWhere('entry.at < :to', { to: new Date(query.to) });
    // Two entries may share an instant: the id (UUID v7) breaks the tie in a stable order.
    const [rows, total] = await builder
      .orderBy('entry.at', 'DESC')
      .addOrderBy('entry.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map(toAuditEntryView), total, page, pageSize };
  }
}

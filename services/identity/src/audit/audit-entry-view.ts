import type { AuditEntryView } from '@portail/contracts';
import type { AuditLogEntry } from './audit-log-entry.entity';

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

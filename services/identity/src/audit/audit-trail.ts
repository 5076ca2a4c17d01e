import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { Caller } from '@portail/contracts';

export interface AuditEntry {
  /** Who read or wrote: the caller of the use case. */
  actor: Caller;
  /** `<subject>.<verb>`, e.g. `household.read`, `child.update`, `household-links.list`. */
  action: string;
  /** What was touched: `household`, `child`, `guardian`… */
  subjectType: string;
  subjectId?: string | null;
  /** The household the data belongs to, so that admins can follow one family's data. */
  householdId?: string | null;
  /** Anything useful to an auditor (changed field names, a count…), never the data itself. */
  details?: Record<string, unknown>;
}

/**
 * The audit log of access to family data. Use cases call `record` with the manager of their
 * own transaction, so that a write and its audit line commit (or roll back) together; a read
 * may pass `dataSource.manager`.
 */
@Injectable()
export class AuditTrail {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (id, at, actor_account_id, actor_kind, organisation_id, action,
                              subject_type, subject_id, household_id, details)
       VALUES ($1, now(), $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        uuidv7(),
        entry.actor.accountId,
        entry.actor.kind,
        entry.actor.kind === 'agent' ? entry.actor.organisationId : null,
        entry.action,
        entry.subjectType,
        entry.subjectId ?? null,
        entry.householdId ?? null,
        JSON.stringify(entry.details ?? {}),
      ],
    );
  }
}

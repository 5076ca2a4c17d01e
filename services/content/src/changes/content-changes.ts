import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { Caller, ContentChangeView } from '@portail/contracts';
import { ContentChange } from './content-change.entity';

/** Records a change in the same transaction as the change itself. */
export async function recordChange(
  manager: EntityManager,
  caller: Caller,
  change: Pick<ContentChangeView, 'organisationId' | 'subjectType' | 'subjectId' | 'action'> & {
    snapshot?: Record<string, unknown>;
  },
): Promise<void> {
  await manager.query(
    `INSERT INTO content_changes
       (id, organisation_id, subject_type, subject_id, action, actor_account_id, snapshot)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      uuidv7(),
      change.organisationId,
      change.subjectType,
      change.subjectId,
      change.action,
      caller.accountId,
      change.snapshot ? JSON.stringify(change.snapshot) : null,
    ],
  );
}

export function toContentChangeView(change: ContentChange): ContentChangeView {
  return {
    id: change.id,
    organisationId: change.organisationId,
    subjectType: change.subjectType,
    subjectId: change.subjectId,
    action: change.action,
    actorAccountId: change.actorAccountId,
    at: change.at.toISOString(),
  };
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { Caller, HouseholdChangeAction, HouseholdChangeEntity } from '@portail/contracts';

type Fields = Record<string, unknown>;

/** The fields whose JSON differs, with their values before and after; undefined when none. */
export function changedFields(
  before: Fields,
  after: Fields,
): { before: Fields; after: Fields } | undefined {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changed = [...keys].filter(
    (key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null),
  );
  if (changed.length === 0) return undefined;
  return {
    before: Object.fromEntries(changed.map((key) => [key, before[key] ?? null])),
    after: Object.fromEntries(changed.map((key) => [key, after[key] ?? null])),
  };
}

export interface ChangeEntry {
  householdId: string;
  entity: HouseholdChangeEntity;
  entityId: string;
  action: HouseholdChangeAction;
  before: Fields | null;
  after: Fields | null;
}

/** Writes who changed what and when, in the transaction of the change itself. */
@Injectable()
export class HouseholdHistory {
  async record(manager: EntityManager, caller: Caller, entry: ChangeEntry): Promise<void> {
    await manager.query(
      `INSERT INTO household_changes
         (id, household_id, at, actor_account_id, actor_kind, entity, entity_id, action, before, after)
       VALUES ($1, $2, now(), $3, $4, $5, $6, $7, $8, $9)`,
      [
        uuidv7(),
        entry.householdId,
        caller.accountId,
        caller.kind,
        entry.entity,
        entry.entityId,
        entry.action,
        entry.before === null ? null : JSON.stringify(entry.before),
        entry.after === null ? null : JSON.stringify(entry.after),
      ],
    );
  }

  /** Records an update with only the fields that changed; nothing when nothing changed. */
  async recordUpdate(
    manager: EntityManager,
    caller: Caller,
    entry: Omit<ChangeEntry, 'action' | 'before' | 'after'>,
    before: Fields,
    after: Fields,
  ): Promise<boolean> {
    const diff = changedFields(before, after);
    if (!diff) return false;
    await this.record(manager, caller, { ...entry, action: 'updated', ...diff });
    return true;
  }
}

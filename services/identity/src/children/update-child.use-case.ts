import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, ChildView, UpdateChildCommand } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { HouseholdPermissions } from '../households/household-permissions';
import { HouseholdHistory } from '../households/household-history';
import { ChildNotFoundException } from '../households/household.exception';
import { childRecord, toChildSnapshot, toChildView } from '../households/household.views';
import { applyChildInput } from './child-input';
import { Child } from './child.entity';

/**
 * The family replaces a child's details (PUT). `identity.child.updated` is recorded only when
 * what other services hold changed (names, birth date, school): health and authorisations
 * never leave identity.
 */
@Injectable()
export class UpdateChild {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: HouseholdPermissions,
    private readonly history: HouseholdHistory,
    private readonly events: EventRecorder,
  ) {}

  execute(caller: Caller, command: UpdateChildCommand): Promise<ChildView> {
    return this.dataSource.transaction(async (manager) => {
      const household = await this.access.ownForUpdate(manager, caller, command.householdId);
      const child = await manager.findOneBy(Child, {
        id: command.childId,
        householdId: household.id,
      });
      if (!child) throw new ChildNotFoundException(command.childId);
      const before = childRecord(child);
      const snapshotBefore = JSON.stringify(toChildSnapshot(child));
      await applyChildInput(manager, child, command);
      const changed = await this.history.recordUpdate(
        manager,
        caller,
        { householdId: household.id, entity: 'child', entityId: child.id },
        before,
        childRecord(child),
      );
      if (changed) {
        await manager.save(child);
        const snapshot = toChildSnapshot(child);
        if (JSON.stringify(snapshot) !== snapshotBefore) {
          await this.events.record(manager, 'identity.child.updated', snapshot);
        }
      }
      return toChildView(child);
    });
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { Caller, ChildView, CreateChildCommand } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { HouseholdPermissions } from '../households/household-permissions';
import { HouseholdHistory } from '../households/household-history';
import { childRecord, toChildSnapshot, toChildView } from '../households/household.views';
import { applyChildInput } from './child-input';
import { Child } from './child.entity';

/** The family adds a child to its household. */
@Injectable()
export class CreateChild {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: HouseholdPermissions,
    private readonly history: HouseholdHistory,
    private readonly events: EventRecorder,
  ) {}

  execute(caller: Caller, command: CreateChildCommand): Promise<ChildView> {
    return this.dataSource.transaction(async (manager) => {
      const household = await this.access.ownForUpdate(manager, caller, command.householdId);
      const child = manager.create(Child, { id: uuidv7(), householdId: household.id });
      await applyChildInput(manager, child, command);
      await manager.save(child);
      await this.history.record(manager, caller, {
        householdId: household.id,
        entity: 'child',
        entityId: child.id,
        action: 'created',
        before: null,
        after: childRecord(child),
      });
      await this.events.record(manager, 'identity.child.created', toChildSnapshot(child));
      return toChildView(child);
    });
  }
}

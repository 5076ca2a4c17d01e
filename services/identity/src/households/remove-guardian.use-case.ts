import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, RemoveGuardianCommand } from '@portail/contracts';
import { Guardian } from './guardian.entity';
import { HouseholdPermissions } from './household-permissions';
import { HouseholdEvents } from './household-events';
import { HouseholdHistory } from './household-history';
import {
  GuardianNotFoundException,
  PrimaryGuardianNotRemovableException,
} from './household.exception';
import { guardianRecord } from './household.views';

/** The family removes the second guardian; the first one, the account holder, stays. */
@Injectable()
export class RemoveGuardian {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: HouseholdPermissions,
    private readonly history: HouseholdHistory,
    private readonly events: HouseholdEvents,
  ) {}

  execute(caller: Caller, command: RemoveGuardianCommand): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const household = await this.access.ownForUpdate(manager, caller, command.householdId);
      const guardian = await manager.findOneBy(Guardian, {
        id: command.guardianId,
        householdId: household.id,
      });
      if (!guardian) throw new GuardianNotFoundException(command.guardianId);
      if (guardian.primary) throw new PrimaryGuardianNotRemovableException();
      await manager.delete(Guardian, { id: guardian.id });
      await this.history.record(manager, caller, {
        householdId: household.id,
        entity: 'guardian',
        entityId: guardian.id,
        action: 'removed',
        before: guardianRecord(guardian),
        after: null,
      });
      await this.events.updated(manager, household);
    });
  }
}

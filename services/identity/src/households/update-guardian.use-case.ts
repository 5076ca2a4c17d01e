import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, GuardianView, UpdateGuardianCommand } from '@portail/contracts';
import { resolveCommune } from './commune-of-residence';
import { Guardian } from './guardian.entity';
import { HouseholdPermissions } from './household-permissions';
import { HouseholdEvents } from './household-events';
import { HouseholdHistory } from './household-history';
import { GuardianNotFoundException } from './household.exception';
import { applyGuardianInput } from './household.repository';
import { guardianRecord, toGuardianView } from './household.views';

/** The family replaces a guardian's details (PUT); the history keeps the fields that changed. */
@Injectable()
export class UpdateGuardian {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: HouseholdPermissions,
    private readonly history: HouseholdHistory,
    private readonly events: HouseholdEvents,
  ) {}

  execute(caller: Caller, command: UpdateGuardianCommand): Promise<GuardianView> {
    return this.dataSource.transaction(async (manager) => {
      const household = await this.access.ownForUpdate(manager, caller, command.householdId);
      const guardian = await manager.findOneBy(Guardian, {
        id: command.guardianId,
        householdId: household.id,
      });
      if (!guardian) throw new GuardianNotFoundException(command.guardianId);
      const commune = await resolveCommune(manager, command.commune, 'commune');
      const before = guardianRecord(guardian);
      applyGuardianInput(guardian, command, commune);
      const changed = await this.history.recordUpdate(
        manager,
        caller,
        { householdId: household.id, entity: 'guardian', entityId: guardian.id },
        before,
        guardianRecord(guardian),
      );
      if (changed) {
        await manager.save(guardian);
        await this.events.updated(manager, household);
      }
      return toGuardianView(guardian);
    });
  }
}

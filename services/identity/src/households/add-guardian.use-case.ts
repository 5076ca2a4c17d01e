import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AddGuardianCommand, Caller, GuardianView } from '@portail/contracts';
import { resolveCommune } from './commune-of-residence';
import { Guardian } from './guardian.entity';
import { HouseholdPermissions } from './household-permissions';
import { HouseholdEvents } from './household-events';
import { HouseholdHistory } from './household-history';
import { GuardianLimitReachedException } from './household.exception';
import { applyGuardianInput } from './household.repository';
import { guardianRecord, toGuardianView } from './household.views';

export const MAX_GUARDIANS = 2;

/**
 * The first guardian adds the second one, as data: separated parents each keep their own
 * address and commune. Linking the second guardian's own account is left for later.
 */
@Injectable()
export class AddGuardian {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: HouseholdPermissions,
    private readonly history: HouseholdHistory,
    private readonly events: HouseholdEvents,
  ) {}

  execute(caller: Caller, command: AddGuardianCommand): Promise<GuardianView> {
    return this.dataSource.transaction(async (manager) => {
      const household = await this.access.ownForUpdate(manager, caller, command.householdId);
      const count = await manager.countBy(Guardian, { householdId: household.id });
      if (count >= MAX_GUARDIANS) throw new GuardianLimitReachedException();
      const commune = await resolveCommune(manager, command.commune, 'commune');
      const guardian = manager.create(Guardian, {
        id: uuidv7(),
        householdId: household.id,
        accountId: null,
        primary: false,
      });
      applyGuardianInput(guardian, command, commune);
      await manager.save(guardian);
      await this.history.record(manager, caller, {
        householdId: household.id,
        entity: 'guardian',
        entityId: guardian.id,
        action: 'created',
        before: null,
        after: guardianRecord(guardian),
      });
      await this.events.updated(manager, household);
      return toGuardianView(guardian);
    });
  }
}

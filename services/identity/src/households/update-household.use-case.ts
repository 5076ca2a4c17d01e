import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, HouseholdView, UpdateHouseholdCommand } from '@portail/contracts';
import { HouseholdPermissions } from './household-permissions';
import { HouseholdEvents } from './household-events';
import { HouseholdHistory } from './household-history';
import { Household } from './household.entity';
import { householdView } from './household.repository';
import { householdRecord } from './household.views';

/** The family changes its CAF number or family quotient: absent fields are kept, null clears. */
@Injectable()
export class UpdateHousehold {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: HouseholdPermissions,
    private readonly history: HouseholdHistory,
    private readonly events: HouseholdEvents,
  ) {}

  execute(caller: Caller, command: UpdateHouseholdCommand): Promise<HouseholdView> {
    return this.dataSource.transaction(async (manager) => {
      const household = await this.access.ownForUpdate(manager, caller, command.householdId);
      const before = householdRecord(household);
      if (command.cafNumber !== undefined) household.cafNumber = command.cafNumber;
      if (command.familyQuotient !== undefined) household.familyQuotient = command.familyQuotient;
      if (command.familyQuotientValidUntil !== undefined) {
        household.familyQuotientValidUntil = command.familyQuotientValidUntil;
      }
      const changed = await this.history.recordUpdate(
        manager,
        caller,
        { householdId: household.id, entity: 'household', entityId: household.id },
        before,
        householdRecord(household),
      );
      if (changed) {
        await manager.save(Household, household);
        await this.events.updated(manager, household);
      }
      return householdView(manager, household);
    });
  }
}

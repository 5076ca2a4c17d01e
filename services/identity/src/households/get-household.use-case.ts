import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, HouseholdView } from '@portail/contracts';
import { HouseholdPermissions } from './household-permissions';
import { HouseholdNotFoundException } from './household.exception';
import { householdView } from './household.repository';

/** A household with its guardians and children: its family, an admin, or an agent in scope (audited). */
@Injectable()
export class GetHousehold {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: HouseholdPermissions,
  ) {}

  execute(caller: Caller, householdId: string): Promise<HouseholdView> {
    return this.dataSource.transaction(async (manager) => {
      const household = await this.access.readable(manager, caller, householdId, {
        type: 'household',
        id: householdId,
      });
      return householdView(manager, household);
    });
  }
}

/** The household of the calling family account. */
@Injectable()
export class GetMyHousehold {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: HouseholdPermissions,
  ) {}

  async execute(caller: Caller): Promise<HouseholdView> {
    this.access.requireFamily(caller);
    const manager = this.dataSource.manager;
    const household = await this.access.ownedBy(manager, caller);
    if (!household) throw new HouseholdNotFoundException();
    return householdView(manager, household);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, HouseholdChangeView, HouseholdHistoryQuery } from '@portail/contracts';
import { HouseholdPermissions } from './household-permissions';
import { HouseholdChange } from './household-change.entity';
import { forbidden } from './household.exception';
import { toHouseholdChangeView } from './household.views';

export const DEFAULT_HISTORY_LIMIT = 100;

/** Who changed what and when in a household: for its family and for admins, most recent first. */
@Injectable()
export class ListHouseholdHistory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: HouseholdPermissions,
  ) {}

  execute(caller: Caller, query: HouseholdHistoryQuery): Promise<HouseholdChangeView[]> {
    if (caller.kind === 'agent') throw forbidden();
    return this.dataSource.transaction(async (manager) => {
      await this.access.readable(manager, caller, query.householdId, {
        type: 'household-history',
        id: query.householdId,
      });
      const changes = await manager.find(HouseholdChange, {
        where: { householdId: query.householdId },
        order: { at: 'DESC', id: 'DESC' },
        take: query.limit ?? DEFAULT_HISTORY_LIMIT,
      });
      return changes.map(toHouseholdChangeView);
    });
  }
}

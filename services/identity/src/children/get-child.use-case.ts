import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, ChildView, GetChildQuery } from '@portail/contracts';
import { HouseholdPermissions } from '../households/household-permissions';
import { ChildNotFoundException } from '../households/household.exception';
import { toChildView } from '../households/household.views';
import { Child } from './child.entity';

/** One child: its family, an admin, or an agent in scope (audited). */
@Injectable()
export class GetChild {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: HouseholdPermissions,
  ) {}

  execute(caller: Caller, query: GetChildQuery): Promise<ChildView> {
    return this.dataSource.transaction(async (manager) => {
      await this.access.readable(manager, caller, query.householdId, {
        type: 'child',
        id: query.childId,
      });
      const child = await manager.findOneBy(Child, {
        id: query.childId,
        householdId: query.householdId,
      });
      if (!child) throw new ChildNotFoundException(query.childId);
      return toChildView(child);
    });
  }
}

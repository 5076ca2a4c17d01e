import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@portail/contracts';
import { HouseholdAccess } from '../agents/household-access';
import { HouseholdPermissions } from './household-permissions';

/** The municipal services the calling family's household deals with; none for other callers. */
@Injectable()
export class ListMyServiceIds {
  constructor(
    private readonly dataSource: DataSource,
    private readonly permissions: HouseholdPermissions,
    private readonly access: HouseholdAccess,
  ) {}

  async execute(caller: Caller): Promise<string[]> {
    if (caller.kind !== 'family') return [];
    const household = await this.permissions.ownedBy(this.dataSource.manager, caller);
    return household ? this.access.servicesDealingWith(household.id) : [];
  }
}

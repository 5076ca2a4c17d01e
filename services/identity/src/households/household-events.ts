import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventRecorder } from '@portail/messaging';
import type { Household } from './household.entity';
import { guardiansOf } from './household.repository';
import { toHouseholdSnapshot } from './household.views';

/** `identity.household.updated` with the household's whole snapshot after the change. */
@Injectable()
export class HouseholdEvents {
  constructor(private readonly events: EventRecorder) {}

  async updated(manager: EntityManager, household: Household): Promise<void> {
    const guardians = await guardiansOf(manager, household.id);
    await this.events.record(
      manager,
      'identity.household.updated',
      toHouseholdSnapshot(household, guardians),
    );
  }
}

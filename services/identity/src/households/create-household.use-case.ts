import { isUniqueViolation } from '@portail/database';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { Caller, CreateHouseholdCommand, HouseholdView } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { resolveCommune } from './commune-of-residence';
import { Guardian } from './guardian.entity';
import { HouseholdPermissions } from './household-permissions';
import { HouseholdHistory } from './household-history';
import { Household } from './household.entity';
import { HouseholdAlreadyExistsException } from './household.exception';
import { applyGuardianInput, householdView } from './household.repository';
import { guardianRecord, householdRecord, toHouseholdSnapshot } from './household.views';

/** A family creates its household; its account becomes the first guardian's. One per account. */
@Injectable()
export class CreateHousehold {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: HouseholdPermissions,
    private readonly history: HouseholdHistory,
    private readonly events: EventRecorder,
  ) {}

  async execute(caller: Caller, command: CreateHouseholdCommand): Promise<HouseholdView> {
    this.access.requireFamily(caller);
    try {
      return await this.dataSource.transaction(async (manager) => {
        if (await this.access.ownedBy(manager, caller)) throw new HouseholdAlreadyExistsException();
        const commune = await resolveCommune(manager, command.guardian.commune, 'guardian.commune');
        const household = manager.create(Household, {
          id: uuidv7(),
          createdByAccountId: caller.accountId,
          cafNumber: command.cafNumber ?? null,
          familyQuotient: command.familyQuotient ?? null,
          familyQuotientValidUntil: command.familyQuotientValidUntil ?? null,
          anonymisedAt: null,
        });
        await manager.save(household);
        const guardian = manager.create(Guardian, {
          id: uuidv7(),
          householdId: household.id,
          accountId: caller.accountId,
          primary: true,
        });
        applyGuardianInput(guardian, command.guardian, commune);
        await manager.save(guardian);

        const ref = { householdId: household.id };
        await this.history.record(manager, caller, {
          ...ref,
          entity: 'household',
          entityId: household.id,
          action: 'created',
          before: null,
          after: householdRecord(household),
        });
        await this.history.record(manager, caller, {
          ...ref,
          entity: 'guardian',
          entityId: guardian.id,
          action: 'created',
          before: null,
          after: guardianRecord(guardian),
        });
        await this.events.record(
          manager,
          'identity.household.created',
          toHouseholdSnapshot(household, [guardian]),
        );
        return householdView(manager, household);
      });
    } catch (error) {
      // Two creations at once for one account: the unique index on guardians.account_id decides.
      if (isUniqueViolation(error, 'guardians_account_uq'))
        throw new HouseholdAlreadyExistsException();
      throw error;
    }
  }
}

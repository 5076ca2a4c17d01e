import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentsModule } from '../agents/agents.module';
import { AuditModule } from '../audit/audit.module';
import { Child } from '../children/child.entity';
import { CreateChild } from '../children/create-child.use-case';
import { GetChild } from '../children/get-child.use-case';
import { ListChildProfiles } from '../children/list-child-profiles.use-case';
import { UpdateChild } from '../children/update-child.use-case';
import { ChildrenController } from '../children/children.controller';
import { AddGuardian } from './add-guardian.use-case';
import { CreateHousehold } from './create-household.use-case';
import { GetHousehold, GetMyHousehold } from './get-household.use-case';
import { GetHouseholdProfile } from './get-household-profile.use-case';
import { Guardian } from './guardian.entity';
import { HouseholdPermissions } from './household-permissions';
import { HouseholdChange } from './household-change.entity';
import { HouseholdEvents } from './household-events';
import { HouseholdHistory } from './household-history';
import { Household } from './household.entity';
import { HouseholdsController } from './households.controller';
import { ListHouseholdHistory } from './list-household-history.use-case';
import { ListMyServiceIds } from './list-my-service-ids.use-case';
import { RemoveGuardian } from './remove-guardian.use-case';
import { UpdateGuardian } from './update-guardian.use-case';
import { UpdateHousehold } from './update-household.use-case';

/** Households, their guardians and children, and their history. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Household, Guardian, Child, HouseholdChange]),
    AuditModule,
    AgentsModule,
  ],
  controllers: [HouseholdsController, ChildrenController],
  providers: [
    HouseholdPermissions,
    HouseholdHistory,
    HouseholdEvents,
    CreateHousehold,
    GetMyHousehold,
    GetHousehold,
    UpdateHousehold,
    ListHouseholdHistory,
    ListMyServiceIds,
    GetHouseholdProfile,
    AddGuardian,
    UpdateGuardian,
    RemoveGuardian,
    CreateChild,
    GetChild,
    UpdateChild,
    ListChildProfiles,
  ],
  exports: [HouseholdPermissions, HouseholdHistory],
})
export class HouseholdsModule {}

import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  HouseholdSubjects,
  type Caller,
  type GuardianView,
  type HouseholdChangeView,
  type HouseholdProfile,
  type HouseholdView,
} from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import { AddGuardian } from './add-guardian.use-case';
import { CreateHousehold } from './create-household.use-case';
import { GetHousehold, GetMyHousehold } from './get-household.use-case';
import { GetHouseholdProfile } from './get-household-profile.use-case';
import {
  AddGuardianDto,
  CreateHouseholdDto,
  HouseholdHistoryDto,
  HouseholdProfileDto,
  HouseholdRefDto,
  RemoveGuardianDto,
  UpdateGuardianDto,
  UpdateHouseholdDto,
} from './household.dto';
import { ListHouseholdHistory } from './list-household-history.use-case';
import { ListMyServiceIds } from './list-my-service-ids.use-case';
import { RemoveGuardian } from './remove-guardian.use-case';
import { UpdateGuardian } from './update-guardian.use-case';
import { UpdateHousehold } from './update-household.use-case';

@Controller()
export class HouseholdsController {
  constructor(
    private readonly createHousehold: CreateHousehold,
    private readonly getMyHousehold: GetMyHousehold,
    private readonly getHousehold: GetHousehold,
    private readonly updateHousehold: UpdateHousehold,
    private readonly listHistory: ListHouseholdHistory,
    private readonly addGuardian: AddGuardian,
    private readonly updateGuardian: UpdateGuardian,
    private readonly removeGuardian: RemoveGuardian,
    private readonly listMyServiceIds: ListMyServiceIds,
    private readonly getHouseholdProfile: GetHouseholdProfile,
  ) {}

  @MessagePattern(HouseholdSubjects.myServiceIds)
  myServiceIds(@CurrentCaller() caller: Caller): Promise<string[]> {
    return this.listMyServiceIds.execute(caller);
  }

  /** Service to service (enrolment): the gateway never routes it, so no caller is required. */
  @MessagePattern(HouseholdSubjects.enrolmentProfile)
  enrolmentProfile(@Payload() query: HouseholdProfileDto): Promise<HouseholdProfile> {
    return this.getHouseholdProfile.execute(query);
  }

  @MessagePattern(HouseholdSubjects.create)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateHouseholdDto,
  ): Promise<HouseholdView> {
    return this.createHousehold.execute(caller, command);
  }

  @MessagePattern(HouseholdSubjects.getMine)
  getMine(@CurrentCaller() caller: Caller): Promise<HouseholdView> {
    return this.getMyHousehold.execute(caller);
  }

  @MessagePattern(HouseholdSubjects.get)
  get(@CurrentCaller() caller: Caller, @Payload() query: HouseholdRefDto): Promise<HouseholdView> {
    return this.getHousehold.execute(caller, query.householdId);
  }

  @MessagePattern(HouseholdSubjects.update)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateHouseholdDto,
  ): Promise<HouseholdView> {
    return this.updateHousehold.execute(caller, command);
  }

  @MessagePattern(HouseholdSubjects.history)
  history(
    @CurrentCaller() caller: Caller,
    @Payload() query: HouseholdHistoryDto,
  ): Promise<HouseholdChangeView[]> {
    return this.listHistory.execute(caller, query);
  }

  @MessagePattern(HouseholdSubjects.guardiansAdd)
  addGuardianTo(
    @CurrentCaller() caller: Caller,
    @Payload() command: AddGuardianDto,
  ): Promise<GuardianView> {
    return this.addGuardian.execute(caller, command);
  }

  @MessagePattern(HouseholdSubjects.guardiansUpdate)
  updateGuardianOf(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateGuardianDto,
  ): Promise<GuardianView> {
    return this.updateGuardian.execute(caller, command);
  }

  @MessagePattern(HouseholdSubjects.guardiansRemove)
  async removeGuardianFrom(
    @CurrentCaller() caller: Caller,
    @Payload() command: RemoveGuardianDto,
  ): Promise<{ removed: true }> {
    await this.removeGuardian.execute(caller, command);
    return { removed: true };
  }
}

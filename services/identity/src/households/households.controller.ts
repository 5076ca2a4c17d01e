import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AddGuardianCommand,
  CreateHouseholdCommand,
  HouseholdHistoryQuery,
  HouseholdProfileQuery,
  HouseholdRef,
  HouseholdSubjects,
  RemoveGuardianCommand,
  UpdateGuardianCommand,
  UpdateHouseholdCommand,
  type Caller,
  type GuardianView,
  type HouseholdChangeView,
  type HouseholdProfile,
  type HouseholdView,
  type NoReply,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { AddGuardian } from './add-guardian.use-case';
import { CreateHousehold } from './create-household.use-case';
import { GetHousehold, GetMyHousehold } from './get-household.use-case';
import { GetHouseholdProfile } from './get-household-profile.use-case';
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

  @HandlesRequest(HouseholdSubjects.myServiceIds)
  myServiceIds(@CurrentCaller() caller: Caller): Promise<string[]> {
    return this.listMyServiceIds.execute(caller);
  }

  /** Service to service (enrolment): the gateway never routes it, so no caller is required. */
  @HandlesRequest(HouseholdSubjects.enrolmentProfile)
  enrolmentProfile(@Payload() query: HouseholdProfileQuery): Promise<HouseholdProfile> {
    return this.getHouseholdProfile.execute(query);
  }

  @HandlesRequest(HouseholdSubjects.create)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateHouseholdCommand,
  ): Promise<HouseholdView> {
    return this.createHousehold.execute(caller, command);
  }

  @HandlesRequest(HouseholdSubjects.getMine)
  getMine(@CurrentCaller() caller: Caller): Promise<HouseholdView> {
    return this.getMyHousehold.execute(caller);
  }

  @HandlesRequest(HouseholdSubjects.get)
  get(@CurrentCaller() caller: Caller, @Payload() query: HouseholdRef): Promise<HouseholdView> {
    return this.getHousehold.execute(caller, query.householdId);
  }

  @HandlesRequest(HouseholdSubjects.update)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateHouseholdCommand,
  ): Promise<HouseholdView> {
    return this.updateHousehold.execute(caller, command);
  }

  @HandlesRequest(HouseholdSubjects.history)
  history(
    @CurrentCaller() caller: Caller,
    @Payload() query: HouseholdHistoryQuery,
  ): Promise<HouseholdChangeView[]> {
    return this.listHistory.execute(caller, query);
  }

  @HandlesRequest(HouseholdSubjects.guardiansAdd)
  addGuardianTo(
    @CurrentCaller() caller: Caller,
    @Payload() command: AddGuardianCommand,
  ): Promise<GuardianView> {
    return this.addGuardian.execute(caller, command);
  }

  @HandlesRequest(HouseholdSubjects.guardiansUpdate)
  updateGuardianOf(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateGuardianCommand,
  ): Promise<GuardianView> {
    return this.updateGuardian.execute(caller, command);
  }

  @HandlesRequest(HouseholdSubjects.guardiansRemove)
  async removeGuardianFrom(
    @CurrentCaller() caller: Caller,
    @Payload() command: RemoveGuardianCommand,
  ): Promise<NoReply> {
    await this.removeGuardian.execute(caller, command);
    return {};
  }
}

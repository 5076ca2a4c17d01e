import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ChildrenProfilesQuery,
  CreateChildCommand,
  GetChildQuery,
  HouseholdSubjects,
  UpdateChildCommand,
  type Caller,
  type ChildView,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { CreateChild } from './create-child.use-case';
import { GetChild } from './get-child.use-case';
import { ListChildProfiles } from './list-child-profiles.use-case';
import { UpdateChild } from './update-child.use-case';

@Controller()
export class ChildrenController {
  constructor(
    private readonly createChild: CreateChild,
    private readonly getChild: GetChild,
    private readonly updateChild: UpdateChild,
    private readonly listChildProfiles: ListChildProfiles,
  ) {}

  /** Service to service (reservation): the gateway never routes it, so no caller is required. */
  @HandlesRequest(HouseholdSubjects.childrenProfiles)
  profiles(@Payload() query: ChildrenProfilesQuery): Promise<ChildView[]> {
    return this.listChildProfiles.execute(query);
  }

  @HandlesRequest(HouseholdSubjects.childrenCreate)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateChildCommand,
  ): Promise<ChildView> {
    return this.createChild.execute(caller, command);
  }

  @HandlesRequest(HouseholdSubjects.childrenGet)
  get(@CurrentCaller() caller: Caller, @Payload() query: GetChildQuery): Promise<ChildView> {
    return this.getChild.execute(caller, query);
  }

  @HandlesRequest(HouseholdSubjects.childrenUpdate)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateChildCommand,
  ): Promise<ChildView> {
    return this.updateChild.execute(caller, command);
  }
}

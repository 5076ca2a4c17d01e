import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { HouseholdSubjects, type Caller, type ChildView } from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import { CreateChildDto, GetChildDto, UpdateChildDto } from './child.dto';
import { CreateChild } from './create-child.use-case';
import { GetChild } from './get-child.use-case';
import { UpdateChild } from './update-child.use-case';

@Controller()
export class ChildrenController {
  constructor(
    private readonly createChild: CreateChild,
    private readonly getChild: GetChild,
    private readonly updateChild: UpdateChild,
  ) {}

  @MessagePattern(HouseholdSubjects.childrenCreate)
  create(@CurrentCaller() caller: Caller, @Payload() command: CreateChildDto): Promise<ChildView> {
    return this.createChild.execute(caller, command);
  }

  @MessagePattern(HouseholdSubjects.childrenGet)
  get(@CurrentCaller() caller: Caller, @Payload() query: GetChildDto): Promise<ChildView> {
    return this.getChild.execute(caller, query);
  }

  @MessagePattern(HouseholdSubjects.childrenUpdate)
  update(@CurrentCaller() caller: Caller, @Payload() command: UpdateChildDto): Promise<ChildView> {
    return this.updateChild.execute(caller, command);
  }
}

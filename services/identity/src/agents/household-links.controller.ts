import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AgentSubjects, type Caller, type HouseholdLinkView } from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import { HouseholdIdDto, HouseholdServiceLinkDto, ListHouseholdLinksDto } from './agent.dto';
import { LinkHouseholdService } from './link-household-service.use-case';
import { ListHouseholdLinks } from './list-household-links.use-case';

@Controller()
export class HouseholdLinksController {
  constructor(
    private readonly linkHouseholdService: LinkHouseholdService,
    private readonly listHouseholdLinks: ListHouseholdLinks,
  ) {}

  /** Service to service (enrolment, when an application is accepted): not exposed by the gateway. */
  @MessagePattern(AgentSubjects.householdsLinkService)
  link(@Payload() command: HouseholdServiceLinkDto): Promise<{ linked: true }> {
    return this.linkHouseholdService.link(command);
  }

  @MessagePattern(AgentSubjects.householdsUnlinkService)
  unlink(@Payload() command: HouseholdServiceLinkDto): Promise<{ linked: false }> {
    return this.linkHouseholdService.unlink(command);
  }

  @MessagePattern(AgentSubjects.householdLinksList)
  list(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListHouseholdLinksDto,
  ): Promise<HouseholdLinkView[]> {
    return this.listHouseholdLinks.list(caller, query.municipalServiceId);
  }

  @MessagePattern(AgentSubjects.householdLinksGet)
  get(
    @CurrentCaller() caller: Caller,
    @Payload() query: HouseholdIdDto,
  ): Promise<HouseholdLinkView> {
    return this.listHouseholdLinks.get(caller, query.householdId);
  }
}

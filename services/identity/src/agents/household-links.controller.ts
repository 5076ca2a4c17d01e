import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AgentSubjects,
  GetHouseholdLinkQuery,
  HouseholdServiceLinkCommand,
  ListHouseholdLinksQuery,
  type Caller,
  type HouseholdLinkView,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { LinkHouseholdService } from './link-household-service.use-case';
import { ListHouseholdLinks } from './list-household-links.use-case';

@Controller()
export class HouseholdLinksController {
  constructor(
    private readonly linkHouseholdService: LinkHouseholdService,
    private readonly listHouseholdLinks: ListHouseholdLinks,
  ) {}

  /** Service to service (enrolment, when an application is accepted): not exposed by the gateway. */
  @HandlesRequest(AgentSubjects.householdsLinkService)
  link(@Payload() command: HouseholdServiceLinkCommand): Promise<{ linked: true }> {
    return this.linkHouseholdService.link(command);
  }

  @HandlesRequest(AgentSubjects.householdsUnlinkService)
  unlink(@Payload() command: HouseholdServiceLinkCommand): Promise<{ linked: false }> {
    return this.linkHouseholdService.unlink(command);
  }

  @HandlesRequest(AgentSubjects.householdLinksList)
  list(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListHouseholdLinksQuery,
  ): Promise<HouseholdLinkView[]> {
    return this.listHouseholdLinks.list(caller, query.municipalServiceId);
  }

  @HandlesRequest(AgentSubjects.householdLinksGet)
  get(
    @CurrentCaller() caller: Caller,
    @Payload() query: GetHouseholdLinkQuery,
  ): Promise<HouseholdLinkView> {
    return this.listHouseholdLinks.get(caller, query.householdId);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateOrganisationCommand,
  DirectorySubjects,
  GetOrganisationQuery,
  ListOrganisationsQuery,
  Subjects,
  UpdateOrganisationCommand,
  type Caller,
  type OrganisationDetailsView,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { CreateOrganisation } from './create-organisation.use-case';
import { GetOrganisation } from './get-organisation.use-case';
import { ListOrganisations } from './list-organisations.use-case';
import { UpdateOrganisation } from './update-organisation.use-case';

@Controller()
export class OrganisationsController {
  constructor(
    private readonly listOrganisations: ListOrganisations,
    private readonly getOrganisation: GetOrganisation,
    private readonly createOrganisation: CreateOrganisation,
    private readonly updateOrganisation: UpdateOrganisation,
  ) {}

  @HandlesRequest(Subjects.identity.organisationsList)
  list(@Payload() query: ListOrganisationsQuery): Promise<OrganisationDetailsView[]> {
    return this.listOrganisations.execute(query);
  }

  @HandlesRequest(Subjects.identity.organisationsGet)
  get(@Payload() query: GetOrganisationQuery): Promise<OrganisationDetailsView> {
    return this.getOrganisation.execute(query.id);
  }

  @HandlesRequest(DirectorySubjects.organisationsCreate)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateOrganisationCommand,
  ): Promise<OrganisationDetailsView> {
    return this.createOrganisation.execute(caller, command);
  }

  @HandlesRequest(DirectorySubjects.organisationsUpdate)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateOrganisationCommand,
  ): Promise<OrganisationDetailsView> {
    return this.updateOrganisation.execute(caller, command);
  }
}

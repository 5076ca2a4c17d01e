import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DirectorySubjects,
  Subjects,
  type Caller,
  type OrganisationDetailsView,
} from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import { CreateOrganisation } from './create-organisation.use-case';
import {
  CreateOrganisationDto,
  GetOrganisationDto,
  ListOrganisationsDto,
  UpdateOrganisationDto,
} from './organisation.dto';
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

  @MessagePattern(Subjects.identity.organisationsList)
  list(@Payload() query: ListOrganisationsDto): Promise<OrganisationDetailsView[]> {
    return this.listOrganisations.execute(query);
  }

  @MessagePattern(Subjects.identity.organisationsGet)
  get(@Payload() query: GetOrganisationDto): Promise<OrganisationDetailsView> {
    return this.getOrganisation.execute(query.id);
  }

  @MessagePattern(DirectorySubjects.organisationsCreate)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateOrganisationDto,
  ): Promise<OrganisationDetailsView> {
    return this.createOrganisation.execute(caller, command);
  }

  @MessagePattern(DirectorySubjects.organisationsUpdate)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateOrganisationDto,
  ): Promise<OrganisationDetailsView> {
    return this.updateOrganisation.execute(caller, command);
  }
}

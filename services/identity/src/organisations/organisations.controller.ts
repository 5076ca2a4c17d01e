import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Subjects, type OrganisationView } from '@portail/contracts';
import { GetOrganisationDto } from './organisation.dto';
import { GetOrganisation } from './get-organisation.use-case';
import { ListOrganisations } from './list-organisations.use-case';

@Controller()
export class OrganisationsController {
  constructor(
    private readonly listOrganisations: ListOrganisations,
    private readonly getOrganisation: GetOrganisation,
  ) {}

  @MessagePattern(Subjects.identity.organisationsList)
  list(): Promise<OrganisationView[]> {
    return this.listOrganisations.execute();
  }

  @MessagePattern(Subjects.identity.organisationsGet)
  get(@Payload() query: GetOrganisationDto): Promise<OrganisationView> {
    return this.getOrganisation.execute(query.id);
  }
}

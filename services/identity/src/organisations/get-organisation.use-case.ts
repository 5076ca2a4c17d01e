import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { OrganisationDetailsView } from '@portail/contracts';
import { toMunicipalServiceView } from '../municipal-services/municipal-service-view';
import { MunicipalService } from '../municipal-services/municipal-service.entity';
import { Organisation } from './organisation.entity';
import { toOrganisationView } from './organisation-view';
import { OrganisationNotFoundException } from './organisation.exception';

@Injectable()
export class GetOrganisation {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectRepository(MunicipalService) private readonly services: Repository<MunicipalService>,
  ) {}

  /** An organisation, even deactivated (it says so), with all its services. */
  async execute(id: string): Promise<OrganisationDetailsView> {
    const organisation = await this.organisations.findOneBy({ id });
    if (!organisation) throw new OrganisationNotFoundException(id);
    const services = await this.services.find({
      where: { organisationId: id },
      order: { name: 'ASC' },
    });
    return toOrganisationView(organisation, services.map(toMunicipalServiceView));
  }

  async findBySlug(slug: string): Promise<OrganisationDetailsView | undefined> {
    const organisation = await this.organisations.findOneBy({ slug });
    return organisation ? this.execute(organisation.id) : undefined;
  }
}

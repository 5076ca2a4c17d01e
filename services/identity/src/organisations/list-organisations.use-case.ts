import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { ListOrganisationsQuery, OrganisationDetailsView } from '@portail/contracts';
import { toMunicipalServiceView } from '../municipal-services/municipal-service-view';
import { MunicipalService } from '../municipal-services/municipal-service.entity';
import { Organisation } from './organisation.entity';
import { toOrganisationView } from './organisation-view';

/** Organisations with their services; inactive ones (and inactive services) only on request. */
@Injectable()
export class ListOrganisations {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectRepository(MunicipalService) private readonly services: Repository<MunicipalService>,
  ) {}

  async execute(query: ListOrganisationsQuery = {}): Promise<OrganisationDetailsView[]> {
    const activeOnly = query.includeInactive !== true;
    const rows = await this.organisations.find({
      where: activeOnly ? { active: true } : {},
      order: { name: 'ASC' },
    });
    if (!rows.length) return [];
    const services = await this.services.find({
      where: {
        organisationId: In(rows.map((row) => row.id)),
        ...(activeOnly ? { active: true } : {}),
      },
      order: { name: 'ASC' },
    });
    return rows.map((organisation) =>
      toOrganisationView(
        organisation,
        services
          .filter((service) => service.organisationId === organisation.id)
          .map(toMunicipalServiceView),
      ),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { ListSchoolsQuery, SchoolView } from '@portail/contracts';
import { Organisation } from '../organisations/organisation.entity';
import { OrganisationNotFoundException } from '../organisations/organisation.exception';
import { toSchoolView } from './school-view';
import { School } from './school.entity';

@Injectable()
export class ListSchools {
  constructor(
    @InjectRepository(School) private readonly schools: Repository<School>,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
  ) {}

  async execute(query: ListSchoolsQuery): Promise<SchoolView[]> {
    if (!(await this.organisations.existsBy({ id: query.organisationId }))) {
      throw new OrganisationNotFoundException(query.organisationId);
    }
    const builder = this.schools
      .createQueryBuilder('school')
      .where('school.organisation_id = :organisationId', { organisationId: query.organisationId })
      .orderBy('school.kind', 'ASC')
      .addOrderBy('school.name', 'ASC');
    if (query.includeInactive !== true) builder.andWhere('school.active');
    if (query.kind) builder.andWhere('school.kind = :kind', { kind: query.kind });
    if (query.search) {
      const pattern = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      builder.andWhere("(school.name ILIKE :pattern OR school.address->>'city' ILIKE :pattern)", {
        pattern,
      });
    }
    return (await builder.getMany()).map(toSchoolView);
  }
}

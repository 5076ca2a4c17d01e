import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { OrganisationView } from '@portail/contracts';
import { Organisation } from './organisation.entity';
import { toOrganisationView } from './organisation.dto';
import { OrganisationNotFoundException } from './organisation.exception';

@Injectable()
export class GetOrganisation {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
  ) {}

  async execute(id: string): Promise<OrganisationView> {
    const organisation = await this.organisations.findOneBy({ id });
    if (!organisation) throw new OrganisationNotFoundException(id);
    return toOrganisationView(organisation);
  }
}

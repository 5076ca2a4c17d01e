import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { OrganisationView } from '@portail/contracts';
import { Organisation } from './organisation.entity';
import { toOrganisationView } from './organisation.dto';

@Injectable()
export class ListOrganisations {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
  ) {}

  async execute(): Promise<OrganisationView[]> {
    const rows = await this.organisations.find({ order: { name: 'ASC' } });
    return rows.map(toOrganisationView);
  }
}

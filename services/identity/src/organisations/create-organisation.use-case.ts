import { isUniqueViolation } from '@portail/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type {
  Caller,
  CreateOrganisationCommand,
  OrganisationDetailsView,
} from '@portail/contracts';
import { requireAdmin } from '../agents/caller-access';
import { cleanContact } from './contact-details';
import { Organisation } from './organisation.entity';
import { toOrganisationView } from './organisation-view';
import { InseeCodeTakenException, OrganisationSlugTakenException } from './organisation.exception';

@Injectable()
export class CreateOrganisation {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
  ) {}

  async execute(
    caller: Caller,
    command: CreateOrganisationCommand,
  ): Promise<OrganisationDetailsView> {
    requireAdmin(caller);
    const organisation = this.organisations.create({
      id: uuidv7(),
      slug: command.slug,
      name: command.name,
      kind: command.kind,
      inseeCode: command.kind === 'commune' ? (command.inseeCode ?? null) : null,
      contact: cleanContact(command.contact),
      active: true,
    });
    try {
      await this.organisations.insert(organisation);
    } catch (error) {
      if (isUniqueViolation(error, 'organisations_insee_code_idx')) {
        throw new InseeCodeTakenException();
      }
      if (isUniqueViolation(error)) throw new OrganisationSlugTakenException(command.slug);
      throw error;
    }
    return toOrganisationView(organisation);
  }
}

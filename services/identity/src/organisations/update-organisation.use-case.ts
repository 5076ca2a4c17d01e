import { isUniqueViolation } from '@portail/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type {
  Caller,
  OrganisationDetailsView,
  UpdateOrganisationCommand,
} from '@portail/contracts';
import { requireAdmin } from '../agents/caller-access';
import { cleanContact } from './contact-details';
import { GetOrganisation } from './get-organisation.use-case';
import { Organisation } from './organisation.entity';
import { InseeCodeTakenException, OrganisationNotFoundException } from './organisation.exception';

/** Renames, changes contact details or (de)activates; slug and kind never change. */
@Injectable()
export class UpdateOrganisation {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    private readonly getOrganisation: GetOrganisation,
  ) {}

  async execute(
    caller: Caller,
    command: UpdateOrganisationCommand,
  ): Promise<OrganisationDetailsView> {
    requireAdmin(caller);
    const organisation = await this.organisations.findOneBy({ id: command.id });
    if (!organisation) throw new OrganisationNotFoundException(command.id);
    if (command.name !== undefined) organisation.name = command.name;
    if (command.contact !== undefined) organisation.contact = cleanContact(command.contact);
    if (command.active !== undefined) organisation.active = command.active;
    if (command.inseeCode !== undefined && organisation.kind === 'commune') {
      organisation.inseeCode = command.inseeCode;
    }
    try {
      await this.organisations.save(organisation);
    } catch (error) {
      if (isUniqueViolation(error, 'organisations_insee_code_idx')) {
        throw new InseeCodeTakenException();
      }
      throw error;
    }
    return this.getOrganisation.execute(organisation.id);
  }
}

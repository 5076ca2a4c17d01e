import { isUniqueViolation } from '@portail/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { Caller, CreateSchoolCommand, SchoolView } from '@portail/contracts';
import { requireAdmin } from '../agents/caller-access';
import { cleanAddress } from '../organisations/contact-details';
import { Organisation } from '../organisations/organisation.entity';
import { OrganisationNotFoundException } from '../organisations/organisation.exception';
import { toSchoolView } from './school-view';
import { School } from './school.entity';
import { SchoolAlreadyExistsException } from './school.exception';

@Injectable()
export class CreateSchool {
  constructor(
    @InjectRepository(School) private readonly schools: Repository<School>,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
  ) {}

  async execute(caller: Caller, command: CreateSchoolCommand): Promise<SchoolView> {
    requireAdmin(caller);
    if (!(await this.organisations.existsBy({ id: command.organisationId }))) {
      throw new OrganisationNotFoundException(command.organisationId);
    }
    const school = this.schools.create({
      id: uuidv7(),
      organisationId: command.organisationId,
      name: command.name,
      kind: command.kind,
      address: cleanAddress(command.address),
      phone: command.phone || null,
      directorName: command.directorName || null,
      active: true,
    });
    try {
      await this.schools.insert(school);
    } catch (error) {
      if (isUniqueViolation(error)) throw new SchoolAlreadyExistsException(command.name);
      throw error;
    }
    return toSchoolView(school);
  }
}

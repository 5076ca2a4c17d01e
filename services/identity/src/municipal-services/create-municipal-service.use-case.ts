import { isUniqueViolation } from '@portail/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type {
  Caller,
  CreateMunicipalServiceCommand,
  MunicipalServiceView,
} from '@portail/contracts';
import { requireAdmin } from '../agents/caller-access';
import { cleanContact } from '../organisations/contact-details';
import { Organisation } from '../organisations/organisation.entity';
import { OrganisationNotFoundException } from '../organisations/organisation.exception';
import { toMunicipalServiceView } from './municipal-service-view';
import { MunicipalService } from './municipal-service.entity';
import { MunicipalServiceCodeTakenException } from './municipal-service.exception';

@Injectable()
export class CreateMunicipalService {
  constructor(
    @InjectRepository(MunicipalService) private readonly services: Repository<MunicipalService>,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
  ) {}

  async execute(
    caller: Caller,
    command: CreateMunicipalServiceCommand,
  ): Promise<MunicipalServiceView> {
    requireAdmin(caller);
    if (!(await this.organisations.existsBy({ id: command.organisationId }))) {
      throw new OrganisationNotFoundException(command.organisationId);
    }
    const service = this.services.create({
      id: uuidv7(),
      organisationId: command.organisationId,
      code: command.code,
      name: command.name,
      category: command.category,
      description: command.description ?? null,
      contact: cleanContact(command.contact),
      active: true,
    });
    try {
      await this.services.insert(service);
    } catch (error) {
      if (isUniqueViolation(error)) throw new MunicipalServiceCodeTakenException(command.code);
      throw error;
    }
    return toMunicipalServiceView(service);
  }
}

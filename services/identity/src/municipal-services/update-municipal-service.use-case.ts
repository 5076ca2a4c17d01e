import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type {
  Caller,
  MunicipalServiceView,
  UpdateMunicipalServiceCommand,
} from '@portail/contracts';
import { requireAdmin } from '../agents/caller-access';
import { cleanContact } from '../organisations/contact-details';
import { toMunicipalServiceView } from './municipal-service-view';
import { MunicipalService } from './municipal-service.entity';
import { MunicipalServiceNotFoundException } from './municipal-service.exception';

/** Changes a service's name, category or contact details, or (de)activates it; its code stays. */
@Injectable()
export class UpdateMunicipalService {
  constructor(
    @InjectRepository(MunicipalService) private readonly services: Repository<MunicipalService>,
  ) {}

  async execute(
    caller: Caller,
    command: UpdateMunicipalServiceCommand,
  ): Promise<MunicipalServiceView> {
    requireAdmin(caller);
    const service = await this.services.findOneBy({ id: command.id });
    if (!service) throw new MunicipalServiceNotFoundException(command.id);
    if (command.name !== undefined) service.name = command.name;
    if (command.category !== undefined) service.category = command.category;
    if (command.description !== undefined) service.description = command.description || null;
    if (command.contact !== undefined) service.contact = cleanContact(command.contact);
    if (command.active !== undefined) service.active = command.active;
    await this.services.save(service);
    return toMunicipalServiceView(service);
  }
}

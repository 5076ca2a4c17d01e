import { isUniqueViolation } from '@portail/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Caller, SchoolView, UpdateSchoolCommand } from '@portail/contracts';
import { requireAdmin } from '../agents/caller-access';
import { cleanAddress } from '../organisations/contact-details';
import { toSchoolView } from './school-view';
import { School } from './school.entity';
import { SchoolAlreadyExistsException, SchoolNotFoundException } from './school.exception';

@Injectable()
export class UpdateSchool {
  constructor(@InjectRepository(School) private readonly schools: Repository<School>) {}

  async execute(caller: Caller, command: UpdateSchoolCommand): Promise<SchoolView> {
    requireAdmin(caller);
    const school = await this.schools.findOneBy({ id: command.id });
    if (!school) throw new SchoolNotFoundException(command.id);
    if (command.name !== undefined) school.name = command.name;
    if (command.kind !== undefined) school.kind = command.kind;
    if (command.address !== undefined) school.address = cleanAddress(command.address);
    if (command.phone !== undefined) school.phone = command.phone || null;
    if (command.directorName !== undefined) school.directorName = command.directorName || null;
    if (command.active !== undefined) school.active = command.active;
    try {
      await this.schools.save(school);
    } catch (error) {
      if (isUniqueViolation(error)) throw new SchoolAlreadyExistsException(school.name);
      throw error;
    }
    return toSchoolView(school);
  }
}

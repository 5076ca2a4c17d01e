import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { SchoolView } from '@portail/contracts';
import { toSchoolView } from './school-view';
import { School } from './school.entity';
import { SchoolNotFoundException } from './school.exception';

@Injectable()
export class GetSchool {
  constructor(@InjectRepository(School) private readonly schools: Repository<School>) {}

  async execute(id: string): Promise<SchoolView> {
    const school = await this.schools.findOneBy({ id });
    if (!school) throw new SchoolNotFoundException(id);
    return toSchoolView(school);
  }
}

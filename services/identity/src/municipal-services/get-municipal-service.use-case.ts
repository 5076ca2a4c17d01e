import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { MunicipalServiceView } from '@portail/contracts';
import { toMunicipalServiceView } from './municipal-service-view';
import { MunicipalService } from './municipal-service.entity';
import { MunicipalServiceNotFoundException } from './municipal-service.exception';

@Injectable()
export class GetMunicipalService {
  constructor(
    @InjectRepository(MunicipalService) private readonly services: Repository<MunicipalService>,
  ) {}

  async execute(id: string): Promise<MunicipalServiceView> {
    const service = await this.services.findOneBy({ id });
    if (!service) throw new MunicipalServiceNotFoundException(id);
    return toMunicipalServiceView(service);
  }
}

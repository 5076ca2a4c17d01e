import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DirectorySubjects, type Caller, type MunicipalServiceView } from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import { CreateMunicipalService } from './create-municipal-service.use-case';
import { GetMunicipalService } from './get-municipal-service.use-case';
import {
  CreateMunicipalServiceDto,
  MunicipalServiceIdDto,
  UpdateMunicipalServiceDto,
} from './municipal-service.dto';
import { UpdateMunicipalService } from './update-municipal-service.use-case';

@Controller()
export class MunicipalServicesController {
  constructor(
    private readonly getMunicipalService: GetMunicipalService,
    private readonly createMunicipalService: CreateMunicipalService,
    private readonly updateMunicipalService: UpdateMunicipalService,
  ) {}

  @MessagePattern(DirectorySubjects.municipalServicesGet)
  get(@Payload() query: MunicipalServiceIdDto): Promise<MunicipalServiceView> {
    return this.getMunicipalService.execute(query.id);
  }

  @MessagePattern(DirectorySubjects.municipalServicesCreate)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateMunicipalServiceDto,
  ): Promise<MunicipalServiceView> {
    return this.createMunicipalService.execute(caller, command);
  }

  @MessagePattern(DirectorySubjects.municipalServicesUpdate)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateMunicipalServiceDto,
  ): Promise<MunicipalServiceView> {
    return this.updateMunicipalService.execute(caller, command);
  }
}

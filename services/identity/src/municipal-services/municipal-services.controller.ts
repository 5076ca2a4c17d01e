import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateMunicipalServiceCommand,
  DirectorySubjects,
  GetMunicipalServiceQuery,
  UpdateMunicipalServiceCommand,
  type Caller,
  type MunicipalServiceView,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { CreateMunicipalService } from './create-municipal-service.use-case';
import { GetMunicipalService } from './get-municipal-service.use-case';
import { UpdateMunicipalService } from './update-municipal-service.use-case';

@Controller()
export class MunicipalServicesController {
  constructor(
    private readonly getMunicipalService: GetMunicipalService,
    private readonly createMunicipalService: CreateMunicipalService,
    private readonly updateMunicipalService: UpdateMunicipalService,
  ) {}

  @HandlesRequest(DirectorySubjects.municipalServicesGet)
  get(@Payload() query: GetMunicipalServiceQuery): Promise<MunicipalServiceView> {
    return this.getMunicipalService.execute(query.id);
  }

  @HandlesRequest(DirectorySubjects.municipalServicesCreate)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateMunicipalServiceCommand,
  ): Promise<MunicipalServiceView> {
    return this.createMunicipalService.execute(caller, command);
  }

  @HandlesRequest(DirectorySubjects.municipalServicesUpdate)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateMunicipalServiceCommand,
  ): Promise<MunicipalServiceView> {
    return this.updateMunicipalService.execute(caller, command);
  }
}

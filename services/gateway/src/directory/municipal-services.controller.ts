import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CommonErrorCode,
  DirectoryErrorCode,
  DirectorySubjects,
  MunicipalServicePath,
  MunicipalServiceView,
  UpdateMunicipalServiceBody,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller, Public } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';

@ApiTags('directory')
@Controller('municipal-services')
export class MunicipalServicesController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One municipal service, with its contact details' })
  @ApiResponse({ status: 200, type: MunicipalServiceView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, DirectoryErrorCode.MUNICIPAL_SERVICE_NOT_FOUND)
  get(@Param() params: MunicipalServicePath): Promise<MunicipalServiceView> {
    return this.services.request(DirectorySubjects.municipalServicesGet, { id: params.id });
  }

  @Patch(':id')
  @Allow('admin')
  @ApiOperation({
    summary: 'Change a municipal service, or deactivate it with active=false (administrators)',
  })
  @ApiResponse({ status: 200, type: MunicipalServiceView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, DirectoryErrorCode.MUNICIPAL_SERVICE_NOT_FOUND)
  update(
    @CurrentCaller() caller: Caller,
    @Param() params: MunicipalServicePath,
    @Body() body: UpdateMunicipalServiceBody,
  ): Promise<MunicipalServiceView> {
    return this.services.request(
      DirectorySubjects.municipalServicesUpdate,
      { ...body, id: params.id },
      { caller },
    );
  }
}

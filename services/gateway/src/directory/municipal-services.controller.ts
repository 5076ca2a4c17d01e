import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DirectorySubjects, type Caller } from '@portail/contracts';
import { Allow, CurrentCaller, Public } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ProblemDetailsDto } from '../problems/problem-details.dto';
import { MunicipalServiceDto, UpdateMunicipalServiceDto, UuidParam } from './directory.dto';

const INVALID = { status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' };
const NOT_FOUND = {
  status: 404,
  type: ProblemDetailsDto,
  description: 'MUNICIPAL_SERVICE_NOT_FOUND',
};

@ApiTags('directory')
@Controller('municipal-services')
export class MunicipalServicesController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One municipal service, with its contact details' })
  @ApiResponse({ status: 200, type: MunicipalServiceDto })
  @ApiResponse(INVALID)
  @ApiResponse(NOT_FOUND)
  get(@Param() params: UuidParam): Promise<MunicipalServiceDto> {
    return this.services.requestUntyped(DirectorySubjects.municipalServicesGet, { id: params.id });
  }

  @Patch(':id')
  @Allow('admin')
  @ApiOperation({
    summary: 'Change a municipal service, or deactivate it with active=false (administrators)',
  })
  @ApiResponse({ status: 200, type: MunicipalServiceDto })
  @ApiResponse(INVALID)
  @ApiResponse(NOT_FOUND)
  update(
    @CurrentCaller() caller: Caller,
    @Param() params: UuidParam,
    @Body() body: UpdateMunicipalServiceDto,
  ): Promise<MunicipalServiceDto> {
    return this.services.requestUntyped(
      DirectorySubjects.municipalServicesUpdate,
      { ...body, id: params.id },
      { caller },
    );
  }
}

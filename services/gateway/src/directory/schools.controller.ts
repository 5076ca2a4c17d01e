import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DirectorySubjects, type Caller } from '@portail/contracts';
import { Allow, CurrentCaller, Public } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ProblemDetailsDto } from '../problems/problem-details.dto';
import { SchoolDto, UpdateSchoolDto, UuidParam } from './directory.dto';

const INVALID = { status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' };
const NOT_FOUND = { status: 404, type: ProblemDetailsDto, description: 'SCHOOL_NOT_FOUND' };

@ApiTags('directory')
@Controller('schools')
export class SchoolsController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One school' })
  @ApiResponse({ status: 200, type: SchoolDto })
  @ApiResponse(INVALID)
  @ApiResponse(NOT_FOUND)
  get(@Param() params: UuidParam): Promise<SchoolDto> {
    return this.services.requestUntyped(DirectorySubjects.schoolsGet, { id: params.id });
  }

  @Patch(':id')
  @Allow('admin')
  @ApiOperation({ summary: 'Change a school, or deactivate it with active=false (administrators)' })
  @ApiResponse({ status: 200, type: SchoolDto })
  @ApiResponse(INVALID)
  @ApiResponse(NOT_FOUND)
  @ApiResponse({ status: 409, type: ProblemDetailsDto, description: 'SCHOOL_ALREADY_EXISTS' })
  update(
    @CurrentCaller() caller: Caller,
    @Param() params: UuidParam,
    @Body() body: UpdateSchoolDto,
  ): Promise<SchoolDto> {
    return this.services.requestUntyped(
      DirectorySubjects.schoolsUpdate,
      { ...body, id: params.id },
      { caller },
    );
  }
}

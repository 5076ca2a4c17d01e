import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CommonErrorCode,
  DirectoryErrorCode,
  DirectorySubjects,
  SchoolPath,
  SchoolView,
  UpdateSchoolBody,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller, Public } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';

@ApiTags('directory')
@Controller('schools')
export class SchoolsController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One school' })
  @ApiResponse({ status: 200, type: SchoolView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, DirectoryErrorCode.SCHOOL_NOT_FOUND)
  get(@Param() params: SchoolPath): Promise<SchoolView> {
    return this.services.request(DirectorySubjects.schoolsGet, { id: params.id });
  }

  @Patch(':id')
  @Allow('admin')
  @ApiOperation({ summary: 'Change a school, or deactivate it with active=false (administrators)' })
  @ApiResponse({ status: 200, type: SchoolView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    DirectoryErrorCode.SCHOOL_NOT_FOUND,
    DirectoryErrorCode.SCHOOL_ALREADY_EXISTS,
  )
  update(
    @CurrentCaller() caller: Caller,
    @Param() params: SchoolPath,
    @Body() body: UpdateSchoolBody,
  ): Promise<SchoolView> {
    return this.services.request(
      DirectorySubjects.schoolsUpdate,
      { ...body, id: params.id },
      { caller },
    );
  }
}

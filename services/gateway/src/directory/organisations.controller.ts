import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DirectorySubjects, Subjects, type Caller } from '@portail/contracts';
import { Allow, CurrentCaller, Public } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ProblemDetailsDto } from '../problems/problem-details.dto';
import {
  CreateMunicipalServiceDto,
  CreateOrganisationDto,
  CreateSchoolDto,
  IncludeInactiveQuery,
  ListSchoolsQueryDto,
  MunicipalServiceDto,
  OrganisationDetailsDto,
  SchoolDto,
  UpdateOrganisationDto,
} from './directory.dto';
import { OrganisationIdParam } from './organisation.dto';

const INVALID = { status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' };
const NOT_FOUND = { status: 404, type: ProblemDetailsDto, description: 'ORGANISATION_NOT_FOUND' };

@ApiTags('directory')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Organisations of the portal (Vichy Communauté and its communes) with their services',
  })
  @ApiResponse({ status: 200, type: [OrganisationDetailsDto] })
  @ApiResponse(INVALID)
  list(@Query() query: IncludeInactiveQuery): Promise<OrganisationDetailsDto[]> {
    return this.services.requestUntyped(Subjects.identity.organisationsList, { ...query });
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One organisation, with all its services' })
  @ApiResponse({ status: 200, type: OrganisationDetailsDto })
  @ApiResponse(INVALID)
  @ApiResponse(NOT_FOUND)
  get(@Param() params: OrganisationIdParam): Promise<OrganisationDetailsDto> {
    return this.services.requestUntyped(Subjects.identity.organisationsGet, { id: params.id });
  }

  @Get(':id/schools')
  @Public()
  @ApiOperation({ summary: 'Schools of an organisation (maternelles and élémentaires)' })
  @ApiResponse({ status: 200, type: [SchoolDto] })
  @ApiResponse(INVALID)
  @ApiResponse(NOT_FOUND)
  schools(
    @Param() params: OrganisationIdParam,
    @Query() query: ListSchoolsQueryDto,
  ): Promise<SchoolDto[]> {
    return this.services.requestUntyped(DirectorySubjects.schoolsList, {
      ...query,
      organisationId: params.id,
    });
  }

  @Post()
  @Allow('admin')
  @ApiOperation({ summary: 'Create an organisation (administrators)' })
  @ApiResponse({ status: 201, type: OrganisationDetailsDto })
  @ApiResponse(INVALID)
  @ApiResponse({ status: 409, type: ProblemDetailsDto, description: 'ORGANISATION_SLUG_TAKEN' })
  create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateOrganisationDto,
  ): Promise<OrganisationDetailsDto> {
    return this.services.requestUntyped(DirectorySubjects.organisationsCreate, body, { caller });
  }

  @Patch(':id')
  @Allow('admin')
  @ApiOperation({
    summary: 'Change an organisation, or deactivate it with active=false (administrators)',
  })
  @ApiResponse({ status: 200, type: OrganisationDetailsDto })
  @ApiResponse(INVALID)
  @ApiResponse(NOT_FOUND)
  update(
    @CurrentCaller() caller: Caller,
    @Param() params: OrganisationIdParam,
    @Body() body: UpdateOrganisationDto,
  ): Promise<OrganisationDetailsDto> {
    return this.services.requestUntyped(
      DirectorySubjects.organisationsUpdate,
      { ...body, id: params.id },
      { caller },
    );
  }

  @Post(':id/services')
  @Allow('admin')
  @ApiOperation({ summary: 'Add a municipal service to an organisation (administrators)' })
  @ApiResponse({ status: 201, type: MunicipalServiceDto })
  @ApiResponse(INVALID)
  @ApiResponse(NOT_FOUND)
  @ApiResponse({
    status: 409,
    type: ProblemDetailsDto,
    description: 'MUNICIPAL_SERVICE_CODE_TAKEN',
  })
  createService(
    @CurrentCaller() caller: Caller,
    @Param() params: OrganisationIdParam,
    @Body() body: CreateMunicipalServiceDto,
  ): Promise<MunicipalServiceDto> {
    return this.services.requestUntyped(
      DirectorySubjects.municipalServicesCreate,
      { ...body, organisationId: params.id },
      { caller },
    );
  }

  @Post(':id/schools')
  @Allow('admin')
  @ApiOperation({ summary: 'Add a school to an organisation (administrators)' })
  @ApiResponse({ status: 201, type: SchoolDto })
  @ApiResponse(INVALID)
  @ApiResponse(NOT_FOUND)
  @ApiResponse({ status: 409, type: ProblemDetailsDto, description: 'SCHOOL_ALREADY_EXISTS' })
  createSchool(
    @CurrentCaller() caller: Caller,
    @Param() params: OrganisationIdParam,
    @Body() body: CreateSchoolDto,
  ): Promise<SchoolDto> {
    return this.services.requestUntyped(
      DirectorySubjects.schoolsCreate,
      { ...body, organisationId: params.id },
      { caller },
    );
  }
}

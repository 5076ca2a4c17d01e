import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CommonErrorCode,
  CreateMunicipalServiceBody,
  CreateOrganisationCommand,
  CreateSchoolBody,
  DirectoryErrorCode,
  DirectorySubjects,
  ListOrganisationsQuery,
  ListSchoolsFilter,
  MunicipalServiceView,
  OrganisationDetailsView,
  OrganisationErrorCode,
  OrganisationPath,
  SchoolView,
  Subjects,
  UpdateOrganisationBody,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller, Public } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';

@ApiTags('directory')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Organisations of the portal (Vichy Communauté and its communes) with their services',
  })
  @ApiResponse({ status: 200, type: [OrganisationDetailsView] })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  list(@Query() query: ListOrganisationsQuery): Promise<OrganisationDetailsView[]> {
    return this.services.request(Subjects.identity.organisationsList, { ...query });
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One organisation, with all its services' })
  @ApiResponse({ status: 200, type: OrganisationDetailsView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, OrganisationErrorCode.ORGANISATION_NOT_FOUND)
  get(@Param() params: OrganisationPath): Promise<OrganisationDetailsView> {
    return this.services.request(Subjects.identity.organisationsGet, { id: params.id });
  }

  @Get(':id/schools')
  @Public()
  @ApiOperation({ summary: 'Schools of an organisation (maternelles and élémentaires)' })
  @ApiResponse({ status: 200, type: [SchoolView] })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, OrganisationErrorCode.ORGANISATION_NOT_FOUND)
  schools(
    @Param() params: OrganisationPath,
    @Query() query: ListSchoolsFilter,
  ): Promise<SchoolView[]> {
    return this.services.request(DirectorySubjects.schoolsList, {
      ...query,
      organisationId: params.id,
    });
  }

  @Post()
  @Allow('admin')
  @ApiOperation({ summary: 'Create an organisation (administrators)' })
  @ApiResponse({ status: 201, type: OrganisationDetailsView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, DirectoryErrorCode.ORGANISATION_SLUG_TAKEN)
  create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateOrganisationCommand,
  ): Promise<OrganisationDetailsView> {
    return this.services.request(DirectorySubjects.organisationsCreate, body, { caller });
  }

  @Patch(':id')
  @Allow('admin')
  @ApiOperation({
    summary: 'Change an organisation, or deactivate it with active=false (administrators)',
  })
  @ApiResponse({ status: 200, type: OrganisationDetailsView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, OrganisationErrorCode.ORGANISATION_NOT_FOUND)
  update(
    @CurrentCaller() caller: Caller,
    @Param() params: OrganisationPath,
    @Body() body: UpdateOrganisationBody,
  ): Promise<OrganisationDetailsView> {
    return this.services.request(
      DirectorySubjects.organisationsUpdate,
      { ...body, id: params.id },
      { caller },
    );
  }

  @Post(':id/services')
  @Allow('admin')
  @ApiOperation({ summary: 'Add a municipal service to an organisation (administrators)' })
  @ApiResponse({ status: 201, type: MunicipalServiceView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    OrganisationErrorCode.ORGANISATION_NOT_FOUND,
    DirectoryErrorCode.MUNICIPAL_SERVICE_CODE_TAKEN,
  )
  createService(
    @CurrentCaller() caller: Caller,
    @Param() params: OrganisationPath,
    @Body() body: CreateMunicipalServiceBody,
  ): Promise<MunicipalServiceView> {
    return this.services.request(
      DirectorySubjects.municipalServicesCreate,
      { ...body, organisationId: params.id },
      { caller },
    );
  }

  @Post(':id/schools')
  @Allow('admin')
  @ApiOperation({ summary: 'Add a school to an organisation (administrators)' })
  @ApiResponse({ status: 201, type: SchoolView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    OrganisationErrorCode.ORGANISATION_NOT_FOUND,
    DirectoryErrorCode.SCHOOL_ALREADY_EXISTS,
  )
  createSchool(
    @CurrentCaller() caller: Caller,
    @Param() params: OrganisationPath,
    @Body() body: CreateSchoolBody,
  ): Promise<SchoolView> {
    return this.services.request(
      DirectorySubjects.schoolsCreate,
      { ...body, organisationId: params.id },
      { caller },
    );
  }
}

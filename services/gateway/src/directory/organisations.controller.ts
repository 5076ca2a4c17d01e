import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Subjects } from '@portail/contracts';
import { Public } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ProblemDetailsDto } from '../problems/problem-details.dto';
import { OrganisationDto, OrganisationIdParam } from './organisation.dto';

@ApiTags('directory')
@Public()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'Organisations of the portal (Vichy Communauté and its communes)' })
  @ApiResponse({ status: 200, type: [OrganisationDto] })
  list(): Promise<OrganisationDto[]> {
    return this.services.request(Subjects.identity.organisationsList);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One organisation' })
  @ApiResponse({ status: 200, type: OrganisationDto })
  @ApiResponse({ status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' })
  @ApiResponse({ status: 404, type: ProblemDetailsDto, description: 'ORGANISATION_NOT_FOUND' })
  get(@Param() params: OrganisationIdParam): Promise<OrganisationDto> {
    return this.services.request(Subjects.identity.organisationsGet, { id: params.id });
  }
}

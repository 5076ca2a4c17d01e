import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AgentSubjects, type Caller } from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ProblemDetailsDto } from '../problems/problem-details.dto';
import {
  AdministratorDto,
  AgentDto,
  AgentIdParam,
  AgentPageDto,
  CreateAdministratorDto,
  CreateAgentDto,
  ListAgentsQueryDto,
  UpdateAgentDto,
} from './agent.dto';

const INVALID = {
  status: 400,
  type: ProblemDetailsDto,
  description: 'VALIDATION_FAILED, SERVICE_OUTSIDE_ORGANISATION',
};
const NOT_FOUND = { status: 404, type: ProblemDetailsDto, description: 'AGENT_NOT_FOUND' };

@ApiTags('administration')
@Allow('admin')
@Controller('admin')
export class AgentsController {
  constructor(private readonly services: ServiceClient) {}

  @Post('agents')
  @ApiOperation({
    summary: 'Create an agent attached to one organisation and some of its services',
  })
  @ApiResponse({ status: 201, type: AgentDto })
  @ApiResponse(INVALID)
  @ApiResponse({ status: 404, type: ProblemDetailsDto, description: 'ORGANISATION_NOT_FOUND' })
  @ApiResponse({ status: 409, type: ProblemDetailsDto, description: 'EMAIL_ALREADY_REGISTERED' })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateAgentDto): Promise<AgentDto> {
    return this.services.requestUntyped(AgentSubjects.agentsCreate, body, { caller });
  }

  @Get('agents')
  @ApiOperation({ summary: 'Agents, by organisation or service, one page at a time' })
  @ApiResponse({ status: 200, type: AgentPageDto })
  @ApiResponse(INVALID)
  list(@CurrentCaller() caller: Caller, @Query() query: ListAgentsQueryDto): Promise<AgentPageDto> {
    return this.services.requestUntyped(AgentSubjects.agentsList, { ...query }, { caller });
  }

  @Get('agents/:id')
  @ApiOperation({ summary: 'One agent' })
  @ApiResponse({ status: 200, type: AgentDto })
  @ApiResponse(INVALID)
  @ApiResponse(NOT_FOUND)
  get(@CurrentCaller() caller: Caller, @Param() params: AgentIdParam): Promise<AgentDto> {
    return this.services.requestUntyped(AgentSubjects.agentsGet, { id: params.id }, { caller });
  }

  @Patch('agents/:id')
  @ApiOperation({ summary: "Change an agent's names, phone, services or roles" })
  @ApiResponse({ status: 200, type: AgentDto })
  @ApiResponse(INVALID)
  @ApiResponse(NOT_FOUND)
  update(
    @CurrentCaller() caller: Caller,
    @Param() params: AgentIdParam,
    @Body() body: UpdateAgentDto,
  ): Promise<AgentDto> {
    return this.services.requestUntyped(
      AgentSubjects.agentsUpdate,
      { ...body, id: params.id },
      { caller },
    );
  }

  @Post('agents/:id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate an agent: no more login (nothing is deleted)' })
  @ApiResponse({ status: 200, type: AgentDto })
  @ApiResponse(INVALID)
  @ApiResponse(NOT_FOUND)
  deactivate(@CurrentCaller() caller: Caller, @Param() params: AgentIdParam): Promise<AgentDto> {
    return this.services.requestUntyped(
      AgentSubjects.agentsDeactivate,
      { id: params.id },
      { caller },
    );
  }

  @Post('agents/:id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate an agent' })
  @ApiResponse({ status: 200, type: AgentDto })
  @ApiResponse(INVALID)
  @ApiResponse(NOT_FOUND)
  reactivate(@CurrentCaller() caller: Caller, @Param() params: AgentIdParam): Promise<AgentDto> {
    return this.services.requestUntyped(
      AgentSubjects.agentsReactivate,
      { id: params.id },
      { caller },
    );
  }

  @Post('administrators')
  @ApiOperation({ summary: 'Create another administrator' })
  @ApiResponse({ status: 201, type: AdministratorDto })
  @ApiResponse(INVALID)
  @ApiResponse({ status: 409, type: ProblemDetailsDto, description: 'EMAIL_ALREADY_REGISTERED' })
  createAdministrator(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateAdministratorDto,
  ): Promise<AdministratorDto> {
    return this.services.requestUntyped(AgentSubjects.administratorsCreate, body, { caller });
  }
}

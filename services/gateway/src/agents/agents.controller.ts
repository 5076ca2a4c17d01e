import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  AccountErrorCode,
  AdministratorView,
  AgentErrorCode,
  AgentPage,
  AgentPath,
  AgentSubjects,
  AgentView,
  CommonErrorCode,
  CreateAdministratorCommand,
  CreateAgentCommand,
  ListAgentsQuery,
  OrganisationErrorCode,
  UpdateAgentBody,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';

@ApiTags('administration')
@Allow('admin')
@Controller('admin')
export class AgentsController {
  constructor(private readonly services: ServiceClient) {}

  @Post('agents')
  @ApiOperation({
    summary: 'Create an agent attached to one organisation and some of its services',
  })
  @ApiResponse({ status: 201, type: AgentView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    AgentErrorCode.SERVICE_OUTSIDE_ORGANISATION,
    OrganisationErrorCode.ORGANISATION_NOT_FOUND,
    AccountErrorCode.EMAIL_ALREADY_REGISTERED,
  )
  create(@CurrentCaller() caller: Caller, @Body() body: CreateAgentCommand): Promise<AgentView> {
    return this.services.request(AgentSubjects.agentsCreate, body, { caller });
  }

  @Get('agents')
  @ApiOperation({ summary: 'Agents, by organisation or service, one page at a time' })
  @ApiResponse({ status: 200, type: AgentPage })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  list(@CurrentCaller() caller: Caller, @Query() query: ListAgentsQuery): Promise<AgentPage> {
    return this.services.request(AgentSubjects.agentsList, { ...query }, { caller });
  }

  @Get('agents/:id')
  @ApiOperation({ summary: 'One agent' })
  @ApiResponse({ status: 200, type: AgentView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, AgentErrorCode.AGENT_NOT_FOUND)
  get(@CurrentCaller() caller: Caller, @Param() params: AgentPath): Promise<AgentView> {
    return this.services.request(AgentSubjects.agentsGet, { id: params.id }, { caller });
  }

  @Patch('agents/:id')
  @ApiOperation({ summary: "Change an agent's names, phone, services or roles" })
  @ApiResponse({ status: 200, type: AgentView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    AgentErrorCode.SERVICE_OUTSIDE_ORGANISATION,
    AgentErrorCode.AGENT_NOT_FOUND,
  )
  update(
    @CurrentCaller() caller: Caller,
    @Param() params: AgentPath,
    @Body() body: UpdateAgentBody,
  ): Promise<AgentView> {
    return this.services.request(
      AgentSubjects.agentsUpdate,
      { ...body, id: params.id },
      { caller },
    );
  }

  @Post('agents/:id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate an agent: no more login (nothing is deleted)' })
  @ApiResponse({ status: 200, type: AgentView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, AgentErrorCode.AGENT_NOT_FOUND)
  deactivate(@CurrentCaller() caller: Caller, @Param() params: AgentPath): Promise<AgentView> {
    return this.services.request(AgentSubjects.agentsDeactivate, { id: params.id }, { caller });
  }

  @Post('agents/:id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate an agent' })
  @ApiResponse({ status: 200, type: AgentView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, AgentErrorCode.AGENT_NOT_FOUND)
  reactivate(@CurrentCaller() caller: Caller, @Param() params: AgentPath): Promise<AgentView> {
    return this.services.request(AgentSubjects.agentsReactivate, { id: params.id }, { caller });
  }

  @Post('administrators')
  @ApiOperation({ summary: 'Create another administrator' })
  @ApiResponse({ status: 201, type: AdministratorView })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, AccountErrorCode.EMAIL_ALREADY_REGISTERED)
  createAdministrator(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateAdministratorCommand,
  ): Promise<AdministratorView> {
    return this.services.request(AgentSubjects.administratorsCreate, body, { caller });
  }
}

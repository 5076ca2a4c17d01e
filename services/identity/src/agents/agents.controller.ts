import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AgentSubjects,
  type AdministratorView,
  type AgentContact,
  type AgentView,
  type Caller,
  type Page,
} from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import {
  AgentIdDto,
  AgentsOfServicesDto,
  CreateAdministratorDto,
  CreateAgentDto,
  ListAgentsDto,
  UpdateAgentDto,
} from './agent.dto';
import { CreateAdministrator } from './create-administrator.use-case';
import { CreateAgent } from './create-agent.use-case';
import { GetAgent } from './get-agent.use-case';
import { ListAgents } from './list-agents.use-case';
import { ListAgentsOfServices } from './list-agents-of-services.use-case';
import { SetAgentActive } from './set-agent-active.use-case';
import { UpdateAgent } from './update-agent.use-case';

@Controller()
export class AgentsController {
  constructor(
    private readonly createAgent: CreateAgent,
    private readonly listAgents: ListAgents,
    private readonly getAgent: GetAgent,
    private readonly updateAgent: UpdateAgent,
    private readonly setAgentActive: SetAgentActive,
    private readonly createAdministrator: CreateAdministrator,
    private readonly listAgentsOfServices: ListAgentsOfServices,
  ) {}

  @MessagePattern(AgentSubjects.agentsCreate)
  create(@CurrentCaller() caller: Caller, @Payload() command: CreateAgentDto): Promise<AgentView> {
    return this.createAgent.execute(caller, command);
  }

  @MessagePattern(AgentSubjects.agentsList)
  list(@CurrentCaller() caller: Caller, @Payload() query: ListAgentsDto): Promise<Page<AgentView>> {
    return this.listAgents.execute(caller, query);
  }

  @MessagePattern(AgentSubjects.agentsGet)
  get(@CurrentCaller() caller: Caller, @Payload() query: AgentIdDto): Promise<AgentView> {
    return this.getAgent.execute(caller, query.id);
  }

  @MessagePattern(AgentSubjects.agentsUpdate)
  update(@CurrentCaller() caller: Caller, @Payload() command: UpdateAgentDto): Promise<AgentView> {
    return this.updateAgent.execute(caller, command);
  }

  @MessagePattern(AgentSubjects.agentsDeactivate)
  deactivate(@CurrentCaller() caller: Caller, @Payload() query: AgentIdDto): Promise<AgentView> {
    return this.setAgentActive.execute(caller, query.id, false);
  }

  @MessagePattern(AgentSubjects.agentsReactivate)
  reactivate(@CurrentCaller() caller: Caller, @Payload() query: AgentIdDto): Promise<AgentView> {
    return this.setAgentActive.execute(caller, query.id, true);
  }

  @MessagePattern(AgentSubjects.administratorsCreate)
  createAdmin(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateAdministratorDto,
  ): Promise<AdministratorView> {
    return this.createAdministrator.execute(caller, command);
  }

  /** Service to service (notification): not exposed by the gateway. */
  @MessagePattern(AgentSubjects.agentsOfServices)
  ofServices(@Payload() query: AgentsOfServicesDto): Promise<AgentContact[]> {
    return this.listAgentsOfServices.execute(query);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AgentRef,
  AgentSubjects,
  AgentsOfServicesQuery,
  CreateAdministratorCommand,
  CreateAgentCommand,
  ListAgentsQuery,
  SetEditorRoleCommand,
  UpdateAgentCommand,
  type AdministratorView,
  type AgentContact,
  type AgentPage,
  type AgentView,
  type Caller,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { CreateAdministrator } from './create-administrator.use-case';
import { CreateAgent } from './create-agent.use-case';
import { GetAgent } from './get-agent.use-case';
import { ListAgents } from './list-agents.use-case';
import { ListAgentsOfServices } from './list-agents-of-services.use-case';
import { SetAgentActive } from './set-agent-active.use-case';
import { SetEditorRole } from './set-editor-role.use-case';
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
    private readonly setEditorRole: SetEditorRole,
  ) {}

  @HandlesRequest(AgentSubjects.agentsCreate)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateAgentCommand,
  ): Promise<AgentView> {
    return this.createAgent.execute(caller, command);
  }

  @HandlesRequest(AgentSubjects.agentsList)
  list(@CurrentCaller() caller: Caller, @Payload() query: ListAgentsQuery): Promise<AgentPage> {
    return this.listAgents.execute(caller, query);
  }

  @HandlesRequest(AgentSubjects.agentsGet)
  get(@CurrentCaller() caller: Caller, @Payload() query: AgentRef): Promise<AgentView> {
    return this.getAgent.execute(caller, query.id);
  }

  @HandlesRequest(AgentSubjects.agentsUpdate)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateAgentCommand,
  ): Promise<AgentView> {
    return this.updateAgent.execute(caller, command);
  }

  @HandlesRequest(AgentSubjects.agentsDeactivate)
  deactivate(@CurrentCaller() caller: Caller, @Payload() query: AgentRef): Promise<AgentView> {
    return this.setAgentActive.execute(caller, query.id, false);
  }

  @HandlesRequest(AgentSubjects.agentsReactivate)
  reactivate(@CurrentCaller() caller: Caller, @Payload() query: AgentRef): Promise<AgentView> {
    return this.setAgentActive.execute(caller, query.id, true);
  }

  @HandlesRequest(AgentSubjects.administratorsCreate)
  createAdmin(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateAdministratorCommand,
  ): Promise<AdministratorView> {
    return this.createAdministrator.execute(caller, command);
  }

  /** Service to service (notification): not exposed by the gateway. */
  @HandlesRequest(AgentSubjects.agentsOfServices)
  ofServices(@Payload() query: AgentsOfServicesQuery): Promise<AgentContact[]> {
    return this.listAgentsOfServices.execute(query);
  }

  @HandlesRequest(AgentSubjects.agentsSetEditorRole)
  setEditor(
    @CurrentCaller() caller: Caller,
    @Payload() command: SetEditorRoleCommand,
  ): Promise<AgentView> {
    return this.setEditorRole.execute(caller, command);
  }
}

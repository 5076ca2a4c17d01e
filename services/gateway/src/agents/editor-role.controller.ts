import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  AgentErrorCode,
  AgentPath,
  AgentSubjects,
  AgentView,
  CommonErrorCode,
  SetEditorRoleBody,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';

/**
 * The `editor` role (editing the organisation's public content), given by administrators to any
 * agent and by supervisors to the agents of their organisation; identity checks which.
 */
@ApiTags('administration')
@Allow('admin', 'agent')
@Controller('agent/agents')
export class EditorRoleController {
  constructor(private readonly services: ServiceClient) {}

  @Put(':id/editor-role')
  @ApiOperation({
    summary:
      "Grant or withdraw an agent's editor role (administrators, supervisors of its organisation)",
    description:
      "Editing news, tiles and content files needs the `editor` role. A supervisor manages the agents of its own organisation only (another organisation's agent answers 404); the agent's token carries the change at its next refresh.",
  })
  @ApiResponse({ status: 200, type: AgentView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    AgentErrorCode.AGENT_NOT_FOUND,
  )
  setEditorRole(
    @CurrentCaller() caller: Caller,
    @Param() params: AgentPath,
    @Body() body: SetEditorRoleBody,
  ): Promise<AgentView> {
    return this.services.request(
      AgentSubjects.agentsSetEditorRole,
      { ...body, id: params.id },
      { caller },
    );
  }
}

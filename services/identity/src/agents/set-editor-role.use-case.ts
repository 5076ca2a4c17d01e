import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  CommonErrorCode,
  type AgentRole,
  type AgentView,
  type Caller,
  type SetEditorRoleCommand,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import { AgentAssignment } from './agent-assignment.entity';
import { AgentNotFoundException } from './agent.exception';
import { GetAgent } from './get-agent.use-case';

/**
 * Grants or withdraws the `editor` role (editing the organisation's public content) of an
 * agent: administrators for any agent, supervisors for the agents of their own organisation
 * (another organisation's agent answers as one that does not exist). Other roles stay; an agent
 * left without a role keeps `agent`. Effective at the agent's next token refresh.
 */
@Injectable()
export class SetEditorRole {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly getAgent: GetAgent,
  ) {}

  async execute(caller: Caller, command: SetEditorRoleCommand): Promise<AgentView> {
    if (
      caller.kind !== 'admin' &&
      !(caller.kind === 'agent' && caller.roles.includes('supervisor'))
    ) {
      throw new DomainException(
        CommonErrorCode.FORBIDDEN,
        'Seuls les administrateurs et les superviseurs donnent le rôle de rédacteur.',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const assignments = manager.getRepository(AgentAssignment);
      const rows = await assignments.find({
        where: { accountId: command.id },
        lock: { mode: 'pessimistic_write' },
      });
      const organisationId = rows[0]?.organisationId;
      if (
        !organisationId ||
        (caller.kind === 'agent' && caller.organisationId !== organisationId)
      ) {
        throw new AgentNotFoundException(command.id);
      }
      const others = rows[0].roles.filter((role) => role !== 'editor');
      const roles: AgentRole[] = command.editor
        ? [...others, 'editor']
        : others.length
          ? others
          : ['agent'];
      await assignments.update({ accountId: command.id }, { roles });
      return this.getAgent.viewOf(manager, command.id);
    });
  }
}

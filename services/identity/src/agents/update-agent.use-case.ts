import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AgentView, Caller, UpdateAgentCommand } from '@portail/contracts';
import { Account } from '../accounts/account.entity';
import { AgentAssignment } from './agent-assignment.entity';
import { AgentNotFoundException } from './agent.exception';
import { assignServices } from './assign-services';
import { requireAdmin } from './caller-access';
import { GetAgent } from './get-agent.use-case';

/**
 * Changes an agent's names, phone, services or roles. The organisation stays: an agent who
 * moves to another organisation gets a new account. New services and roles reach the agent's
 * token at its next refresh.
 */
@Injectable()
export class UpdateAgent {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly getAgent: GetAgent,
  ) {}

  async execute(caller: Caller, command: UpdateAgentCommand): Promise<AgentView> {
    requireAdmin(caller);
    return this.dataSource.transaction(async (manager) => {
      const accounts = manager.getRepository(Account);
      const account = await accounts.findOne({
        where: { id: command.id, kind: 'agent' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!account) throw new AgentNotFoundException(command.id);
      if (command.firstName !== undefined) account.firstName = command.firstName;
      if (command.lastName !== undefined) account.lastName = command.lastName;
      if (command.phone !== undefined) account.phone = command.phone || null;
      await accounts.save(account);
      if (command.serviceIds !== undefined || command.roles !== undefined) {
        const current = await manager
          .getRepository(AgentAssignment)
          .find({ where: { accountId: account.id }, order: { createdAt: 'ASC' } });
        const organisationId = current[0]?.organisationId;
        if (!organisationId) throw new AgentNotFoundException(command.id);
        await assignServices(
          manager,
          account.id,
          organisationId,
          command.serviceIds ?? current.map((row) => row.municipalServiceId),
          command.roles ?? current[0].roles,
        );
      }
      return this.getAgent.viewOf(manager, account.id);
    });
  }
}

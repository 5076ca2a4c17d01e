import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AgentView, Caller, CreateAgentCommand } from '@portail/contracts';
import { Organisation } from '../organisations/organisation.entity';
import { OrganisationNotFoundException } from '../organisations/organisation.exception';
import { AgentViews } from './agent-views';
import { assignServices } from './assign-services';
import { requireAdmin } from './caller-access';
import { StaffAccounts } from './staff-accounts';

/** An administrator creates an agent: an active account attached to services of one organisation. */
@Injectable()
export class CreateAgent {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly staffAccounts: StaffAccounts,
    private readonly views: AgentViews,
  ) {}

  async execute(caller: Caller, command: CreateAgentCommand): Promise<AgentView> {
    requireAdmin(caller);
    return this.dataSource.transaction(async (manager) => {
      const organisation = await manager
        .getRepository(Organisation)
        .findOneBy({ id: command.organisationId });
      if (!organisation) throw new OrganisationNotFoundException(command.organisationId);
      const account = await this.staffAccounts.create(manager, { kind: 'agent', ...command });
      await assignServices(manager, account.id, organisation.id, command.serviceIds, command.roles);
      const [view] = await this.views.of(manager, [account]);
      return view;
    });
  }
}

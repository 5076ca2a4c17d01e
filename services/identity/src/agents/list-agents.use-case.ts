import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type AgentView,
  type Caller,
  type ListAgentsQuery,
  type Page,
} from '@portail/contracts';
import { Account } from '../accounts/account.entity';
import { AgentViews } from './agent-views';
import { requireAdmin } from './caller-access';

@Injectable()
export class ListAgents {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly views: AgentViews,
  ) {}

  async execute(caller: Caller, query: ListAgentsQuery): Promise<Page<AgentView>> {
    requireAdmin(caller);
    const page = query.page ?? 1;
    const pageSize = Math.min(query.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const builder = this.dataSource
      .getRepository(Account)
      .createQueryBuilder('account')
      .where("account.kind = 'agent'");
    if (query.includeInactive !== true) builder.andWhere("account.status = 'active'");
    if (query.organisationId || query.serviceId) {
      const conditions = ['a.account_id = account.id'];
      if (query.organisationId) conditions.push('a.organisation_id = :organisationId');
      if (query.serviceId) conditions.push('a.municipal_service_id = :serviceId');
      builder.andWhere(
        `EXISTS (SELECT 1 FROM agent_assignments a WHERE ${conditions.join(' AND ')})`,
        {
          organisationId: query.organisationId,
          serviceId: query.serviceId,
        },
      );
    }
    const [accounts, total] = await builder
      .orderBy('account.last_name', 'ASC')
      .addOrderBy('account.first_name', 'ASC')
      .addOrderBy('account.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return {
      items: await this.views.of(this.dataSource.manager, accounts),
      total,
      page,
      pageSize,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AgentView, Caller } from '@portail/contracts';
import { Account } from '../accounts/account.entity';
import { AgentViews } from './agent-views';
import { AgentNotFoundException } from './agent.exception';
import { requireAdmin } from './caller-access';

@Injectable()
export class GetAgent {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly views: AgentViews,
  ) {}

  async execute(caller: Caller, id: string): Promise<AgentView> {
    requireAdmin(caller);
    return this.viewOf(this.dataSource.manager, id);
  }

  async viewOf(manager: EntityManager, id: string): Promise<AgentView> {
    const account = await manager.getRepository(Account).findOneBy({ id, kind: 'agent' });
    if (!account) throw new AgentNotFoundException(id);
    const [view] = await this.views.of(manager, [account]);
    return view;
  }
}

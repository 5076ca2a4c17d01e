import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AgentView, Caller } from '@portail/contracts';
import { Account } from '../accounts/account.entity';
import { AgentNotFoundException } from './agent.exception';
import { requireAdmin } from './caller-access';
import { GetAgent } from './get-agent.use-case';
import { SessionTokens } from '../tokens/session-tokens';

/**
 * Deactivates an agent (its account is closed: no login, no refresh, its live access tokens
 * refused at once) or reactivates it.
 * Nothing is deleted: the audit log and the agent's past work still name the account.
 */
@Injectable()
export class SetAgentActive {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly getAgent: GetAgent,
    private readonly sessions: SessionTokens,
  ) {}

  async execute(caller: Caller, id: string, active: boolean): Promise<AgentView> {
    requireAdmin(caller);
    return this.dataSource.transaction(async (manager) => {
      const accounts = manager.getRepository(Account);
      const account = await accounts.findOneBy({ id, kind: 'agent' });
      if (!account) throw new AgentNotFoundException(id);
      const wasActive = account.status === 'active';
      if (active !== wasActive) {
        account.status = active ? 'active' : 'closed';
        account.closedAt = active ? null : new Date();
        await accounts.save(account);
        // A deactivated agent's tokens stop working now, not at their expiry.
        if (!active) await this.sessions.revokeAllOf(manager, account.id, 'agent-deactivated');
      }
      return this.getAgent.viewOf(manager, id);
    });
  }
}

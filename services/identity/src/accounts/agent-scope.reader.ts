import { Injectable } from '@nestjs/common';
import type { AgentRole } from '@portail/contracts';

/** What an agent's access token says about its work: one organisation, some of its services. */
export interface AgentScope {
  organisationId: string;
  serviceIds: string[];
  roles: AgentRole[];
}

/**
 * Reads an agent's organisation, services and roles when it logs in or refreshes its session.
 * The agents module provides the real reader (from `agent_assignments`) by overriding this
 * token in AccountsModule; undefined means the agent is attached to nothing and cannot log in.
 */
export abstract class AgentScopeReader {
  abstract scopeOf(accountId: string): Promise<AgentScope | undefined>;
}

/** Until the agents module provides its reader: no agent has a scope. */
@Injectable()
export class NoAgentScopeReader extends AgentScopeReader {
  scopeOf(): Promise<AgentScope | undefined> {
    return Promise.resolve(undefined);
  }
}

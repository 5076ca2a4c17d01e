import type { AgentRole } from '../caller';

/**
 * Agents and administrators (created by administrators), the household ↔ municipal service
 * links that scope what an agent may read, and the audit log of agents' access to family data.
 */
export const AgentSubjects = {
  agentsCreate: 'identity.agents.create',
  agentsList: 'identity.agents.list',
  agentsGet: 'identity.agents.get',
  agentsUpdate: 'identity.agents.update',
  agentsDeactivate: 'identity.agents.deactivate',
  agentsReactivate: 'identity.agents.reactivate',
  administratorsCreate: 'identity.administrators.create',
  /** Service-to-service command: a household now deals with a municipal service (idempotent). */
  householdsLinkService: 'identity.households.link-service',
  householdsUnlinkService: 'identity.households.unlink-service',
  /** An agent lists the households that deal with its services (audited). */
  householdLinksList: 'identity.household-links.list',
  /** An agent reads which of its services one household deals with (audited; 403 if none). */
  householdLinksGet: 'identity.household-links.get',
  auditLogList: 'identity.audit-log.list',
  /** Service to service: the active agents of some municipal services, to notify them. */
  agentsOfServices: 'identity.agents.of-services',
  /** An administrator or a supervisor of the organisation grants or withdraws `editor`. */
  agentsSetEditorRole: 'identity.agents.set-editor-role',
} as const;

export enum AgentErrorCode {
  AGENT_NOT_FOUND = 'AGENT_NOT_FOUND',
  /** A municipal service given for an agent does not belong to the agent's organisation. */
  SERVICE_OUTSIDE_ORGANISATION = 'SERVICE_OUTSIDE_ORGANISATION',
}

/**
 * `agent` works for its services, `supervisor` also locks attendance, manages régies and grants
 * `editor`, which edits the organisation's public content (news, tiles, their files).
 */
export const AGENT_ROLES: readonly AgentRole[] = ['agent', 'supervisor', 'editor'];

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Most municipal services one agent works for. */
export const MAX_SERVICES_PER_AGENT = 50;

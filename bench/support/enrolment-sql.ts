/**
 * SQL shared by the enrolment benchmark and its bare server (enrolment-bare-server.ts).
 *
 * The agents' list is enrolment's own SQL (services/enrolment/src/applications/
 * application-list-query.ts): the bare server runs it, and the benchmark runs `EXPLAIN
 * ANALYZE` on it.
 */
import type { ListApplicationsQuery } from '@portail/contracts';
import {
  agentListSql,
  DEFAULT_APPLICATIONS_PAGE_SIZE,
  searchable,
  type ListSql,
} from '../../services/enrolment/src/applications/application-list-query';

export { searchable };
export const DEFAULT_PAGE_SIZE = DEFAULT_APPLICATIONS_PAGE_SIZE;

/**
 * The outbox of the bare server: created by the benchmark as a copy of enrolment's
 * (`LIKE outbox INCLUDING ALL`), so that no relay publishes the bare server's events.
 */
export const BARE_OUTBOX_TABLE = 'bare_outbox';
/** Where the bare server's `pg_notify` goes: a channel nobody listens to. */
export const BARE_OUTBOX_CHANNEL = 'bench_bare_outbox';

/** The query string of `GET /api/v1/agent/applications`. */
export interface AgentListFilters {
  status?: string;
  procedureId?: string;
  municipalServiceId?: string;
  season?: string;
  childId?: string;
  householdId?: string;
  childName?: string;
  submittedFrom?: string;
  submittedTo?: string;
  page?: number;
  pageSize?: number;
}

export interface AgentListQuery extends ListSql {
  /** No service left to look at: the answer is an empty page without a query. */
  empty: boolean;
}

/** The page and count queries for an agent of `serviceIds`: the use case's own SQL. */
export function agentListQuery(serviceIds: string[], query: AgentListFilters): AgentListQuery {
  const services = query.municipalServiceId
    ? serviceIds.filter((id) => id === query.municipalServiceId)
    : serviceIds;
  return {
    ...agentListSql(services, query as ListApplicationsQuery),
    empty: services.length === 0,
  };
}

/** The filters as the query string of the gateway's route (and of the bare server's). */
export function queryString(filters: AgentListFilters): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * SQL shared by the enrolment benchmark and its bare server (enrolment-bare-server.ts).
 *
 * The agents' list is enrolment's `ListApplications.forAgents`
 * (services/enrolment/src/applications/list-applications.use-case.ts) for an agent caller,
 * written out once: the bare server runs it, and the benchmark runs `EXPLAIN ANALYZE` on it.
 * Keep it in step with the use case.
 */

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

export const DEFAULT_PAGE_SIZE = 20;

const ORDER = 'a.submitted_at DESC NULLS FIRST, a.id DESC';

/** The use case's `pageQuery`: the page cut from `applications` alone, then joined. */
function pageQuery(where: string, limit: number, offset: number): string {
  return `
    SELECT a.id, a.reference, a.procedure_id, a.organisation_id, a.municipal_service_id,
           a.season, a.household_id, a.child_id, a.child, a.status, a.message,
           a.school_assignment, a.filed_by_kind, a.filed_by_account_id, a.submitted_at,
           a.decided_at, a.created_at, a.updated_at, p.title AS procedure_title,
           p.organisation_name, p.municipal_service_name, p."grant"
      FROM (SELECT * FROM applications a WHERE ${where} ORDER BY ${ORDER}
             LIMIT ${limit} OFFSET ${offset}) a
      JOIN procedures p ON p.id = a.procedure_id
     ORDER BY ${ORDER}`;
}

/** Lower case without accents (enrolment's `searchable`, for the name filter). */
export function searchable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export interface AgentListQuery {
  /** The page. */
  pageText: string;
  /** The total, a separate query that the use case runs beside the page. */
  countText: string;
  values: unknown[];
  page: number;
  pageSize: number;
  /** No service left to look at: the answer is an empty page without a query. */
  empty: boolean;
}

/** The page and count queries for an agent of `serviceIds`, as the use case builds them. */
export function agentListQuery(serviceIds: string[], query: AgentListFilters): AgentListQuery {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    values.push(value);
    conditions.push(sql(`$${values.length}`));
  };
  const services = query.municipalServiceId
    ? serviceIds.filter((id) => id === query.municipalServiceId)
    : serviceIds;
  add((p) => `a.municipal_service_id = ANY(${p}::uuid[])`, services);
  conditions.push(`(a.status <> 'draft' OR a.filed_by_kind = 'agent')`);
  if (query.status) add((p) => `a.status = ${p}`, query.status);
  if (query.procedureId) add((p) => `a.procedure_id = ${p}`, query.procedureId);
  if (query.season) add((p) => `a.season = ${p}`, query.season);
  if (query.childId) add((p) => `a.child_id = ${p}`, query.childId);
  if (query.householdId) add((p) => `a.household_id = ${p}`, query.householdId);
  if (query.childName) {
    const words = searchable(query.childName).replace(/[%_\\]/g, '\\$&');
    add((p) => `a.child_search LIKE '%' || ${p} || '%'`, words);
  }
  if (query.submittedFrom) {
    add(
      (p) => `a.submitted_at >= (${p}::date::timestamp AT TIME ZONE 'Europe/Paris')`,
      query.submittedFrom,
    );
  }
  if (query.submittedTo) {
    add(
      (p) => `a.submitted_at < ((${p}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')`,
      query.submittedTo,
    );
  }
  const where = conditions.join(' AND ');
  return {
    pageText: pageQuery(where, pageSize, (page - 1) * pageSize),
    countText: `SELECT count(*) AS total FROM applications a WHERE ${where}`,
    values,
    page,
    pageSize,
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

import type { ListApplicationsQuery } from '@portail/contracts';

export const DEFAULT_APPLICATIONS_PAGE_SIZE = 20;

/** The agents' list order: newest submission first (agents' counter drafts, not submitted, on top). */
export const AGENT_LIST_ORDER = 'a.submitted_at DESC NULLS FIRST, a.id DESC';
export const FAMILY_LIST_ORDER = 'a.created_at DESC, a.id DESC';

/** Lower case without accents, for the agents' name filter. */
export function searchable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export interface ListSql {
  /** The page: cut from `applications` alone, then joined to the procedures of its rows. */
  pageText: string;
  /** The total, a separate query run beside the page. */
  countText: string;
  values: unknown[];
  page: number;
  pageSize: number;
}

/**
 * The page is cut from `applications` alone (its conditions never need the procedure), then
 * joined: with the ordering index the database stops at the page instead of joining and
 * sorting every matching row (measured by the enrolment benchmark).
 */
export function listSql(
  conditions: string[],
  values: unknown[],
  order: string,
  paging: { page?: number; pageSize?: number },
): ListSql {
  const page = paging.page ?? 1;
  const pageSize = paging.pageSize ?? DEFAULT_APPLICATIONS_PAGE_SIZE;
  const where = conditions.join(' AND ');
  return {
    pageText: `
      SELECT a.id, a.reference, a.procedure_id, a.organisation_id, a.municipal_service_id,
             a.season, a.household_id, a.child_id, a.child, a.status, a.message,
             a.school_assignment, a.residence_discrepancies, a.filed_by_kind, a.filed_by_account_id, a.submitted_at,
             a.decided_at, a.created_at, a.updated_at, p.title AS procedure_title,
             p.organisation_name, p.municipal_service_name, p."grant"
        FROM (SELECT * FROM applications a WHERE ${where} ORDER BY ${order}
               LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}) a
        JOIN procedures p ON p.id = a.procedure_id
       ORDER BY ${order}`,
    countText: `SELECT count(*) AS total FROM applications a WHERE ${where}`,
    values,
    page,
    pageSize,
  };
}

/**
 * The agents' list: `serviceIds` are the services looked at (all for an administrator: null).
 * Families' drafts stay private until submitted; drafts an agent filed at the counter show.
 */
export function agentListSql(serviceIds: string[] | null, query: ListApplicationsQuery): ListSql {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    values.push(value);
    conditions.push(sql(`$${values.length}`));
  };
  if (serviceIds) add((p) => `a.municipal_service_id = ANY(${p}::uuid[])`, serviceIds);
  else if (query.municipalServiceId) {
    add((p) => `a.municipal_service_id = ${p}`, query.municipalServiceId);
  }
  conditions.push(`(a.status <> 'draft' OR a.filed_by_kind = 'agent')`);
  if (query.status) add((p) => `a.status = ${p}`, query.status);
  if (query.procedureId) add((p) => `a.procedure_id = ${p}`, query.procedureId);
  if (query.season) add((p) => `a.season = ${p}`, query.season);
  if (query.childId) add((p) => `a.child_id = ${p}`, query.childId);
  if (query.householdId) add((p) => `a.household_id = ${p}`, query.householdId);
  if (query.residenceDiscrepancy !== undefined) {
    conditions.push(
      query.residenceDiscrepancy
        ? `a.residence_discrepancies <> '[]'::jsonb`
        : `a.residence_discrepancies = '[]'::jsonb`,
    );
  }
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
  return listSql(conditions, values, AGENT_LIST_ORDER, query);
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  ApplicationListItem,
  ApplicationsPage,
  Caller,
  ProcedureGrant,
} from '@portail/contracts';
import { HouseholdDirectory } from '../households/household-directory';
import { toApplicationListItem } from './application-view';
import type { Application } from './application.entity';
import type { ListApplicationsDto, ListMyApplicationsDto } from './application.dto';
import { searchable } from './save-draft.use-case';

const DEFAULT_PAGE_SIZE = 20;

interface Row {
  id: string;
  reference: string;
  procedure_id: string;
  organisation_id: string;
  municipal_service_id: string;
  season: string;
  household_id: string;
  child_id: string;
  child: Application['child'];
  status: Application['status'];
  message: string | null;
  school_assignment: Application['schoolAssignment'];
  filed_by_kind: Application['filedByKind'];
  filed_by_account_id: string;
  submitted_at: Date | null;
  decided_at: Date | null;
  created_at: Date;
  updated_at: Date;
  procedure_title: string;
  organisation_name: string;
  municipal_service_name: string;
  grant: ProcedureGrant;
}

/**
 * The page is cut from `applications` alone (its conditions never need the procedure), then
 * joined to the procedures of its rows: with the ordering index the database stops at the page
 * instead of joining and sorting every matching row. The total is a separate count.
 */
function pageQuery(where: string, order: string, limit: number, offset: number): string {
  return `
    SELECT a.id, a.reference, a.procedure_id, a.organisation_id, a.municipal_service_id,
           a.season, a.household_id, a.child_id, a.child, a.status, a.message,
           a.school_assignment, a.filed_by_kind, a.filed_by_account_id, a.submitted_at,
           a.decided_at, a.created_at, a.updated_at, p.title AS procedure_title,
           p.organisation_name, p.municipal_service_name, p."grant"
      FROM (SELECT * FROM applications a WHERE ${where} ORDER BY ${order}
             LIMIT ${limit} OFFSET ${offset}) a
      JOIN procedures p ON p.id = a.procedure_id
     ORDER BY ${order}`;
}

function toItem(row: Row): ApplicationListItem {
  return toApplicationListItem({
    id: row.id,
    reference: row.reference,
    procedureId: row.procedure_id,
    organisationId: row.organisation_id,
    municipalServiceId: row.municipal_service_id,
    season: row.season,
    householdId: row.household_id,
    childId: row.child_id,
    child: row.child,
    status: row.status,
    message: row.message,
    schoolAssignment: row.school_assignment,
    filedByKind: row.filed_by_kind,
    filedByAccountId: row.filed_by_account_id,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    procedureTitle: row.procedure_title,
    organisationName: row.organisation_name,
    municipalServiceName: row.municipal_service_name,
    grant: row.grant,
  } as Parameters<typeof toApplicationListItem>[0]);
}

/** The family's dashboard and the agents' work list. */
@Injectable()
export class ListApplications {
  constructor(
    private readonly dataSource: DataSource,
    private readonly households: HouseholdDirectory,
  ) {}

  async mine(caller: Caller, query: ListMyApplicationsDto): Promise<ApplicationsPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    if (caller.kind !== 'family') return { items: [], page, pageSize, total: 0 };
    const household = await this.households.profileOfAccount(caller.accountId);
    const conditions = ['a.household_id = $1'];
    const parameters: unknown[] = [household.householdId];
    if (query.status) {
      parameters.push(query.status);
      conditions.push(`a.status = $${parameters.length}`);
    }
    if (query.season) {
      parameters.push(query.season);
      conditions.push(`a.season = $${parameters.length}`);
    }
    return this.page(conditions, parameters, 'a.created_at DESC, a.id DESC', page, pageSize);
  }

  async forAgents(caller: Caller, query: ListApplicationsDto): Promise<ApplicationsPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    if (caller.kind === 'family') return { items: [], page, pageSize, total: 0 };
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const add = (sql: (placeholder: string) => string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql(`$${parameters.length}`));
    };
    if (caller.kind === 'agent') {
      const services = query.municipalServiceId
        ? caller.serviceIds.filter((id) => id === query.municipalServiceId)
        : caller.serviceIds;
      if (!services.length) return { items: [], page, pageSize, total: 0 };
      add((p) => `a.municipal_service_id = ANY(${p}::uuid[])`, services);
    } else if (query.municipalServiceId) {
      add((p) => `a.municipal_service_id = ${p}`, query.municipalServiceId);
    }
    // Families' drafts stay private until submitted; drafts an agent filed at the counter show.
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
    return this.page(
      conditions,
      parameters,
      'a.submitted_at DESC NULLS FIRST, a.id DESC',
      page,
      pageSize,
    );
  }

  private async page(
    conditions: string[],
    parameters: unknown[],
    order: string,
    page: number,
    pageSize: number,
  ): Promise<ApplicationsPage> {
    const where = conditions.join(' AND ');
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<Row[]>(
        pageQuery(where, order, pageSize, (page - 1) * pageSize),
        parameters,
      ),
      this.dataSource.query<Array<{ total: string }>>(
        `SELECT count(*) AS total FROM applications a WHERE ${where}`,
        parameters,
      ),
    ]);
    return { items: rows.map(toItem), page, pageSize, total: Number(count.total) };
  }
}

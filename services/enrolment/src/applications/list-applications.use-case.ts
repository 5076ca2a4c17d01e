import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  ApplicationListItem,
  ApplicationsPage,
  Caller,
  ListApplicationsQuery,
  ListMyApplicationsQuery,
  ProcedureGrant,
} from '@portail/contracts';
import { HouseholdDirectory } from '../households/household-directory';
import { toApplicationListItem } from './application-view';
import type { Application } from './application.entity';
import {
  agentListSql,
  DEFAULT_APPLICATIONS_PAGE_SIZE,
  FAMILY_LIST_ORDER,
  listSql,
  type ListSql,
} from './application-list-query';

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
  residence_discrepancies: Application['residenceDiscrepancies'];
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
    residenceDiscrepancies: row.residence_discrepancies,
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

  async mine(caller: Caller, query: ListMyApplicationsQuery): Promise<ApplicationsPage> {
    if (caller.kind !== 'family') return emptyPage(query);
    // A new account without a household yet has an empty dashboard.
    const household = await this.households.findProfileOfAccount(caller.accountId);
    if (!household) return emptyPage(query);
    const conditions = ['a.household_id = $1'];
    const values: unknown[] = [household.householdId];
    if (query.status) {
      values.push(query.status);
      conditions.push(`a.status = $${values.length}`);
    }
    if (query.season) {
      values.push(query.season);
      conditions.push(`a.season = $${values.length}`);
    }
    return this.page(listSql(conditions, values, FAMILY_LIST_ORDER, query));
  }

  async forAgents(caller: Caller, query: ListApplicationsQuery): Promise<ApplicationsPage> {
    if (caller.kind === 'family') return emptyPage(query);
    let services: string[] | null = null;
    if (caller.kind === 'agent') {
      services = query.municipalServiceId
        ? caller.serviceIds.filter((id) => id === query.municipalServiceId)
        : caller.serviceIds;
      if (!services.length) return emptyPage(query);
    }
    return this.page(agentListSql(services, query));
  }

  private async page(sql: ListSql): Promise<ApplicationsPage> {
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<Row[]>(sql.pageText, sql.values),
      this.dataSource.query<Array<{ total: string }>>(sql.countText, sql.values),
    ]);
    return {
      items: rows.map(toItem),
      page: sql.page,
      pageSize: sql.pageSize,
      total: Number(count.total),
    };
  }
}

function emptyPage(query: { page?: number; pageSize?: number }): ApplicationsPage {
  return {
    items: [],
    page: query.page ?? 1,
    pageSize: query.pageSize ?? DEFAULT_APPLICATIONS_PAGE_SIZE,
    total: 0,
  };
}

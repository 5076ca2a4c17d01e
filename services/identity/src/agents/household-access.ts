import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { AgentCaller, Caller } from '@portail/contracts';
import { AuditTrail } from '../audit/audit-trail';
import { HouseholdNotFoundException } from '../households/household.exception';
import { HouseholdServiceLink } from './household-service-link.entity';

/**
 * The rule: an agent may read a household only if the household deals with at least one of
 * the agent's services. Pure, for use cases that already know the household's services.
 */
export function canAgentReadHousehold(
  caller: AgentCaller,
  dealingServiceIds: readonly string[],
): boolean {
  return dealingServiceIds.some((id) => caller.serviceIds.includes(id));
}

/** What an audited read by an agent is about; `action` e.g. `household.read`. */
export interface AgentHouseholdAccess {
  action: string;
  subjectType?: string;
  subjectId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Applies the rule to households as identity knows them (household_service_links), and
 * records each agent access in the audit log.
 */
@Injectable()
export class HouseholdAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  /** Ids of the municipal services the household deals with. */
  async servicesDealingWith(
    householdId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    const links = await manager
      .getRepository(HouseholdServiceLink)
      .find({ where: { householdId }, order: { municipalServiceId: 'ASC' } });
    return links.map((link) => link.municipalServiceId);
  }

  /** Of the agent's services, those the household deals with (empty: out of scope). */
  async sharedServices(
    caller: AgentCaller,
    householdId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    if (!caller.serviceIds.length) return [];
    const links = await manager.getRepository(HouseholdServiceLink).find({
      where: { householdId, municipalServiceId: In(caller.serviceIds) },
      order: { municipalServiceId: 'ASC' },
    });
    return links.map((link) => link.municipalServiceId);
  }

  async canRead(
    caller: Caller,
    householdId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    if (caller.kind === 'admin') return true;
    if (caller.kind !== 'agent') return false;
    return (await this.sharedServices(caller, householdId, manager)).length > 0;
  }

  /**
   * For an agent's use case on one household's data: refuses with HOUSEHOLD_NOT_FOUND (404,
   * as for an unknown household) unless the rule allows it, then writes the audit line in `manager`'s transaction.
   * Returns the agent's services that the household deals with.
   */
  async authorizeAgent(
    manager: EntityManager,
    caller: AgentCaller,
    householdId: string,
    access: AgentHouseholdAccess,
  ): Promise<string[]> {
    const shared = await this.sharedServices(caller, householdId, manager);
    // The same answer as for a household that does not exist: existence is not revealed.
    if (!shared.length) throw new HouseholdNotFoundException(householdId);
    await this.audit.record(manager, {
      actor: caller,
      action: access.action,
      subjectType: access.subjectType ?? 'household',
      subjectId: access.subjectId === undefined ? householdId : access.subjectId,
      householdId,
      details: { ...access.details, viaServiceIds: shared },
    });
    return shared;
  }

  /** Households that deal with at least one of the agent's services (ids, for a lookup list). */
  async householdIdsVisibleTo(
    caller: AgentCaller,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    if (!caller.serviceIds.length) return [];
    const rows: Array<{ household_id: string }> = await manager.query(
      `SELECT DISTINCT household_id FROM household_service_links
        WHERE municipal_service_id = ANY($1::uuid[]) ORDER BY household_id`,
      [caller.serviceIds],
    );
    return rows.map((row) => row.household_id);
  }
}

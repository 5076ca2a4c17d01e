import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CommonErrorCode, type Caller, type HouseholdLinkView } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import { AuditTrail } from '../audit/audit-trail';
import { requireAgent } from './caller-access';
import { HouseholdAccess } from './household-access';

/** An agent looks up the households that deal with its services; each lookup is audited. */
@Injectable()
export class ListHouseholdLinks {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: HouseholdAccess,
    private readonly audit: AuditTrail,
  ) {}

  async list(caller: Caller, municipalServiceId?: string): Promise<HouseholdLinkView[]> {
    requireAgent(caller);
    if (municipalServiceId && !caller.serviceIds.includes(municipalServiceId)) {
      throw new DomainException(
        CommonErrorCode.FORBIDDEN,
        'Ce service ne fait pas partie de vos services.',
      );
    }
    const serviceIds = municipalServiceId ? [municipalServiceId] : caller.serviceIds;
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ household_id: string; service_ids: string[] }> = serviceIds.length
        ? await manager.query(
            `SELECT household_id, array_agg(municipal_service_id::text ORDER BY municipal_service_id) AS service_ids
               FROM household_service_links
              WHERE municipal_service_id = ANY($1::uuid[])
              GROUP BY household_id ORDER BY household_id LIMIT 1000`,
            [serviceIds],
          )
        : [];
      await this.audit.record(manager, {
        actor: caller,
        action: 'household-links.list',
        subjectType: 'municipal-service',
        subjectId: municipalServiceId ?? null,
        details: { count: rows.length },
      });
      return rows.map((row) => ({
        householdId: row.household_id,
        municipalServiceIds: row.service_ids,
      }));
    });
  }

  /** The agent's services that one household deals with; refused when there is none. */
  async get(caller: Caller, householdId: string): Promise<HouseholdLinkView> {
    requireAgent(caller);
    return this.dataSource.transaction(async (manager) => ({
      householdId,
      municipalServiceIds: await this.access.authorizeAgent(manager, caller, householdId, {
        action: 'household-links.read',
      }),
    }));
  }
}

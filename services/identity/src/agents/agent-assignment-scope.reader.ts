import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AGENT_ROLES } from '@portail/contracts';
import { AgentScopeReader, type AgentScope } from '../accounts/agent-scope.reader';
import { AgentAssignment } from './agent-assignment.entity';

/**
 * The agent's organisation, services and roles for its access token, from agent_assignments.
 * Only active services count; no assignment left means no scope (the agent cannot log in).
 */
@Injectable()
export class AgentAssignmentScopeReader extends AgentScopeReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async scopeOf(accountId: string): Promise<AgentScope | undefined> {
    const rows = await this.dataSource
      .getRepository(AgentAssignment)
      .createQueryBuilder('assignment')
      .innerJoin(
        'municipal_services',
        'service',
        'service.id = assignment.municipal_service_id AND service.active',
      )
      .where('assignment.account_id = :accountId', { accountId })
      .orderBy('assignment.municipal_service_id', 'ASC')
      .getMany();
    if (!rows.length) return undefined;
    const roles = new Set(rows.flatMap((row) => row.roles));
    return {
      organisationId: rows[0].organisationId,
      serviceIds: rows.map((row) => row.municipalServiceId),
      roles: AGENT_ROLES.filter((role) => roles.has(role)),
    };
  }
}

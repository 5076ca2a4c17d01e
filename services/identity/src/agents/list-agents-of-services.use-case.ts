import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AgentContact, AgentsOfServicesQuery } from '@portail/contracts';

interface AgentContactRow {
  account_id: string;
  email: string;
  first_name: string;
  municipal_service_ids: string[];
}

/**
 * Service to service (notification, to tell agents of a new application): the active agents
 * who work for any of the given municipal services, each with those of its services only.
 */
@Injectable()
export class ListAgentsOfServices {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: AgentsOfServicesQuery): Promise<AgentContact[]> {
    if (query.municipalServiceIds.length === 0) return [];
    const rows = await this.dataSource.query<AgentContactRow[]>(
      `SELECT account.id AS account_id, account.email, account.first_name,
              array_agg(assignment.municipal_service_id::text
                        ORDER BY assignment.municipal_service_id) AS municipal_service_ids
         FROM accounts account
         JOIN agent_assignments assignment ON assignment.account_id = account.id
        WHERE account.kind = 'agent' AND account.status = 'active'
          AND assignment.municipal_service_id = ANY($1::uuid[])
        GROUP BY account.id
        ORDER BY account.last_name, account.first_name, account.id`,
      [query.municipalServiceIds],
    );
    return rows.map((row) => ({
      accountId: row.account_id,
      email: row.email,
      firstName: row.first_name,
      municipalServiceIds: row.municipal_service_ids,
    }));
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DueDateRule, RegieView } from '@portail/contracts';
import { RegieNotFoundException } from './regie-access';

/** A `regies` row as PostgreSQL returns it. */
export interface RegieRow {
  id: string;
  organisation_id: string;
  name: string;
  municipal_service_ids: string[];
  resident_organisation_ids: string[];
  treasury_address: string[];
  payfip_collectivity_number: string;
  debt_reference_format: string;
  due_date_rule: DueDateRule;
  payment_methods: string[];
}

export const DEFAULT_PAYMENT_METHODS = ['Chèque à l’ordre du Trésor Public', 'Espèce'];

export function toRegieView(row: RegieRow): RegieView {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    municipalServiceIds: row.municipal_service_ids,
    residentOrganisationIds: row.resident_organisation_ids,
    treasuryAddress: row.treasury_address,
    payfipCollectivityNumber: row.payfip_collectivity_number,
    debtReferenceFormat: row.debt_reference_format,
    dueDateRule: row.due_date_rule,
    paymentMethods: row.payment_methods,
  };
}

@Injectable()
export class RegieStore {
  constructor(private readonly dataSource: DataSource) {}

  /** REGIE_NOT_FOUND (404) for an unknown id. */
  async load(regieId: string, manager: EntityManager = this.dataSource.manager): Promise<RegieRow> {
    const [row] = await manager.query<RegieRow[]>('SELECT * FROM regies WHERE id = $1', [regieId]);
    if (!row) throw new RegieNotFoundException();
    return row;
  }

  /** The régies serving a municipal service. */
  async ofService(
    municipalServiceId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RegieRow[]> {
    return manager.query<RegieRow[]>(
      'SELECT * FROM regies WHERE $1 = ANY(municipal_service_ids) ORDER BY created_at, id',
      [municipalServiceId],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type {
  Caller,
  CreateRegieCommand,
  ListRegiesQuery,
  RegieView,
  UpdateRegieCommand,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import { CommonErrorCode } from '@portail/contracts';
import { requireRegieAgent, requireRegieManager } from './regie-access';
import { DEFAULT_PAYMENT_METHODS, RegieStore, toRegieView, type RegieRow } from './regie-store';

type RegieFields = Omit<CreateRegieCommand, 'organisationId'>;

function columnsOf(fields: RegieFields, organisationId: string): unknown[] {
  return [
    fields.name,
    [...new Set(fields.municipalServiceIds)],
    [...new Set(fields.residentOrganisationIds ?? [organisationId])],
    fields.treasuryAddress.map((line) => line.trim()),
    fields.payfipCollectivityNumber,
    fields.debtReferenceFormat,
    JSON.stringify({
      kind: fields.dueDateRule.kind,
      ...(fields.dueDateRule.kind === 'days-after-issue'
        ? { days: fields.dueDateRule.days }
        : { day: fields.dueDateRule.day }),
    }),
    fields.paymentMethods?.length ? fields.paymentMethods : DEFAULT_PAYMENT_METHODS,
  ];
}

/**
 * Régies: set up by administrators or the organisation's supervisors, read by its agents. The
 * services a régie serves are the agent's scope on it.
 */
@Injectable()
export class ManageRegies {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regies: RegieStore,
  ) {}

  async create(caller: Caller, command: CreateRegieCommand): Promise<RegieView> {
    requireRegieManager(caller, command.organisationId);
    const [row] = await this.dataSource.query<RegieRow[]>(
      `INSERT INTO regies (id, organisation_id, name, municipal_service_ids,
         resident_organisation_ids, treasury_address, payfip_collectivity_number,
         debt_reference_format, due_date_rule, payment_methods)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [uuidv7(), command.organisationId, ...columnsOf(command, command.organisationId)],
    );
    return toRegieView(row);
  }

  async update(caller: Caller, command: UpdateRegieCommand): Promise<RegieView> {
    const regie = await this.regies.load(command.regieId);
    requireRegieManager(caller, regie.organisation_id);
    const [[row]] = await this.dataSource.query<[RegieRow[], number]>(
      `UPDATE regies SET name = $2, municipal_service_ids = $3, resident_organisation_ids = $4,
         treasury_address = $5, payfip_collectivity_number = $6, debt_reference_format = $7,
         due_date_rule = $8, payment_methods = $9
       WHERE id = $1 RETURNING *`,
      [regie.id, ...columnsOf(command, regie.organisation_id)],
    );
    return toRegieView(row);
  }

  async list(caller: Caller, query: ListRegiesQuery): Promise<RegieView[]> {
    if (caller.kind === 'family') {
      throw new DomainException(CommonErrorCode.FORBIDDEN, 'Réservé aux agents des régies.');
    }
    const organisationId = caller.kind === 'agent' ? caller.organisationId : query.organisationId;
    const rows = await this.dataSource.query<RegieRow[]>(
      `SELECT * FROM regies WHERE ($1::uuid IS NULL OR organisation_id = $1)
       ORDER BY name, id LIMIT 500`,
      [organisationId ?? null],
    );
    return rows
      .filter(
        (row) =>
          caller.kind === 'admin' ||
          caller.roles.includes('supervisor') ||
          row.municipal_service_ids.some((id) => caller.serviceIds.includes(id)),
      )
      .map(toRegieView);
  }

  async get(caller: Caller, regieId: string): Promise<RegieView> {
    const regie = await this.regies.load(regieId);
    if (!(caller.kind === 'agent' && caller.roles.includes('supervisor'))) {
      requireRegieAgent(caller, regie);
    } else {
      requireRegieManager(caller, regie.organisation_id);
    }
    return toRegieView(regie);
  }
}

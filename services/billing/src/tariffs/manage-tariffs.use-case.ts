import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  BillingErrorCode,
  CommonErrorCode,
  type Caller,
  type CreateTariffCommand,
  type TariffView,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import { requireRegieAgent, requireRegieManager } from '../regies/regie-access';
import { RegieStore } from '../regies/regie-store';
import { bracketsProblem } from './tariff-rules';
import { TARIFF_COLUMNS, tariffsOfRegie, toTariffView, type TariffRow } from './tariff-store';

/**
 * Tariffs per activity and unit with validity dates, set by the régie's managers. Two tariffs of
 * the same unit never cover the same day: the régie's row is locked while one is added.
 */
@Injectable()
export class ManageTariffs {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regies: RegieStore,
  ) {}

  async create(caller: Caller, command: CreateTariffCommand): Promise<TariffView> {
    const problem =
      bracketsProblem(command.brackets) ??
      (command.validUntil < command.validFrom
        ? 'La date de fin précède la date de début.'
        : undefined);
    if (problem) {
      throw new DomainException(CommonErrorCode.VALIDATION_FAILED, problem);
    }
    return this.dataSource.transaction(async (manager) => {
      const regie = await this.regies.load(command.regieId, manager);
      requireRegieManager(caller, regie.organisation_id);
      await manager.query('SELECT id FROM regies WHERE id = $1 FOR UPDATE', [regie.id]);
      const [overlap] = await manager.query<Array<{ id: string }>>(
        `SELECT id FROM tariffs WHERE regie_id = $1 AND activity_code = $2 AND unit_code = $3
           AND valid_from <= $5 AND valid_until >= $4 LIMIT 1`,
        [regie.id, command.activityCode, command.unitCode, command.validFrom, command.validUntil],
      );
      if (overlap) {
        throw new DomainException(
          BillingErrorCode.TARIFF_OVERLAP,
          'Un tarif de cette unité couvre déjà une partie de ces dates.',
          { tariffId: overlap.id },
        );
      }
      const [row] = await manager.query<TariffRow[]>(
        `INSERT INTO tariffs (id, regie_id, activity_code, unit_code, label, valid_from,
           valid_until, brackets, sibling_reduction_percents, late_cancellation_percent,
           unjustified_absence_percent, unexpected_presence_percent)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${TARIFF_COLUMNS}`,
        [
          uuidv7(),
          regie.id,
          command.activityCode,
          command.unitCode,
          command.label,
          command.validFrom,
          command.validUntil,
          JSON.stringify(
            command.brackets.map((bracket) => ({
              upToQuotient: bracket.upToQuotient ?? null,
              residentCents: bracket.residentCents,
              nonResidentCents: bracket.nonResidentCents,
            })),
          ),
          command.siblingReductionPercents,
          command.lateCancellationPercent,
          command.unjustifiedAbsencePercent,
          command.unexpectedPresencePercent,
        ],
      );
      return toTariffView(row);
    });
  }

  async list(caller: Caller, regieId: string): Promise<TariffView[]> {
    const regie = await this.regies.load(regieId);
    if (caller.kind === 'agent' && caller.roles.includes('supervisor')) {
      requireRegieManager(caller, regie.organisation_id);
    } else {
      requireRegieAgent(caller, regie);
    }
    return (await tariffsOfRegie(this.dataSource.manager, regie.id)).map(toTariffView);
  }
}

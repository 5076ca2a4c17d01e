import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { HouseholdServiceLinkCommand } from '@portail/contracts';
import { HouseholdNotFoundException } from '../households/household.exception';
import { MunicipalService } from '../municipal-services/municipal-service.entity';
import { MunicipalServiceNotFoundException } from '../municipal-services/municipal-service.exception';
import { HouseholdServiceLink } from './household-service-link.entity';

/**
 * A household now deals with a municipal service (or no longer does). Idempotent: a second
 * link or unlink changes nothing, so callers may retry or replay events freely. An unknown
 * household is HOUSEHOLD_NOT_FOUND (the foreign key household_service_links_household_fk).
 * Given a manager, it writes in that transaction (an event handler's inbox transaction).
 */
@Injectable()
export class LinkHouseholdService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async link(
    command: HouseholdServiceLinkCommand,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ linked: true }> {
    if (
      !(await manager.getRepository(MunicipalService).existsBy({ id: command.municipalServiceId }))
    ) {
      throw new MunicipalServiceNotFoundException(command.municipalServiceId);
    }
    try {
      await manager
        .createQueryBuilder()
        .insert()
        .into(HouseholdServiceLink)
        .values({
          householdId: command.householdId,
          municipalServiceId: command.municipalServiceId,
        })
        .orIgnore()
        .execute();
    } catch (error) {
      if (isForeignKeyViolation(error, 'household_service_links_household_fk')) {
        throw new HouseholdNotFoundException(command.householdId);
      }
      throw error;
    }
    return { linked: true };
  }

  async unlink(command: HouseholdServiceLinkCommand): Promise<{ linked: false }> {
    await this.dataSource.getRepository(HouseholdServiceLink).delete({
      householdId: command.householdId,
      municipalServiceId: command.municipalServiceId,
    });
    return { linked: false };
  }
}

function isForeignKeyViolation(error: unknown, constraint: string): boolean {
  const candidate = error as { driverError?: unknown } | undefined;
  const pg = (candidate?.driverError ?? candidate) as { code?: unknown; constraint?: unknown };
  return pg?.code === '23503' && pg.constraint === constraint;
}

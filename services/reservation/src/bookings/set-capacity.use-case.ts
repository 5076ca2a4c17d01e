import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ActivityView, Caller, SetCapacityCommand } from '@portail/contracts';
import { requireManagerOf } from '../activities/activity-access';
import { ActivityCatalogue, toActivityView } from '../activities/activity-catalogue';
import { CapacityOverride, UnitCapacity } from '../activities/activity.entities';
import { requirePart } from '../activities/configure-activity.use-case';
import { BookingLedger } from './booking-ledger';

/**
 * An agent sets the capacity of a unit at a site, by default or on one day. The counters of the
 * days already booked follow in the same transaction (locked, so no booking slips in between):
 * a lower capacity refuses new places (the bookings made stay), a higher one gives the new places
 * to the waiting lists at once, in request order.
 */
@Injectable()
export class SetCapacity {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: ActivityCatalogue,
    private readonly ledger: BookingLedger,
  ) {}

  async execute(caller: Caller, command: SetCapacityCommand): Promise<ActivityView> {
    const aggregate = await this.catalogue.load(command.activityId);
    requireManagerOf(caller, aggregate.activity.municipalServiceId);
    requirePart(aggregate, command.unitId, command.siteId);
    const { unitId, siteId, capacity, day } = command;
    await this.dataSource.transaction(async (manager) => {
      let days: string[];
      if (day) {
        await manager
          .getRepository(CapacityOverride)
          .upsert({ unitId, siteId, day, capacity }, ['unitId', 'siteId', 'day']);
        days = await this.moveCounters(
          manager,
          `UPDATE slot_counters SET capacity = $4
            WHERE unit_id = $1 AND site_id = $2 AND day = $3
            RETURNING to_char(day, 'YYYY-MM-DD') AS day`,
          [unitId, siteId, day, capacity],
        );
      } else {
        await manager
          .getRepository(UnitCapacity)
          .upsert({ unitId, siteId, capacity }, ['unitId', 'siteId']);
        days = await this.moveCounters(
          manager,
          `UPDATE slot_counters c SET capacity = $3
            WHERE c.unit_id = $1 AND c.site_id = $2
              AND NOT EXISTS (SELECT 1 FROM capacity_overrides o
                WHERE o.unit_id = c.unit_id AND o.site_id = c.site_id AND o.day = c.day)
            RETURNING to_char(c.day, 'YYYY-MM-DD') AS day`,
          [unitId, siteId, capacity],
        );
      }
      for (const moved of days) {
        await this.ledger.promoteWhileFree(manager, { unitId, siteId, day: moved }, aggregate);
      }
    });
    return toActivityView(await this.catalogue.load(command.activityId));
  }

  /** Runs the counters' UPDATE through a CTE, so that its reply is the days it moved. */
  private async moveCounters(
    manager: EntityManager,
    update: string,
    parameters: unknown[],
  ): Promise<string[]> {
    const moved = await manager.query<Array<{ day: string }>>(
      `WITH moved AS (${update}) SELECT day FROM moved ORDER BY day`,
      parameters,
    );
    return moved.map((row) => row.day);
  }
}

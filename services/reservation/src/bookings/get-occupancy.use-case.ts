import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CommonErrorCode,
  type Caller,
  type OccupancyLine,
  type OccupancyQuery,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import { requireManagerOf } from '../activities/activity-access';
import { ActivityCatalogue, capacityOn } from '../activities/activity-catalogue';
import { addDays } from '../calendar-and-notice';

const MAX_DAYS = 62;

/** Agents of the activity's service: booked, capacity, waiting and pending per site, unit, day. */
@Injectable()
export class GetOccupancy {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: ActivityCatalogue,
  ) {}

  async execute(caller: Caller, query: OccupancyQuery): Promise<OccupancyLine[]> {
    const activity = await this.catalogue.load(query.activityId);
    requireManagerOf(caller, activity.activity.municipalServiceId);
    if (query.to < query.from || addDays(query.from, MAX_DAYS) < query.to) {
      throw new DomainException(CommonErrorCode.VALIDATION_FAILED, 'La période est invalide.', {
        fields: [
          { field: 'to', message: `La période va de from à to, ${MAX_DAYS} jours au plus.` },
        ],
      });
    }
    const rows: Array<{
      unit_id: string;
      site_id: string;
      day: string;
      status: string;
      n: string;
    }> = await this.dataSource.query(
      `SELECT unit_id, site_id, to_char(day, 'YYYY-MM-DD') AS day, status, count(*) AS n
           FROM bookings
          WHERE activity_id = $1 AND day BETWEEN $2 AND $3 AND status <> 'cancelled'
          GROUP BY unit_id, site_id, day, status`,
      [query.activityId, query.from, query.to],
    );
    const counters: Array<{ unit_id: string; site_id: string; day: string; capacity: number }> =
      await this.dataSource.query(
        `SELECT c.unit_id, c.site_id, to_char(c.day, 'YYYY-MM-DD') AS day, c.capacity
           FROM slot_counters c JOIN activity_units u ON u.id = c.unit_id
          WHERE u.activity_id = $1 AND c.day BETWEEN $2 AND $3`,
        [query.activityId, query.from, query.to],
      );
    // Keyed once: the agent's month over every school site is thousands of cells, and a search
    // of the rows per cell made the view quadratic.
    const counts = new Map<string, number>();
    for (const row of rows) {
      counts.set(`${row.unit_id}/${row.site_id}/${row.day}/${row.status}`, Number(row.n));
    }
    const capacities = new Map<string, number>();
    for (const c of counters) capacities.set(`${c.unit_id}/${c.site_id}/${c.day}`, c.capacity);
    const lines: OccupancyLine[] = [];
    for (const site of activity.sites) {
      for (const unit of activity.units) {
        for (let day = query.from; day <= query.to; day = addDays(day, 1)) {
          const cell = `${unit.id}/${site.id}/${day}`;
          const counted = capacities.get(cell);
          const booked = counts.get(`${cell}/booked`) ?? 0;
          const offered = counts.get(`${cell}/offered`) ?? 0;
          const waiting = counts.get(`${cell}/waitlisted`) ?? 0;
          const pending = counts.get(`${cell}/pending`) ?? 0;
          if (counted === undefined && !booked && !offered && !waiting && !pending) continue;
          lines.push({
            siteId: site.id,
            unitId: unit.id,
            day,
            booked,
            offered,
            capacity: counted ?? capacityOn(activity, unit.id, site.id, day),
            waiting,
            pending,
          });
        }
      }
    }
    return lines;
  }
}

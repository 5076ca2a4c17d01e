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
    const count = (unitId: string, siteId: string, day: string, status: string) =>
      Number(
        rows.find(
          (r) =>
            r.unit_id === unitId && r.site_id === siteId && r.day === day && r.status === status,
        )?.n ?? 0,
      );
    const lines: OccupancyLine[] = [];
    for (const site of activity.sites) {
      for (const unit of activity.units) {
        for (let day = query.from; day <= query.to; day = addDays(day, 1)) {
          const counter = counters.find(
            (c) => c.unit_id === unit.id && c.site_id === site.id && c.day === day,
          );
          const booked = count(unit.id, site.id, day, 'booked');
          const waiting = count(unit.id, site.id, day, 'waitlisted');
          const pending = count(unit.id, site.id, day, 'pending');
          if (!counter && !booked && !waiting && !pending) continue;
          lines.push({
            siteId: site.id,
            unitId: unit.id,
            day,
            booked,
            capacity: counter?.capacity ?? capacityOn(activity, unit.id, site.id, day),
            waiting,
            pending,
          });
        }
      }
    }
    return lines;
  }
}

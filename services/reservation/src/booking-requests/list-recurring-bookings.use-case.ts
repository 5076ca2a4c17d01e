import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { BookingPatternView, Caller, ChildRef } from '@portail/contracts';
import { BookingPattern } from './booking-pattern.entity';
import { ChildAccess } from './child-access';

/** A child's weekly patterns, within the rights the caller reads. */
@Injectable()
export class ListRecurringBookings {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ChildAccess,
  ) {}

  async execute(caller: Caller, query: ChildRef): Promise<BookingPatternView[]> {
    const rights = await this.access.rightsOf(caller, query.childId);
    const patterns = await this.dataSource.getRepository(BookingPattern).find({
      where: { rightId: In(rights.map((right) => right.id)) },
      order: { firstDay: 'ASC' },
    });
    return patterns.map((pattern) => ({
      id: pattern.id,
      childId: pattern.childId,
      activityId: pattern.activityId,
      siteId: pattern.siteId,
      units: pattern.units,
      everyWeeks: pattern.everyWeeks,
      anchorDay: pattern.anchorDay,
      from: pattern.firstDay,
      until: pattern.lastDay,
      updatedAt: new Date(pattern.updatedAt).toISOString(),
    }));
  }
}

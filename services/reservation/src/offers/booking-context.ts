import type { EntityManager } from 'typeorm';
import type { ActivityCatalogue, ActivityAggregate } from '../activities/activity-catalogue';
import type { ActivityUnit } from '../activities/activity.entities';
import type { Booking } from '../bookings/booking.entity';
import { BookingRight } from '../rights/booking-right.entity';

export interface LoadedBooking {
  right: BookingRight;
  activity: ActivityAggregate;
  unit: ActivityUnit;
  unitCode: string;
}

/** What the ledger needs around a booking: its right, activity and unit. */
export async function contextOf(
  manager: EntityManager,
  catalogue: ActivityCatalogue,
  booking: Booking,
): Promise<LoadedBooking> {
  const right = await manager.getRepository(BookingRight).findOneByOrFail({ id: booking.rightId });
  const activity = await catalogue.load(booking.activityId, manager);
  const unit = activity.units.find((candidate) => candidate.id === booking.unitId)!;
  return { right, activity, unit, unitCode: unit.code };
}

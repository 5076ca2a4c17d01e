import type { BookingView } from '@portail/contracts';
import type { Booking } from './booking.entity';

export function toBookingView(
  booking: Booking,
  names: { childFirstName: string; activityCode: string; unitLabel: string },
): BookingView {
  return {
    id: booking.id,
    childId: booking.childId,
    childFirstName: names.childFirstName,
    activityId: booking.activityId,
    activityCode: names.activityCode,
    unitId: booking.unitId,
    unitLabel: names.unitLabel,
    siteId: booking.siteId,
    day: booking.day,
    status: booking.status,
    late: booking.late,
    message: booking.message,
    requestedAt: new Date(booking.requestedAt).toISOString(),
  };
}

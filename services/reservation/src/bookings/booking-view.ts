import type { BookingView } from '@portail/contracts';
import type { Booking } from './booking.entity';

/** "1er sur la liste d'attente", "3e sur la liste d'attente". */
export function waitingPositionText(position: number): string {
  return `${position === 1 ? '1er' : `${position}e`} sur la liste d'attente`;
}

export function toBookingView(
  booking: Booking,
  names: { childFirstName: string; activityCode: string; unitLabel: string },
  /** The booking's rank on its waiting list (null: not waiting), for the family's views. */
  waitingPosition?: number | null,
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
    ...(waitingPosition === undefined
      ? {}
      : {
          waitingPosition,
          waitingPositionText:
            waitingPosition === null ? null : waitingPositionText(waitingPosition),
        }),
  };
}

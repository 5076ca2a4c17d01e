import type { BackendServiceDefinition } from '@portail/service-kit';

/** Booking calendars, bookings and attendance (see DESIGN.md). */
export const reservationService: BackendServiceDefinition = {
  name: 'reservation',
  imports: [],
  entities: [],
  migrations: [],
};

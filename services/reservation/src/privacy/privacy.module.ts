import { Module } from '@nestjs/common';
import { personalDataController } from '@portail/service-kit';
import { ActivitiesModule } from '../activities/activities.module';
import { BookingsModule } from '../bookings/bookings.module';
import { ReservationAccountClosedHandler } from './account-closed.handler';
import { ExportReservationData } from './export-personal-data.use-case';

/** The family's RGPD rights in reservation: its part of the export, and the closure's effects. */
@Module({
  imports: [ActivitiesModule, BookingsModule],
  controllers: [personalDataController('reservation', ExportReservationData)],
  providers: [ExportReservationData, ReservationAccountClosedHandler],
})
export class PrivacyModule {}

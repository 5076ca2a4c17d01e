import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { BookingsModule } from '../bookings/bookings.module';
import { ReservationAccountClosedHandler } from './account-closed.handler';
import { ExportReservationData } from './export-personal-data.use-case';
import { ReservationPrivacyController } from './privacy.controller';

/** The family's RGPD rights in reservation: its part of the export, and the closure's effects. */
@Module({
  imports: [ActivitiesModule, BookingsModule],
  controllers: [ReservationPrivacyController],
  providers: [ExportReservationData, ReservationAccountClosedHandler],
})
export class PrivacyModule {}

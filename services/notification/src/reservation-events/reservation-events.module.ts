import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { HouseholdRecipients } from './household-recipients';
import { ReservationEventsHandler } from './reservation-events.handler';

@Module({ imports: [DeliveryModule], providers: [HouseholdRecipients, ReservationEventsHandler] })
export class ReservationEventsModule {}

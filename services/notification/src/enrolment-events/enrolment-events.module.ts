import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { EnrolmentEventsHandler } from './enrolment-events.handler';

@Module({ imports: [DeliveryModule], providers: [EnrolmentEventsHandler] })
export class EnrolmentEventsModule {}

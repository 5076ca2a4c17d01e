import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { IdentityEventsHandler } from './identity-events.handler';

@Module({ imports: [DeliveryModule], providers: [IdentityEventsHandler] })
export class IdentityEventsModule {}

import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { HouseholdRecipients } from '../reservation-events/household-recipients';
import { BillingEventsHandler } from './billing-events.handler';

/** Billing's events turned into the family's e-mails and notices. */
@Module({ imports: [DeliveryModule], providers: [HouseholdRecipients, BillingEventsHandler] })
export class BillingEventsModule {}

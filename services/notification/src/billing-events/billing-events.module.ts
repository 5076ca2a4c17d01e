import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { HouseholdRecipients } from '../reservation-events/household-recipients';
import { BillingEventsHandler } from './billing-events.handler';
import { DirectDebitEventsHandler } from './direct-debit-events.handler';

/** Billing's events turned into the family's e-mails and notices. */
@Module({
  imports: [DeliveryModule],
  providers: [HouseholdRecipients, BillingEventsHandler, DirectDebitEventsHandler],
})
export class BillingEventsModule {}

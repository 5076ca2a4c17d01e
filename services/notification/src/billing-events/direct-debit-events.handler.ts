import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@portail/contracts';
import { HandlesEvent } from '@portail/messaging';
import { BillingEventsHandler } from './billing-events.handler';
import {
  directDebitAnnouncedMail,
  directDebitAnnouncedNotice,
  directDebitReturnedMail,
  directDebitReturnedNotice,
} from './direct-debit-mails';

/**
 * SEPA direct debits' e-mails and notices (category `direct-debit`: always e-mailed, the
 * pre-notification is owed to the debtor), sent to every family account of the household the way billing's other events are (BillingEventsHandler.notifyHousehold).
 */
@Injectable()
export class DirectDebitEventsHandler {
  constructor(private readonly billing: BillingEventsHandler) {}

  @HandlesEvent('billing.direct-debit.announced')
  onAnnounced(event: EventEnvelope<'billing.direct-debit.announced'>, manager: EntityManager) {
    const debit = event.payload;
    return this.billing.notifyHousehold(manager, event.id, debit.householdId, {
      notice: directDebitAnnouncedNotice(this.billing.brand, debit),
      template: 'direct-debit-announced',
      category: 'direct-debit',
      render: (recipient) => directDebitAnnouncedMail(this.billing.brand, recipient, debit),
    });
  }

  @HandlesEvent('billing.direct-debit.returned')
  onReturned(event: EventEnvelope<'billing.direct-debit.returned'>, manager: EntityManager) {
    const debit = event.payload;
    return this.billing.notifyHousehold(manager, event.id, debit.householdId, {
      notice: directDebitReturnedNotice(this.billing.brand, debit),
      template: 'direct-debit-returned',
      category: 'direct-debit',
      render: (recipient) => directDebitReturnedMail(this.billing.brand, recipient, debit),
    });
  }
}

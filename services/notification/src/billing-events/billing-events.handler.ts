import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, NotificationCategory } from '@portail/contracts';
import { HandlesEvent } from '@portail/messaging';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { NotificationConfig } from '../config';
import { Notifier, type Notice } from '../delivery/notifier';
import type { MailBranding, MailTemplate, RenderedMail } from '../mail/mail-templates';
import { HouseholdRecipients } from '../reservation-events/household-recipients';
import {
  basketExpiredMail,
  basketExpiredNotice,
  creditNoteMail,
  creditNoteNotice,
  invoiceIssuedMail,
  invoiceIssuedNotice,
  invoiceOverdueMail,
  invoiceOverdueNotice,
  paymentFailedMail,
  paymentFailedNotice,
  paymentReceivedMail,
  paymentReceivedNotice,
  type BillingRecipient,
} from './billing-mails';

/**
 * E-mails and notices of billing's events, category `invoices` (families may turn its e-mails
 * off; the notices stay). Every family account of the household gets them, found through
 * identity (its login e-mail and first name) before anything is written; a household that no
 * longer exists gets nothing. The inbox makes each event's messages once.
 */
@Injectable()
export class BillingEventsHandler {
  readonly brand: MailBranding;

  constructor(
    @Inject(SERVICE_CONFIG) config: NotificationConfig,
    private readonly notifier: Notifier,
    private readonly households: HouseholdRecipients,
  ) {
    this.brand = {
      portalName: config.PORTAL_NAME,
      organisationName: config.ORGANISATION_NAME,
      portalUrl: config.PORTAL_URL,
    };
  }

  @HandlesEvent('billing.invoice.issued')
  onInvoiceIssued(event: EventEnvelope<'billing.invoice.issued'>, manager: EntityManager) {
    const invoice = event.payload;
    return this.notifyHousehold(manager, event.id, invoice.householdId, {
      notice: invoiceIssuedNotice(this.brand, invoice),
      template: 'invoice-issued',
      render: (recipient) => invoiceIssuedMail(this.brand, recipient, invoice),
    });
  }

  @HandlesEvent('billing.payment.received')
  onPaymentReceived(event: EventEnvelope<'billing.payment.received'>, manager: EntityManager) {
    const payment = event.payload;
    return this.notifyHousehold(manager, event.id, payment.householdId, {
      notice: paymentReceivedNotice(this.brand, payment),
      template: 'payment-received',
      render: (recipient) => paymentReceivedMail(this.brand, recipient, payment),
    });
  }

  @HandlesEvent('billing.payment.failed')
  onPaymentFailed(event: EventEnvelope<'billing.payment.failed'>, manager: EntityManager) {
    const payment = event.payload;
    return this.notifyHousehold(manager, event.id, payment.householdId, {
      notice: paymentFailedNotice(this.brand, payment),
      template: 'payment-failed',
      render: (recipient) => paymentFailedMail(this.brand, recipient, payment),
    });
  }

  @HandlesEvent('billing.basket.expired')
  onBasketExpired(event: EventEnvelope<'billing.basket.expired'>, manager: EntityManager) {
    const basket = event.payload;
    return this.notifyHousehold(manager, event.id, basket.householdId, {
      notice: basketExpiredNotice(this.brand, basket),
      template: 'basket-expired',
      render: (recipient) => basketExpiredMail(this.brand, recipient, basket),
    });
  }

  @HandlesEvent('billing.credit-note.issued')
  onCreditNote(event: EventEnvelope<'billing.credit-note.issued'>, manager: EntityManager) {
    const creditNote = event.payload;
    return this.notifyHousehold(manager, event.id, creditNote.householdId, {
      notice: creditNoteNotice(this.brand, creditNote),
      template: 'credit-note-issued',
      render: (recipient) => creditNoteMail(this.brand, recipient, creditNote),
    });
  }

  @HandlesEvent('billing.invoice.overdue')
  onOverdue(event: EventEnvelope<'billing.invoice.overdue'>, manager: EntityManager) {
    const overdue = event.payload;
    return this.notifyHousehold(manager, event.id, overdue.householdId, {
      notice: invoiceOverdueNotice(this.brand, overdue),
      template: 'invoice-overdue',
      render: (recipient) => invoiceOverdueMail(this.brand, recipient, overdue),
    });
  }

  /** Also SEPA direct debits' (DirectDebitEventsHandler). */
  async notifyHousehold(
    manager: EntityManager,
    eventId: string,
    householdId: string,
    message: {
      notice: Notice;
      template: MailTemplate;
      render(recipient: BillingRecipient): RenderedMail;
      /** `invoices` unless said (direct debits' notices are mandatory). */
      category?: NotificationCategory;
    },
  ): Promise<void> {
    const household = await this.households.of(householdId);
    if (!household) return;
    for (const account of household.accounts) {
      await this.notifier.notify(manager, {
        eventId,
        accountId: account.accountId,
        category: message.category ?? 'invoices',
        email: {
          recipient: account.email,
          template: message.template,
          mail: message.render(account),
        },
        notice: message.notice,
      });
    }
  }
}

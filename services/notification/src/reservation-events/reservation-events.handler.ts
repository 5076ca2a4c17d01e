import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, HouseholdProfile } from '@portail/contracts';
import { HandlesEvent } from '@portail/messaging';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { NotificationConfig } from '../config';
import { Notifier, type Notice } from '../delivery/notifier';
import type { MailBranding, MailTemplate, RenderedMail } from '../mail/mail-templates';
import {
  decidedMail,
  decidedNotice,
  offeredMail,
  offeredNotice,
  offerLapsedMail,
  offerLapsedNotice,
  promotedMail,
  promotedNotice,
  requestRecordedMail,
  requestRecordedNotice,
  type BookingChild,
  type BookingRecipient,
} from './booking-mails';
import { HouseholdRecipients } from './household-recipients';

interface FamilyMail {
  template: MailTemplate;
  render(recipient: BookingRecipient): RenderedMail;
}

/**
 * E-mails and notices of reservation's events, category `bookings` (families may turn its
 * e-mails off; the notices stay). Every family account of the household gets them, found
 * through identity. The inbox makes each event's messages once, whatever the redeliveries.
 */
@Injectable()
export class ReservationEventsHandler {
  private readonly brand: MailBranding;

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

  /** The booking summary of one request (a day, a pattern, or a counter booking). */
  @HandlesEvent('reservation.request.recorded')
  async onRequestRecorded(
    event: EventEnvelope<'reservation.request.recorded'>,
    manager: EntityManager,
  ): Promise<void> {
    const request = event.payload;
    if (!request.outcomes.length) return;
    await this.notifyHousehold(
      manager,
      event.id,
      request.householdId,
      request.childId,
      (child) => ({
        notice: requestRecordedNotice(this.brand, request, child),
        mail: {
          template: 'booking-request-recorded',
          render: (recipient) => requestRecordedMail(this.brand, recipient, request, child),
        },
      }),
    );
  }

  @HandlesEvent('reservation.booking.offered')
  async onOffered(
    event: EventEnvelope<'reservation.booking.offered'>,
    manager: EntityManager,
  ): Promise<void> {
    const booking = event.payload;
    await this.notifyHousehold(
      manager,
      event.id,
      booking.householdId,
      booking.childId,
      (child) => ({
        notice: offeredNotice(this.brand, booking, child),
        mail: {
          template: 'booking-offered',
          render: (recipient) => offeredMail(this.brand, recipient, booking, child),
        },
      }),
    );
  }

  /** Expired: e-mail and notice. Declined by the family itself: a notice only. */
  @HandlesEvent('reservation.booking.offer-lapsed')
  async onOfferLapsed(
    event: EventEnvelope<'reservation.booking.offer-lapsed'>,
    manager: EntityManager,
  ): Promise<void> {
    const booking = event.payload;
    await this.notifyHousehold(
      manager,
      event.id,
      booking.householdId,
      booking.childId,
      (child) => ({
        notice: offerLapsedNotice(this.brand, booking, child),
        mail:
          booking.outcome === 'expired'
            ? {
                template: 'booking-offer-lapsed',
                render: (recipient) => offerLapsedMail(this.brand, recipient, booking, child),
              }
            : undefined,
      }),
    );
  }

  @HandlesEvent('reservation.booking.promoted')
  async onPromoted(
    event: EventEnvelope<'reservation.booking.promoted'>,
    manager: EntityManager,
  ): Promise<void> {
    const booking = event.payload;
    await this.notifyHousehold(
      manager,
      event.id,
      booking.householdId,
      booking.childId,
      (child) => ({
        notice: promotedNotice(this.brand, booking, child),
        mail: {
          template: 'booking-promoted',
          render: (recipient) => promotedMail(this.brand, recipient, booking, child),
        },
      }),
    );
  }

  /** An agent accepted (a place or the waiting list) or refused a late request. */
  @HandlesEvent('reservation.booking.decided')
  async onDecided(
    event: EventEnvelope<'reservation.booking.decided'>,
    manager: EntityManager,
  ): Promise<void> {
    const booking = event.payload;
    await this.notifyHousehold(
      manager,
      event.id,
      booking.householdId,
      booking.childId,
      (child) => ({
        notice: decidedNotice(this.brand, booking, child),
        mail: {
          template: 'booking-decided',
          render: (recipient) => decidedMail(this.brand, recipient, booking, child),
        },
      }),
    );
  }

  private async notifyHousehold(
    manager: EntityManager,
    eventId: string,
    householdId: string,
    childId: string,
    messages: (child: BookingChild | undefined) => { notice: Notice; mail?: FamilyMail },
  ): Promise<void> {
    const household: HouseholdProfile | null = await this.households.of(householdId);
    if (!household) return;
    const child = household.children.find((candidate) => candidate.id === childId);
    const { notice, mail } = messages(child);
    for (const account of household.accounts) {
      await this.notifier.notify(manager, {
        eventId,
        accountId: account.accountId,
        category: 'bookings',
        email: mail && {
          recipient: account.email,
          template: mail.template,
          mail: mail.render(account),
        },
        notice,
      });
    }
  }
}

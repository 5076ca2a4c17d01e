import { Injectable } from '@nestjs/common';
import { Clock } from '@portail/service-kit';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@portail/contracts';
import { HandlesEvent } from '@portail/messaging';
import { parisDayOf } from '../calendar-and-notice';
import { BookingRight } from './booking-right.entity';
import { RightEnding } from './right-ending';

/**
 * Enrolment's decisions open and close booking: an accepted application granting
 * `activity-booking` gives the child a right for the season; a withdrawal ends it and cancels
 * the bookings from the withdrawal day on (not late: the family did not choose the date). Each
 * runs once per event (inbox) and is idempotent besides.
 */
@Injectable()
export class EnrolmentEventsHandler {
  constructor(
    private readonly ending: RightEnding,
    private readonly clock: Clock,
  ) {}

  @HandlesEvent('enrolment.application.accepted')
  async onAccepted(
    event: EventEnvelope<'enrolment.application.accepted'>,
    manager: EntityManager,
  ): Promise<void> {
    const accepted = event.payload;
    if (accepted.grant.kind !== 'activity-booking' || !accepted.grant.activityCode) return;
    await manager
      .getRepository(BookingRight)
      .createQueryBuilder()
      .insert()
      .values({
        id: accepted.applicationId,
        organisationId: accepted.organisationId,
        municipalServiceId: accepted.municipalServiceId,
        activityCode: accepted.grant.activityCode,
        billing: accepted.grant.billing ?? 'post-billing',
        householdId: accepted.householdId,
        childId: accepted.child.id,
        childFirstName: accepted.child.firstName,
        childLastName: accepted.child.lastName,
        accountIds: accepted.recipients.map((recipient) => recipient.accountId),
        validFrom: accepted.validFrom,
        validUntil: accepted.validUntil,
        endedOn: null,
      })
      .orIgnore()
      .execute();
  }

  @HandlesEvent('enrolment.application.withdrawn')
  async onWithdrawn(
    event: EventEnvelope<'enrolment.application.withdrawn'>,
    manager: EntityManager,
  ): Promise<void> {
    const right = await manager
      .getRepository(BookingRight)
      .findOneBy({ id: event.payload.applicationId });
    if (!right || right.endedOn) return;
    // The service's clock, not the event's instant: a replayed event ends the right on the day
    // it is applied at the latest, and tests move the clock.
    const now = this.clock.now();
    const occurred = new Date(event.occurredAt);
    const day = parisDayOf(occurred < now ? occurred : now);
    right.endedOn = day;
    await manager.getRepository(BookingRight).update({ id: right.id }, { endedOn: day });
    await this.ending.cancelBookingsFrom(manager, right, day, now);
  }
}

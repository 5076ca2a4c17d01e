import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@portail/contracts';
import { HandlesEvent } from '@portail/messaging';
import { LinkHouseholdService } from './link-household-service.use-case';

/**
 * Enrolment's facts that change who may read a household. A submitted application links the
 * household to the procedure's municipal service at once, so that the service's agents can
 * read the family's details while they review it (the link stays after the decision).
 */
@Injectable()
export class EnrolmentEventsHandler {
  constructor(private readonly links: LinkHouseholdService) {}

  @HandlesEvent('enrolment.application.submitted')
  async onApplicationSubmitted(
    event: EventEnvelope<'enrolment.application.submitted'>,
    manager: EntityManager,
  ): Promise<void> {
    // Idempotent: a resubmission or a replayed event finds the link already there.
    await this.links.link(
      {
        householdId: event.payload.householdId,
        municipalServiceId: event.payload.municipalServiceId,
      },
      manager,
    );
  }
}

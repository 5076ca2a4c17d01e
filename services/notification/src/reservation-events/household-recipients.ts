import { Injectable } from '@nestjs/common';
import { HouseholdErrorCode, HouseholdSubjects, type HouseholdProfile } from '@portail/contracts';
import { DomainException, ServiceRequester } from '@portail/service-kit';

/**
 * Reservation's events name a household, not its accounts: identity answers its family
 * accounts (login e-mail, first name) and children, as it does for enrolment's events. Asked
 * before anything is written, so that an identity outage retries the event whole.
 */
@Injectable()
export class HouseholdRecipients {
  constructor(private readonly services: ServiceRequester) {}

  /** Null when the household no longer exists (closed since the event): nobody to notify. */
  async of(householdId: string): Promise<HouseholdProfile | null> {
    try {
      return await this.services.request(HouseholdSubjects.enrolmentProfile, { householdId });
    } catch (error) {
      if (
        error instanceof DomainException &&
        error.envelope.code === HouseholdErrorCode.HOUSEHOLD_NOT_FOUND
      )
        return null;
      throw error;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { HouseholdSubjects, type HouseholdProfile } from '@portail/contracts';
import { ServiceRequester } from '@portail/service-kit';

/**
 * Households live in identity: enrolment asks for what it needs to act on one (accounts to
 * notify, children, communes of residence). Never cached: guardians and children change.
 * An unknown household, or a family account without one, fails with HOUSEHOLD_NOT_FOUND.
 */
@Injectable()
export class HouseholdDirectory {
  constructor(private readonly services: ServiceRequester) {}

  /** The household of a family account. */
  profileOfAccount(accountId: string): Promise<HouseholdProfile> {
    return this.services.request(HouseholdSubjects.enrolmentProfile, {
      accountId,
    });
  }

  profileOfHousehold(householdId: string): Promise<HouseholdProfile> {
    return this.services.request(HouseholdSubjects.enrolmentProfile, {
      householdId,
    });
  }
}

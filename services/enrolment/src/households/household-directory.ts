import { Injectable } from '@nestjs/common';
import {
  HouseholdErrorCode,
  HouseholdSubjects,
  type ChildView,
  type HouseholdProfile,
} from '@portail/contracts';
import { DomainException, ServiceRequester } from '@portail/service-kit';

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

  /**
   * The household of a family account, or undefined when it has not declared one yet: a new
   * account's lists (dashboard, documents) are empty, not 404.
   */
  async findProfileOfAccount(accountId: string): Promise<HouseholdProfile | undefined> {
    try {
      return await this.profileOfAccount(accountId);
    } catch (error) {
      if (
        error instanceof DomainException &&
        error.envelope.code === HouseholdErrorCode.HOUSEHOLD_NOT_FOUND
      ) {
        return undefined;
      }
      throw error;
    }
  }

  profileOfHousehold(householdId: string): Promise<HouseholdProfile> {
    return this.services.request(HouseholdSubjects.enrolmentProfile, {
      householdId,
    });
  }

  /**
   * The child's record (health included), to prefill a form; the caller has checked that the
   * child is the household's. Undefined when identity no longer knows it.
   */
  async childRecord(childId: string): Promise<ChildView | undefined> {
    const children = await this.services.request(HouseholdSubjects.childrenProfiles, {
      childIds: [childId],
    });
    return children.find((child) => child.id === childId);
  }
}

import { Injectable } from '@nestjs/common';
import { HouseholdSubjects, MAX_CHILD_PROFILES, type ChildView } from '@portail/contracts';
import { ServiceRequester } from '@portail/service-kit';

/** Children's profiles (names, health, pick-up persons) from identity, by batches it accepts. */
@Injectable()
export class ChildProfiles {
  constructor(private readonly services: ServiceRequester) {}

  async byId(childIds: string[]): Promise<Map<string, ChildView>> {
    const profiles = new Map<string, ChildView>();
    const unique = [...new Set(childIds)];
    for (let start = 0; start < unique.length; start += MAX_CHILD_PROFILES) {
      const found = await this.services.request(HouseholdSubjects.childrenProfiles, {
        childIds: unique.slice(start, start + MAX_CHILD_PROFILES),
      });
      for (const child of found) profiles.set(child.id, child);
    }
    return profiles;
  }
}

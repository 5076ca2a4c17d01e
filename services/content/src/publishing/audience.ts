import { Injectable } from '@nestjs/common';
import { HouseholdSubjects, type Caller } from '@portail/contracts';
import { ServiceRequester } from '@portail/service-kit';

/**
 * Municipal services a caller belongs to the audience of, for news reserved to the families
 * of given activities: a family's household's services (identity's household–service links,
 * filled when an enrolment is accepted), an agent's own services.
 */
export abstract class AudienceReader {
  abstract serviceIdsOf(caller: Caller | undefined): Promise<string[]>;
}

@Injectable()
export class IdentityAudienceReader extends AudienceReader {
  constructor(private readonly services: ServiceRequester) {
    super();
  }

  async serviceIdsOf(caller: Caller | undefined): Promise<string[]> {
    if (!caller) return [];
    if (caller.kind === 'agent') return caller.serviceIds;
    if (caller.kind !== 'family') return [];
    return this.services.request(HouseholdSubjects.myServiceIds, {}, { caller });
  }
}

/** What restricts a list to what the caller may see; `$n` placeholders start at `first`. */
export interface Visibility {
  /** Sees everything of every organisation (administrators). */
  all: boolean;
  /** Organisation whose drafts and restricted items the caller sees (its agents). */
  editorOf: string | null;
  serviceIds: string[];
}

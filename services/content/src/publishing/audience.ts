import { Injectable } from '@nestjs/common';
import type { Caller } from '@portail/contracts';

/**
 * Municipal services a caller's household is "enrolled" with, for news reserved to the
 * families of given activities. Enrolment does not exist yet; identity holds the
 * household–service links but offers no query for a family's own links, so the default
 * answers none: restricted news are then shown to their organisation's agents and to
 * administrators only. Replace this provider once identity (or enrolment) answers it.
 */
export abstract class AudienceReader {
  abstract serviceIdsOf(caller: Caller | undefined): Promise<string[]>;
}

@Injectable()
export class NoEnrolmentAudienceReader extends AudienceReader {
  serviceIdsOf(caller: Caller | undefined): Promise<string[]> {
    // an agent working for a service belongs to its audience
    return Promise.resolve(caller?.kind === 'agent' ? caller.serviceIds : []);
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

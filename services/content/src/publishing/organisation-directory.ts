import { Injectable } from '@nestjs/common';
import { Subjects } from '@portail/contracts';
import { ServiceRequester } from '@portail/service-kit';

/**
 * Organisations live in identity: content asks before attaching an item to one. Identity never
 * deletes an organisation (it deactivates it), so a known id stays known for the replica's life.
 */
@Injectable()
export class OrganisationDirectory {
  private readonly known = new Set<string>();

  constructor(private readonly services: ServiceRequester) {}

  /** Throws ORGANISATION_NOT_FOUND (404 at the gateway) for an id identity does not know. */
  async assertExists(organisationId: string): Promise<void> {
    if (this.known.has(organisationId)) return;
    await this.services.request(Subjects.identity.organisationsGet, { id: organisationId });
    this.known.add(organisationId);
  }

  /** Ids read from identity by other means (the demo seed reads identity's database). */
  remember(organisationIds: Iterable<string>): void {
    for (const id of organisationIds) this.known.add(id);
  }
}

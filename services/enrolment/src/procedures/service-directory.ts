import { Injectable } from '@nestjs/common';
import { DirectorySubjects, Subjects } from '@portail/contracts';
import { ServiceRequester } from '@portail/service-kit';

export interface KnownService {
  id: string;
  organisationId: string;
  organisationName: string;
  name: string;
}

/**
 * Municipal services live in identity's directory: enrolment asks once per service and keeps
 * the answer for the replica's life (identity deactivates, never deletes, and a procedure
 * keeps the names it was written with).
 */
@Injectable()
export class ServiceDirectory {
  private readonly known = new Map<string, KnownService>();

  constructor(private readonly services: ServiceRequester) {}

  /** MUNICIPAL_SERVICE_NOT_FOUND (404) for an id identity does not know. */
  async municipalService(id: string): Promise<KnownService> {
    const cached = this.known.get(id);
    if (cached) return cached;
    const service = await this.services.request(DirectorySubjects.municipalServicesGet, { id });
    const organisation = await this.services.request(Subjects.identity.organisationsGet, {
      id: service.organisationId,
    });
    const entry = {
      id,
      organisationId: service.organisationId,
      organisationName: organisation.name,
      name: service.name,
    };
    this.known.set(id, entry);
    return entry;
  }

  /** Services read from identity by other means (the demo seed reads identity's database). */
  remember(services: KnownService[]): void {
    for (const service of services) this.known.set(service.id, service);
  }
}

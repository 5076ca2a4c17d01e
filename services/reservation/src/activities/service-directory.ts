import { Injectable } from '@nestjs/common';
import { DirectorySubjects } from '@portail/contracts';
import { ServiceRequester } from '@portail/service-kit';

/** The organisation of a municipal service, asked once of identity's directory per replica. */
@Injectable()
export class ServiceDirectory {
  private readonly organisations = new Map<string, string>();

  constructor(private readonly services: ServiceRequester) {}

  /** MUNICIPAL_SERVICE_NOT_FOUND (404) for an id identity does not know. */
  async organisationOf(municipalServiceId: string): Promise<string> {
    const cached = this.organisations.get(municipalServiceId);
    if (cached) return cached;
    const service = await this.services.request(DirectorySubjects.municipalServicesGet, {
      id: municipalServiceId,
    });
    this.organisations.set(municipalServiceId, service.organisationId);
    return service.organisationId;
  }
}

import { OrganisationErrorCode } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

export class OrganisationNotFoundException extends DomainException {
  constructor(id: string) {
    super(OrganisationErrorCode.ORGANISATION_NOT_FOUND, "Cette collectivité n'existe pas.", { id });
  }
}

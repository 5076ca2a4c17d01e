import { CommonErrorCode, DirectoryErrorCode, OrganisationErrorCode } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

export class OrganisationNotFoundException extends DomainException {
  constructor(id: string) {
    super(OrganisationErrorCode.ORGANISATION_NOT_FOUND, "Cette collectivité n'existe pas.", { id });
  }
}

export class OrganisationSlugTakenException extends DomainException {
  constructor(slug: string) {
    super(
      DirectoryErrorCode.ORGANISATION_SLUG_TAKEN,
      'Une collectivité porte déjà cet identifiant court.',
      { slug, fields: [{ field: 'slug', message: 'Cet identifiant court est déjà utilisé.' }] },
    );
  }
}

/** Two communes of the directory cannot share an INSEE code (it links typed communes). */
export class InseeCodeTakenException extends DomainException {
  constructor() {
    super(
      CommonErrorCode.VALIDATION_FAILED,
      'Une commune de l’annuaire porte déjà ce code INSEE.',
      {
        fields: [
          { field: 'inseeCode', message: 'Ce code INSEE est déjà celui d’une autre commune.' },
        ],
      },
    );
  }
}

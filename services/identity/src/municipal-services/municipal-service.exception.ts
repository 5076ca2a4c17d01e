import { DirectoryErrorCode } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

export class MunicipalServiceNotFoundException extends DomainException {
  constructor(id: string) {
    super(DirectoryErrorCode.MUNICIPAL_SERVICE_NOT_FOUND, "Ce service n'existe pas.", { id });
  }
}

export class MunicipalServiceCodeTakenException extends DomainException {
  constructor(code: string) {
    super(
      DirectoryErrorCode.MUNICIPAL_SERVICE_CODE_TAKEN,
      'Un service de cette collectivité porte déjà ce code.',
      { code, fields: [{ field: 'code', message: 'Ce code est déjà utilisé.' }] },
    );
  }
}

import { DirectoryErrorCode } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

export class SchoolNotFoundException extends DomainException {
  constructor(id: string) {
    super(DirectoryErrorCode.SCHOOL_NOT_FOUND, "Cette école n'existe pas.", { id });
  }
}

export class SchoolAlreadyExistsException extends DomainException {
  constructor(name: string) {
    super(
      DirectoryErrorCode.SCHOOL_ALREADY_EXISTS,
      'Une école de cette collectivité porte déjà ce nom.',
      { name, fields: [{ field: 'name', message: 'Une école porte déjà ce nom.' }] },
    );
  }
}

import {
  CommonErrorCode,
  HOUSEHOLD_NOT_FOUND_MESSAGE,
  HouseholdErrorCode,
  type FieldError,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

/** Also what a family gets for another family's household: its existence is not revealed. */
export class HouseholdNotFoundException extends DomainException {
  constructor(id?: string) {
    super(
      HouseholdErrorCode.HOUSEHOLD_NOT_FOUND,
      id ? HOUSEHOLD_NOT_FOUND_MESSAGE : "Vous n'avez pas encore déclaré votre foyer.",
      id ? { id } : undefined,
    );
  }
}

export class HouseholdAlreadyExistsException extends DomainException {
  constructor() {
    super(
      HouseholdErrorCode.HOUSEHOLD_ALREADY_EXISTS,
      'Votre compte est déjà rattaché à un foyer.',
    );
  }
}

export class GuardianNotFoundException extends DomainException {
  constructor(id: string) {
    super(HouseholdErrorCode.GUARDIAN_NOT_FOUND, "Ce responsable légal n'existe pas.", { id });
  }
}

export class GuardianLimitReachedException extends DomainException {
  constructor() {
    super(
      HouseholdErrorCode.GUARDIAN_LIMIT_REACHED,
      'Un foyer compte au plus deux responsables légaux.',
    );
  }
}

export class PrimaryGuardianNotRemovableException extends DomainException {
  constructor() {
    super(
      HouseholdErrorCode.PRIMARY_GUARDIAN_NOT_REMOVABLE,
      'Le premier responsable légal, titulaire du compte, ne peut pas être retiré du foyer.',
    );
  }
}

export class ChildNotFoundException extends DomainException {
  constructor(id: string) {
    super(HouseholdErrorCode.CHILD_NOT_FOUND, "Cet enfant n'existe pas.", { id });
  }
}

export function forbidden(): DomainException {
  return new DomainException(
    CommonErrorCode.FORBIDDEN,
    "Votre compte ne permet pas d'effectuer cette action.",
  );
}

/** A rule that class-validator cannot express alone, reported like the validation pipe does. */
export function invalidFields(fields: FieldError[]): DomainException {
  return new DomainException(
    CommonErrorCode.VALIDATION_FAILED,
    'La requête contient des données invalides.',
    { fields },
  );
}

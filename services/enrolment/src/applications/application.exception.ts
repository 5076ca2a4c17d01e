import { EnrolmentErrorCode, withDe, type ApplicationStatus } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

export class ApplicationNotFoundException extends DomainException {
  constructor() {
    super(EnrolmentErrorCode.APPLICATION_NOT_FOUND, "Cette demande n'existe pas.");
  }
}

export class ApplicationStatusConflictException extends DomainException {
  constructor(status: ApplicationStatus, action: string) {
    super(
      EnrolmentErrorCode.APPLICATION_STATUS_CONFLICT,
      `Impossible ${withDe(action)} : la demande est à l'état « ${STATUS_WORDS[status]} ».`,
      { status },
    );
  }
}

const STATUS_WORDS: Record<ApplicationStatus, string> = {
  draft: 'brouillon',
  submitted: 'en cours d’instruction',
  'information-requested': 'compléments demandés',
  accepted: 'acceptée',
  rejected: 'refusée',
  withdrawn: 'retirée',
};

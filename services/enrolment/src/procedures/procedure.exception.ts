import { EnrolmentErrorCode } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

export class ProcedureNotFoundException extends DomainException {
  constructor() {
    super(EnrolmentErrorCode.PROCEDURE_NOT_FOUND, "Cette démarche n'existe pas.");
  }
}

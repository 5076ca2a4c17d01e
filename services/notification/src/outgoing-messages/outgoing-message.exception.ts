import {
  CommonErrorCode,
  NotificationErrorCode,
  type Caller,
  type OutgoingMessageStatus,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

export class OutgoingMessageNotFoundException extends DomainException {
  constructor(id: string) {
    super(NotificationErrorCode.OUTGOING_MESSAGE_NOT_FOUND, "Ce message n'existe pas.", { id });
  }
}

export class OutgoingMessageNotRetryableException extends DomainException {
  constructor(id: string, status: OutgoingMessageStatus) {
    super(
      NotificationErrorCode.OUTGOING_MESSAGE_NOT_RETRYABLE,
      'Seul un message en échec peut être renvoyé.',
      { id, status },
    );
  }
}

/** The outgoing e-mails are an operators' matter: administrators only. */
export function requireAdmin(caller: Caller): void {
  if (caller.kind !== 'admin') {
    throw new DomainException(
      CommonErrorCode.FORBIDDEN,
      "Votre compte ne permet pas d'effectuer cette action.",
    );
  }
}

import { NotificationErrorCode } from '@portail/contracts';
import { DomainException } from '@portail/service-kit';

export class NotificationNotFoundException extends DomainException {
  constructor(id: string) {
    super(NotificationErrorCode.NOTIFICATION_NOT_FOUND, "Cette notification n'existe pas.", { id });
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  BillingCardSubjects,
  CardNotification,
  type CardNotificationOutcome,
} from '@portail/contracts';
import { HandlesRequest } from '@portail/service-kit';
import { CardNotifications } from './card-notifications';

/** The card provider's notification (public through the gateway: only its signature is trusted). */
@Controller()
export class CardController {
  constructor(private readonly notifications: CardNotifications) {}

  @HandlesRequest(BillingCardSubjects.notify)
  notify(@Payload() notification: CardNotification): Promise<CardNotificationOutcome> {
    return this.notifications.notify(notification);
  }
}

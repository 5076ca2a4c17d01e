import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BillingSubjects, PayfipNotification, type PayfipOutcome } from '@portail/contracts';
import { HandlesRequest } from '@portail/service-kit';
import { PayfipCallbacks } from './payfip-callbacks';

/** PayFIP's notification and the family's return (public: only the `idOp` is taken from them). */
@Controller()
export class PayfipController {
  constructor(private readonly callbacks: PayfipCallbacks) {}

  @HandlesRequest(BillingSubjects.payfipNotify)
  notify(@Payload() notification: PayfipNotification): Promise<PayfipOutcome> {
    return this.callbacks.notify(notification.idOp);
  }
}

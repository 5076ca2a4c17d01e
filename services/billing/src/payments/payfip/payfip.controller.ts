import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  BillingSubjects,
  PayfipNotification,
  PayfipReconcileCommand,
  type PayfipOutcome,
  type PayfipReconcileView,
  type PayfipWaitingPayment,
} from '@portail/contracts';
import { Clock, HandlesRequest } from '@portail/service-kit';
import { PayfipCallbacks } from './payfip-callbacks';

/**
 * PayFIP's notification and the family's return (public: only the `idOp` is taken from them),
 * and the operator's reconciliation (NATS only: `main.js payfip-reconcile [--list]`).
 */
@Controller()
export class PayfipController {
  constructor(
    private readonly callbacks: PayfipCallbacks,
    private readonly clock: Clock,
  ) {}

  @HandlesRequest(BillingSubjects.payfipNotify)
  notify(@Payload() notification: PayfipNotification): Promise<PayfipOutcome> {
    return this.callbacks.notify(notification.idOp);
  }

  @HandlesRequest(BillingSubjects.payfipWaiting)
  waiting(@Payload() command: PayfipReconcileCommand): Promise<PayfipWaitingPayment[]> {
    return this.callbacks.waiting(this.clock.now(), command.olderThanMinutes ?? 0);
  }

  @HandlesRequest(BillingSubjects.payfipReconcile)
  reconcile(@Payload() command: PayfipReconcileCommand): Promise<PayfipReconcileView> {
    return this.callbacks.reconcile(this.clock.now(), command.olderThanMinutes ?? 0);
  }
}

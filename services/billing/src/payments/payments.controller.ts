import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  BasketRef,
  BillingSubjects,
  CounterPaymentCommand,
  InvoiceRef,
  PaymentRef,
  RegiePaymentsQuery,
  SandboxSettleCommand,
  type BasketView,
  type Caller,
  type PaymentPage,
  type PaymentView,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { BasketPayments } from '../baskets/basket-payments.use-case';
import { OnlinePayments } from './online-payments';
import { PaymentLedger } from './payment-ledger';
import { ReadPayments } from './read-payments.use-case';

/** Payments (counter, online) and pre-billed baskets, each handed to its use case. */
@Controller()
export class PaymentsController {
  constructor(
    private readonly ledger: PaymentLedger,
    private readonly online: OnlinePayments,
    private readonly baskets: BasketPayments,
    private readonly payments: ReadPayments,
  ) {}

  @HandlesRequest(BillingSubjects.paymentsListForRegie)
  listForRegie(
    @CurrentCaller() caller: Caller,
    @Payload() query: RegiePaymentsQuery,
  ): Promise<PaymentPage> {
    return this.payments.listForRegie(caller, query);
  }

  @HandlesRequest(BillingSubjects.paymentsRecordCounter)
  recordCounter(
    @CurrentCaller() caller: Caller,
    @Payload() command: CounterPaymentCommand,
  ): Promise<PaymentView> {
    return this.ledger.recordCounter(caller, command);
  }

  @HandlesRequest(BillingSubjects.paymentsStartMine)
  startMine(@CurrentCaller() caller: Caller, @Payload() query: InvoiceRef): Promise<PaymentView> {
    return this.online.startForInvoice(caller, query.invoiceId);
  }

  @HandlesRequest(BillingSubjects.paymentsGetMine)
  getMine(@CurrentCaller() caller: Caller, @Payload() query: PaymentRef): Promise<PaymentView> {
    return this.online.getMine(caller, query.paymentId);
  }

  @HandlesRequest(BillingSubjects.paymentsSandboxSettle)
  sandboxSettle(
    @CurrentCaller() caller: Caller,
    @Payload() command: SandboxSettleCommand,
  ): Promise<PaymentView> {
    return this.online.sandboxSettle(caller, command);
  }

  @HandlesRequest(BillingSubjects.basketsListMine)
  myBaskets(@CurrentCaller() caller: Caller): Promise<BasketView[]> {
    return this.baskets.listMine(caller);
  }

  @HandlesRequest(BillingSubjects.basketsPayMine)
  payBasket(@CurrentCaller() caller: Caller, @Payload() query: BasketRef): Promise<PaymentView> {
    return this.baskets.payMine(caller, query.basketId);
  }
}

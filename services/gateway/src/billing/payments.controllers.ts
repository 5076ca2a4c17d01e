import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  BillingErrorCode,
  BillingSubjects,
  CommonErrorCode,
  CounterPaymentBody,
  InvoiceRef,
  PaymentRef,
  PaymentView,
  SandboxSettleBody,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ServiceClient } from '../nats/service-client';

/** Payments received at the counter by the agents of the invoice's régie. */
@ApiTags('billing')
@Allow('agent', 'admin')
@Controller('agent/invoices')
export class CounterPaymentsController {
  constructor(private readonly services: ServiceClient) {}

  @Post(':invoiceId/payments')
  @ApiOperation({
    summary: 'Record cash or a cheque received at the counter for an invoice of your régie',
    description:
      'Never more than what is left to pay (online payments under way count as promised): 409 PAYMENT_EXCEEDS_BALANCE.',
  })
  @ApiResponse({ status: 201, type: PaymentView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    BillingErrorCode.INVOICE_NOT_FOUND,
    BillingErrorCode.PAYMENT_EXCEEDS_BALANCE,
    BillingErrorCode.NOTHING_TO_PAY,
  )
  record(
    @CurrentCaller() caller: Caller,
    @Param() params: InvoiceRef,
    @Body() body: CounterPaymentBody,
  ): Promise<PaymentView> {
    return this.services.request(
      BillingSubjects.paymentsRecordCounter,
      { ...body, invoiceId: params.invoiceId },
      { caller },
    );
  }
}

/** The family pays one of its invoices online. */
@ApiTags('billing')
@Allow('family')
@Controller('me/invoices')
export class MyInvoicePaymentsController {
  constructor(private readonly services: ServiceClient) {}

  @Post(':invoiceId/payments')
  @ApiOperation({
    summary: 'Pay what is left of one of your invoices online: answers where to pay',
    description:
      "Starting again while a payment waits answers that payment. Send the family to `redirectUrl`, then read the payment's state with GET /me/payments/{paymentId}.",
  })
  @ApiResponse({ status: 201, type: PaymentView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    BillingErrorCode.INVOICE_NOT_FOUND,
    BillingErrorCode.NOTHING_TO_PAY,
    BillingErrorCode.PAYMENT_PROVIDER_FAILED,
  )
  start(@CurrentCaller() caller: Caller, @Param() params: InvoiceRef): Promise<PaymentView> {
    return this.services.request(BillingSubjects.paymentsStartMine, params, { caller });
  }
}

/** The family's payments: their state is always asked of the provider. */
@ApiTags('billing')
@Allow('family')
@Controller('me/payments')
export class MyPaymentsController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':paymentId')
  @ApiOperation({ summary: 'One of your payments, its state asked of the provider while it waits' })
  @ApiResponse({ status: 200, type: PaymentView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    BillingErrorCode.PAYMENT_NOT_FOUND,
  )
  get(@CurrentCaller() caller: Caller, @Param() params: PaymentRef): Promise<PaymentView> {
    return this.services.request(BillingSubjects.paymentsGetMine, params, { caller });
  }

  @Post(':paymentId/sandbox')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Sandbox provider's page (outside production): pay, refuse, abandon or fail",
    description: 'In production: 404 PAYMENT_SANDBOX_DISABLED.',
  })
  @ApiResponse({ status: 200, type: PaymentView })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    BillingErrorCode.PAYMENT_NOT_FOUND,
    BillingErrorCode.PAYMENT_SANDBOX_DISABLED,
  )
  settle(
    @CurrentCaller() caller: Caller,
    @Param() params: PaymentRef,
    @Body() body: SandboxSettleBody,
  ): Promise<PaymentView> {
    return this.services.request(
      BillingSubjects.paymentsSandboxSettle,
      { ...body, paymentId: params.paymentId },
      { caller },
    );
  }
}

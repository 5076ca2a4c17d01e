import { randomUUID } from 'node:crypto';
import type {
  PaymentProvider,
  PaymentRequest,
  PaymentState,
  PaymentStatus,
  StartedPayment,
} from './payment-provider';

interface SandboxOperation {
  request: PaymentRequest;
  startedAt: Date;
  outcome: Exclude<PaymentState, 'waiting'> | null;
}

/**
 * A provider for local use and tests: nothing leaves the process. The family's "payment page" is
 * replaced by `settle` (paid, denied, cancelled or error); an operation left waiting longer than
 * `lifetimeMs` is expired, as PayFIP's `idOp` is after its lifetime. Starting the same payment
 * twice answers the same operation.
 */
export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox';
  private readonly operations = new Map<string, SandboxOperation>();
  private readonly byPayment = new Map<string, string>();

  constructor(
    private readonly now: () => Date,
    private readonly lifetimeMs = 20 * 60 * 1000,
  ) {}

  start(request: PaymentRequest): Promise<StartedPayment> {
    if (!Number.isInteger(request.amountCents) || request.amountCents <= 0) {
      return Promise.reject(new Error('A payment is a positive number of cents'));
    }
    let reference = this.byPayment.get(request.paymentId);
    if (!reference) {
      reference = `sandbox-${randomUUID()}`;
      this.byPayment.set(request.paymentId, reference);
      this.operations.set(reference, { request, startedAt: this.now(), outcome: null });
    }
    return Promise.resolve({
      providerReference: reference,
      redirectUrl: `${request.returnUrl}${request.returnUrl.includes('?') ? '&' : '?'}sandbox=${reference}`,
    });
  }

  /** What the family did on the sandbox's page; a settled operation stays as it is. */
  settle(providerReference: string, outcome: Exclude<PaymentState, 'waiting' | 'expired'>): void {
    const operation = this.operations.get(providerReference);
    if (!operation) throw new Error(`Unknown sandbox operation ${providerReference}`);
    operation.outcome ??= outcome;
  }

  status(providerReference: string, at: Date): Promise<PaymentStatus> {
    const operation = this.operations.get(providerReference);
    if (!operation)
      return Promise.resolve({ state: 'expired', amountCents: null, reference: null });
    let state: PaymentState = operation.outcome ?? 'waiting';
    if (state === 'waiting' && at.getTime() - operation.startedAt.getTime() > this.lifetimeMs) {
      state = 'expired';
      operation.outcome = 'expired';
    }
    return Promise.resolve({
      state,
      amountCents: state === 'paid' ? operation.request.amountCents : null,
      reference: operation.request.reference,
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  PaymentState,
  PayfipOutcome,
  PayfipReconcileView,
  PayfipWaitingPayment,
} from '@portail/contracts';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { BillingConfig } from '../../config';
import { OnlinePayments } from '../online-payments';

/** At most this many waiting payments asked again per reconciliation. */
const RECONCILE_BATCH = 200;

/**
 * What PayFIP's notification, the family's return and the reconciliation do: find the payment
 * by its `idOp` and ask PayFIP (OnlinePayments.refresh), which applies a final state once. The
 * incoming request is never believed: an `idOp` billing did not start finds nothing and changes
 * nothing; the same `idOp` notified ten times applies one payment (the row is locked and moves
 * only out of `waiting`).
 */
@Injectable()
export class PayfipCallbacks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payments: OnlinePayments,
    @Inject(SERVICE_CONFIG) private readonly config: BillingConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async notify(idOp: string): Promise<PayfipOutcome> {
    const pages = `${this.config.PAYMENT_RETURN_URL.replace(/\/$/, '')}/paiements`;
    const [row] = await this.dataSource.query<Array<{ id: string; state: PaymentState }>>(
      `SELECT id, state FROM payments WHERE provider = 'payfip' AND provider_reference = $1`,
      [idOp],
    );
    if (!row) {
      this.logger.warn({ idOp }, 'A PayFIP callback names an operation billing did not start');
      return { paymentId: null, state: null, returnUrl: pages };
    }
    const returnUrl = `${pages}/${row.id}`;
    try {
      const payment = await this.payments.refresh(row.id);
      return { paymentId: payment.id, state: payment.state, returnUrl };
    } catch (error) {
      // PayFIP unreachable: the family still goes back to its page; the reconciliation asks again.
      this.logger.error({ err: error, paymentId: row.id }, 'PayFIP could not be asked');
      return { paymentId: row.id, state: row.state, returnUrl };
    }
  }

  /** The payments waiting on PayFIP that started at least `minutes` before `now`, oldest first. */
  waiting(now: Date, minutes: number): Promise<PayfipWaitingPayment[]> {
    return this.dataSource.query<PayfipWaitingPayment[]>(
      `SELECT id AS "paymentId", provider_reference AS "idOp", invoice_id AS "invoiceId",
         amount_cents AS "amountCents", to_char(created_at AT TIME ZONE 'UTC',
           'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"
       FROM payments
       WHERE provider = 'payfip' AND state = 'waiting' AND created_at <= $1
       ORDER BY created_at, id LIMIT ${RECONCILE_BATCH}`,
      [new Date(now.getTime() - minutes * 60_000)],
    );
  }

  /**
   * Asks PayFIP again about each waiting payment (one PayFIP could not open is opened again, and
   * expires like the others once its result stays unknown past the lifetime); one failing does
   * not hold the others back.
   */
  async reconcile(now: Date, minutes: number): Promise<PayfipReconcileView> {
    const settled: PayfipReconcileView['settled'] = [];
    let waiting = 0;
    let failed = 0;
    for (const payment of await this.waiting(now, minutes)) {
      try {
        const view = await this.payments.launch(payment.paymentId);
        if (view.state === 'waiting') waiting += 1;
        else settled.push({ paymentId: view.id, state: view.state });
      } catch (error) {
        failed += 1;
        this.logger.error(
          { err: error, paymentId: payment.paymentId },
          'PayFIP reconciliation failed',
        );
      }
    }
    return { settled, waiting, failed };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { todayInParis } from '@portail/contracts';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { MessagingMetrics } from '@portail/messaging';
import { Clock, SERVICE_CONFIG, ScheduledJob } from '@portail/service-kit';
import type { BillingConfig } from '../config';
import { PaymentLedger } from '../payments/payment-ledger';
import { loadPayment } from '../payments/payment-store';
import { MANDATE_LAPSE_MONTHS } from './mandate-rules';

/** Debits settled per transaction round (the job loops until none is left). */
const BATCH = 200;

/**
 * Debits whose collection date has passed (in Paris) without a return count as paid: the
 * payment `paid`, the invoice's paid amount raised in its locked row, `billing.payment.received`
 * recorded (the family's receipt). A return imported later still takes it back
 * (debit-returns.use-case.ts). Mandates unused for 36 months lapse. Every
 * SEPA_SETTLE_INTERVAL_MS, once across replicas (ScheduledJob, judged by the Clock).
 */
@Injectable()
export class DebitSettlementJob extends ScheduledJob {
  static readonly NAME = 'billing.sepa-settlement';

  constructor(
    @Inject(SERVICE_CONFIG) config: BillingConfig,
    private readonly dataSource: DataSource,
    private readonly ledger: PaymentLedger,
    clock: Clock,
    @Inject(SERVICE_LOGGER) logger: Logger,
    metrics: MessagingMetrics,
  ) {
    super(
      {
        name: DebitSettlementJob.NAME,
        intervalMs: config.SEPA_SETTLE_INTERVAL_MS,
        enabled: config.BILLING_JOBS_ENABLED,
      },
      { dataSource, clock, logger, registry: metrics.registry },
    );
  }

  protected work(now: Date): Promise<number> {
    return this.run(now);
  }

  /** How many debits were settled. */
  async run(now: Date): Promise<number> {
    const today = todayInParis(now);
    await this.dataSource.query(
      `UPDATE sepa_mandates SET state = 'lapsed'
       WHERE state = 'active'
         AND coalesce(last_collected_on, signed_on) + interval '${MANDATE_LAPSE_MONTHS} months' <= $1::date`,
      [today],
    );
    let settled = 0;
    for (;;) {
      const due = await this.dataSource.query<Array<{ id: string }>>(
        `SELECT d.id FROM sepa_debits d JOIN sepa_debit_files f ON f.id = d.file_id
         WHERE d.state = 'announced' AND f.collection_date < $1::date
         ORDER BY d.id LIMIT ${BATCH}`,
        [today],
      );
      for (const { id } of due) settled += await this.settle(id, now);
      if (due.length < BATCH) return settled;
    }
  }

  private settle(debitId: string, now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [debit] = await manager.query<
        Array<{ invoice_id: string; payment_id: string; amount_cents: number }>
      >(
        `SELECT invoice_id, payment_id, amount_cents FROM sepa_debits
         WHERE id = $1 AND state = 'announced' FOR UPDATE`,
        [debitId],
      );
      if (!debit) return 0;
      const invoice = (await this.ledger.lockInvoice(manager, debit.invoice_id))!;
      await manager.query(
        `UPDATE payments SET state = 'paid', settled_at = $2 WHERE id = $1 AND state = 'waiting'`,
        [debit.payment_id, now],
      );
      await manager.query(`UPDATE sepa_debits SET state = 'paid', settled_at = $2 WHERE id = $1`, [
        debitId,
        now,
      ]);
      await this.ledger.addPaid(manager, invoice, debit.amount_cents);
      await this.ledger.recordReceived(
        manager,
        (await loadPayment(manager, debit.payment_id))!,
        invoice,
      );
      return 1;
    });
  }
}

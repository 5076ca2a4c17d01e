import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { todayInParis } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { BillingConfig } from '../config';
import { accountIdsOf } from '../credit-notes/credit-note-store';
import { householdsById } from '../tariffs/family-situation';

/** Invoices reminded per transaction; the job goes on until none is left. */
const BATCH = 500;

interface OverdueRow {
  id: string;
  regie_id: string;
  regie_name: string;
  organisation_id: string;
  household_id: string;
  number: number;
  debt_reference: string;
  month: string;
  due_on: string;
  days: number;
  balance_cents: number;
}

/**
 * Invoices past their due date with something left to pay (total less payments and credit
 * notes) get one `billing.invoice.overdue` per reminder step (INVOICE_REMINDER_DAYS, days after
 * the due date): the highest step reached, unless that step or a later one was already sent — an
 * invoice found 30 days late for the first time gets the 15-day reminder only, not both. The
 * reminder row (`invoice_reminders`, one per invoice and step) and the event are written in one
 * transaction, so a crash or a second replica sends nothing twice. Today is the Clock's, in Paris.
 */
@Injectable()
export class SendOverdueReminders {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: BillingConfig,
    private readonly dataSource: DataSource,
    private readonly events: EventRecorder,
  ) {}

  async run(now: Date): Promise<number> {
    const today = todayInParis(now);
    let handled = 0;
    for (;;) {
      const sent = await this.dataSource.transaction(async (manager) => {
        const rows = await manager.query<OverdueRow[]>(
          `SELECT i.id, i.regie_id, r.name AS regie_name, r.organisation_id, i.household_id,
             i.number, i.debt_reference, i.month, i.due_on::text AS due_on, step.days,
             i.total_cents - i.paid_cents - i.credited_cents AS balance_cents
           FROM invoices i JOIN regies r ON r.id = i.regie_id
           CROSS JOIN LATERAL (SELECT max(s)::int AS days FROM unnest($2::int[]) s
             WHERE i.due_on + s <= $1::date) step
           WHERE i.due_on < $1::date AND NOT i.cancelled AND step.days IS NOT NULL
             AND i.total_cents - i.paid_cents - i.credited_cents > 0
             AND NOT EXISTS (SELECT 1 FROM invoice_reminders m
               WHERE m.invoice_id = i.id AND m.days_overdue >= step.days)
           ORDER BY i.due_on, i.id LIMIT ${BATCH}
           FOR UPDATE OF i SKIP LOCKED`,
          [today, this.config.INVOICE_REMINDER_DAYS],
        );
        const households = await householdsById(manager, [
          ...new Set(rows.map((row) => row.household_id)),
        ]);
        for (const row of rows) {
          await manager.query(
            'INSERT INTO invoice_reminders (invoice_id, days_overdue, sent_at) VALUES ($1, $2, $3)',
            [row.id, row.days, now],
          );
          await this.events.record(
            manager,
            'billing.invoice.overdue',
            {
              invoiceId: row.id,
              regieId: row.regie_id,
              regieName: row.regie_name,
              organisationId: row.organisation_id,
              householdId: row.household_id,
              accountIds: accountIdsOf(households.get(row.household_id)),
              number: row.number,
              debtReference: row.debt_reference,
              month: row.month,
              dueOn: row.due_on,
              daysOverdue: row.days,
              balanceCents: row.balance_cents,
            },
            { aggregateId: row.id },
          );
        }
        return rows.length;
      });
      handled += sent;
      if (sent < BATCH) return handled;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, PaymentPage, RegiePaymentsQuery } from '@portail/contracts';
import { requireRegieAgent } from '../regies/regie-access';
import { RegieStore } from '../regies/regie-store';
import { PAYMENT_SELECT, toPaymentView, type PaymentRow } from './payment-store';

/**
 * The day a payment belongs to in the régie's books: the day received at the counter, else the
 * Paris day it was settled (or started, while it waits).
 */
const PAYMENT_DAY = `COALESCE(p.received_on,
  (COALESCE(p.settled_at, p.created_at) AT TIME ZONE 'Europe/Paris')::date)`;

/**
 * The payments of a régie as its agents read them (counter, PayFIP, card, direct debit), each
 * with its provider, state and reference: what the régisseur reconciles with the treasury.
 */
@Injectable()
export class ReadPayments {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regies: RegieStore,
  ) {}

  async listForRegie(caller: Caller, query: RegiePaymentsQuery): Promise<PaymentPage> {
    const regie = await this.regies.load(query.regieId);
    requireRegieAgent(caller, regie);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const filters = `WHERE p.regie_id = $1 AND ($2::text IS NULL OR p.method = $2)
      AND ($3::text IS NULL OR p.state = $3) AND ($4::uuid IS NULL OR p.household_id = $4)
      AND ($5::date IS NULL OR ${PAYMENT_DAY} >= $5) AND ($6::date IS NULL OR ${PAYMENT_DAY} <= $6)`;
    const parameters = [
      regie.id,
      query.method ?? null,
      query.state ?? null,
      query.householdId ?? null,
      query.from ?? null,
      query.to ?? null,
    ];
    const rows = await this.dataSource.query<PaymentRow[]>(
      `${PAYMENT_SELECT} ${filters}
       ORDER BY p.created_at DESC, p.id DESC LIMIT $7 OFFSET $8`,
      [...parameters, pageSize, (page - 1) * pageSize],
    );
    const [{ total, paid }] = await this.dataSource.query<Array<{ total: number; paid: string }>>(
      `SELECT count(*)::int AS total,
              COALESCE(sum(p.amount_cents) FILTER (WHERE p.state = 'paid'), 0) AS paid
       FROM payments p ${filters}`,
      parameters,
    );
    return { items: rows.map(toPaymentView), total, paidCents: Number(paid), page, pageSize };
  }
}

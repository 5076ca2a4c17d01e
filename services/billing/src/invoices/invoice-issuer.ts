import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { isUniqueViolation } from '@portail/database';
import { familyFileNumbers } from './family-file-numbers';
import { EventRecorder } from '@portail/messaging';
import { debtReferenceOf, takeInvoiceNumbers } from './invoice-numbers';
import { dueDate } from '../regies/regie-rules';
import type { RegieRow } from '../regies/regie-store';
import type { Statement } from '../runs/statement-rules';
import type { Addressee } from './invoice-store';

export interface Issuance {
  regie: RegieRow;
  month: string;
  statement: Statement;
  addressee: Addressee;
  accountIds: string[];
  issuedOn: string;
  issuedBy: string;
  issuedAt: Date;
  /** The run issuing it, if any (kept on the invoice). */
  runId?: string;
}

export interface Issued {
  invoiceId: string;
  number: number;
  alreadyIssued: boolean;
}

/** Attempts of a batch that met a concurrent issuance of one of its households. */
const MAX_ATTEMPTS = 5;

/**
 * Issues post-billed invoices: one (`issue`) or a batch of households of one régie (`issueMany`,
 * what a month-end run uses) in one transaction. The numbers come from the régie's counter row
 * for the year, raised by the batch's size by one statement: the row stays locked until commit,
 * so concurrent batches take consecutive ranges, and a rollback gives the whole range back — no
 * gap. Everything that does not need a number (the lines, the families' file numbers) is written
 * before, so the counter is held only for the invoices' INSERT and their events.
 * A household's month is issued once: the unique key (régie, household, month) makes a batch
 * meeting a concurrent issuance roll back; it is then retried without the households already
 * issued, which answer their existing invoice (`alreadyIssued`).
 */
@Injectable()
export class InvoiceIssuer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventRecorder,
  ) {}

  async issue(issuance: Issuance): Promise<Issued> {
    const [issued] = await this.issueMany([issuance]);
    return issued;
  }

  /**
   * Writes the invoice, its lines and its event within `manager`'s transaction, numbered from
   * the régie's counter: a post-billed month, or a corrective invoice replacing an earlier one
   * (the corrective run, which credits that one in the same transaction).
   */
  async insertInvoice(
    manager: EntityManager,
    issuance: Issuance,
    fileNumber: number,
    options: {
      invoiceId?: string;
      kind?: 'post-billing' | 'corrective';
      replacesInvoiceId?: string;
    } = {},
  ): Promise<{ invoiceId: string; number: number; dueOn: string }> {
    const { regie, statement, month } = issuance;
    const year = Number(issuance.issuedOn.slice(0, 4));
    const invoiceId = options.invoiceId ?? uuidv7();
    const dueOn = dueDate(regie.due_date_rule, issuance.issuedOn);
    await this.insertLines(manager, [issuance], [invoiceId]);
    const number = await takeInvoiceNumbers(manager, regie.id, year);
    const debtReference = debtReferenceOf(regie.debt_reference_format, year, month, number);
    await manager.query(
      `INSERT INTO invoices (id, regie_id, year, number, household_id, month, kind, issued_on,
         due_on, total_cents, family_file_number, debt_reference, addressee, issued_by,
         issued_at, replaces_invoice_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        invoiceId,
        regie.id,
        year,
        number,
        statement.householdId,
        month,
        options.kind ?? 'post-billing',
        issuance.issuedOn,
        dueOn,
        statement.totalCents,
        fileNumber,
        debtReference,
        JSON.stringify(issuance.addressee),
        issuance.issuedBy,
        issuance.issuedAt,
        options.replacesInvoiceId ?? null,
      ],
    );
    await this.events.record(
      manager,
      'billing.invoice.issued',
      {
        invoiceId,
        regieId: regie.id,
        regieName: regie.name,
        organisationId: regie.organisation_id,
        householdId: statement.householdId,
        accountIds: issuance.accountIds,
        year,
        number,
        debtReference,
        month,
        issuedOn: issuance.issuedOn,
        dueOn,
        totalCents: statement.totalCents,
      },
      { aggregateId: invoiceId },
    );
    return { invoiceId, number, dueOn };
  }

  /**
   * Issues each household's invoice, in the order given (their numbers follow it); every
   * issuance must be of the same régie, month and issue date. Answers in the same order.
   */
  async issueMany(issuances: Issuance[]): Promise<Issued[]> {
    if (!issuances.length) return [];
    const [{ regie, month, issuedOn, runId }] = issuances;
    if (
      issuances.some(
        (issuance) =>
          issuance.regie.id !== regie.id ||
          issuance.month !== month ||
          issuance.issuedOn !== issuedOn ||
          issuance.runId !== runId,
      ) ||
      new Set(issuances.map((issuance) => issuance.statement.householdId)).size !== issuances.length
    ) {
      throw new Error(
        'A batch of invoices is of one régie, month, issue date and run, once per household',
      );
    }
    const householdIds = issuances.map((issuance) => issuance.statement.householdId);
    const answers = await this.existing(regie.id, month, householdIds);
    let pending = issuances.filter((issuance) => !answers.has(issuance.statement.householdId));
    // Given in a short transaction of their own: a family keeps its number even if the
    // issuance then fails.
    const fileNumbers = await this.dataSource.transaction((manager) =>
      familyFileNumbers(
        manager,
        regie.id,
        pending.map((issuance) => issuance.statement.householdId),
      ),
    );
    for (let attempt = 1; pending.length; attempt += 1) {
      try {
        const issued = await this.dataSource.transaction((manager) =>
          this.issueInTransaction(manager, pending, fileNumbers),
        );
        for (const [householdId, answer] of issued) answers.set(householdId, answer);
        pending = [];
      } catch (error) {
        // Another run issued some of these households meanwhile: their invoices stand, ours
        // rolled back; the others are issued again without them.
        if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
        const issued = await this.existing(
          regie.id,
          month,
          pending.map((issuance) => issuance.statement.householdId),
        );
        if (!issued.size) throw error;
        for (const [householdId, answer] of issued) answers.set(householdId, answer);
        pending = pending.filter((issuance) => !issued.has(issuance.statement.householdId));
      }
    }
    return householdIds.map((householdId) => answers.get(householdId)!);
  }

  private async issueInTransaction(
    manager: EntityManager,
    issuances: Issuance[],
    fileNumbers: Map<string, number>,
  ): Promise<Map<string, Issued>> {
    const [{ regie, month, issuedOn }] = issuances;
    const year = Number(issuedOn.slice(0, 4));
    const dueOn = dueDate(regie.due_date_rule, issuedOn);
    const invoiceIds = issuances.map(() => uuidv7());
    await this.insertLines(manager, issuances, invoiceIds);
    const firstNumber = await takeInvoiceNumbers(manager, regie.id, year, issuances.length);
    const numbers = issuances.map((_, index) => firstNumber + index);
    const stored = await manager.query<
      Array<{ id: string; number: number; debt_reference: string }>
    >(
      `INSERT INTO invoices (id, regie_id, year, number, household_id, month, kind, issued_on,
         due_on, total_cents, family_file_number, debt_reference, addressee, issued_by, issued_at,
         billing_run_id)
       SELECT i.id, $1, $2, i.number, i.household_id, $3, 'post-billing', $4, $5,
         i.total_cents, i.family_file_number, i.debt_reference, i.addressee::jsonb, $6, $7,
         $8::uuid
       FROM unnest($9::uuid[], $10::int[], $11::uuid[], $12::int[], $13::int[], $14::text[],
         $15::text[])
         AS i(id, number, household_id, total_cents, family_file_number, debt_reference, addressee)
       RETURNING id, number, debt_reference`,
      [
        regie.id,
        year,
        month,
        issuedOn,
        dueOn,
        issuances[0].issuedBy,
        issuances[0].issuedAt,
        issuances[0].runId ?? null,
        invoiceIds,
        numbers,
        issuances.map((issuance) => issuance.statement.householdId),
        issuances.map((issuance) => issuance.statement.totalCents),
        issuances.map((issuance) => fileNumbers.get(issuance.statement.householdId)!),
        numbers.map((number) => debtReferenceOf(regie.debt_reference_format, year, month, number)),
        issuances.map((issuance) => JSON.stringify(issuance.addressee)),
      ],
    );
    const byId = new Map(stored.map((row) => [row.id, row]));
    await this.events.recordMany(
      manager,
      'billing.invoice.issued',
      issuances.map((issuance, index) => {
        const invoiceId = invoiceIds[index];
        const { number, debt_reference: debtReference } = byId.get(invoiceId)!;
        return {
          aggregateId: invoiceId,
          payload: {
            invoiceId,
            regieId: regie.id,
            regieName: regie.name,
            organisationId: regie.organisation_id,
            householdId: issuance.statement.householdId,
            accountIds: issuance.accountIds,
            year,
            number,
            debtReference,
            month,
            issuedOn,
            dueOn,
            totalCents: issuance.statement.totalCents,
          },
        };
      }),
    );
    return new Map(
      issuances.map((issuance, index) => [
        issuance.statement.householdId,
        {
          invoiceId: invoiceIds[index],
          number: byId.get(invoiceIds[index])!.number,
          alreadyIssued: false,
        },
      ]),
    );
  }

  /** Every line of the batch in one statement (arrays, so no limit on bound parameters). */
  private async insertLines(
    manager: EntityManager,
    issuances: Issuance[],
    invoiceIds: string[],
  ): Promise<void> {
    const columns: unknown[][] = Array.from({ length: 10 }, () => []);
    issuances.forEach((issuance, index) =>
      issuance.statement.lines.forEach((line, position) =>
        [
          invoiceIds[index],
          position,
          line.childId,
          line.childName,
          line.kind,
          line.label,
          line.quantity,
          line.unitPriceCents,
          line.amountCents,
          line.note,
        ].forEach((value, column) => columns[column].push(value)),
      ),
    );
    if (!columns[0].length) return;
    await manager.query(
      `INSERT INTO invoice_lines (invoice_id, position, child_id, child_name, kind, label,
         quantity, unit_price_cents, amount_cents, note)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::text[], $5::text[],
         $6::text[], $7::int[], $8::int[], $9::int[], $10::text[])`,
      columns,
    );
  }

  /**
   * The invoices the households were already issued for the month (a dry run shows them), in
   * the order of the list; undefined for a household not invoiced yet.
   */
  async issuedAlready(
    regieId: string,
    month: string,
    householdIds: string[],
  ): Promise<Array<Issued | undefined>> {
    const issued = await this.existing(regieId, month, householdIds);
    return householdIds.map((householdId) => issued.get(householdId));
  }

  /** The households of the list already invoiced for the month, with their invoice. */
  private async existing(
    regieId: string,
    month: string,
    householdIds: string[],
  ): Promise<Map<string, Issued>> {
    const rows = await this.dataSource.query<
      Array<{ id: string; number: number; household_id: string }>
    >(
      `SELECT id, number, household_id FROM invoices WHERE regie_id = $1 AND month = $2
         AND kind = 'post-billing' AND household_id = ANY($3)`,
      [regieId, month, householdIds],
    );
    return new Map(
      rows.map((row) => [
        row.household_id,
        { invoiceId: row.id, number: row.number, alreadyIssued: true },
      ]),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { isUniqueViolation } from '@portail/database';
import { EventRecorder } from '@portail/messaging';
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
}

export interface Issued {
  invoiceId: string;
  number: number;
  alreadyIssued: boolean;
}

/**
 * Issues one post-billed invoice in one transaction. Its number comes from the régie's counter
 * row for the year, incremented by the same statement that inserts the invoice: the row stays
 * locked until commit, so concurrent issuances take consecutive numbers, and a rollback gives the
 * number back — no gap. Everything that does not need the number (the lines, the family's file
 * number) is written before, so the counter is held only for that statement and the event.
 * A household's month is issued once: the unique key (régie, household, month) makes a second
 * issuance roll back and answer the first invoice.
 */
@Injectable()
export class InvoiceIssuer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventRecorder,
  ) {}

  async issue(issuance: Issuance): Promise<Issued> {
    const existing = await this.existing(issuance);
    if (existing) return existing;
    const fileNumber = await this.familyFileNumber(
      issuance.regie.id,
      issuance.statement.householdId,
    );
    try {
      return await this.dataSource.transaction(async (manager) => {
        const { invoiceId, number } = await this.insertInvoice(manager, issuance, fileNumber);
        return { invoiceId, number, alreadyIssued: false };
      });
    } catch (error) {
      // Another run issued this household's month meanwhile: its invoice stands, ours rolled back.
      if (isUniqueViolation(error)) {
        const issued = await this.existing(issuance);
        if (issued) return issued;
      }
      throw error;
    }
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
    await this.insertLines(manager, invoiceId, statement);
    const [{ number, debt_reference: debtReference }] = await manager.query<
      Array<{ number: number; debt_reference: string }>
    >(
      `WITH counter AS (
         INSERT INTO invoice_counters (regie_id, year, last_number) VALUES ($2, $3, 1)
         ON CONFLICT (regie_id, year)
         DO UPDATE SET last_number = invoice_counters.last_number + 1
         RETURNING last_number)
       INSERT INTO invoices (id, regie_id, year, number, household_id, month, kind, issued_on,
         due_on, total_cents, family_file_number, debt_reference, addressee, issued_by,
         issued_at, replaces_invoice_id)
       SELECT $1, $2, $3, counter.last_number, $4, $5, $16, $6, $7, $8, $9,
         replace(replace(replace($10::text, '{year}', $14::text), '{month}', $15::text),
           '{number}', lpad(counter.last_number::text, 6, '0')),
         $11, $12, $13, $17
       FROM counter
       RETURNING number, debt_reference`,
      [
        invoiceId,
        regie.id,
        year,
        statement.householdId,
        month,
        issuance.issuedOn,
        dueOn,
        statement.totalCents,
        fileNumber,
        regie.debt_reference_format,
        JSON.stringify(issuance.addressee),
        issuance.issuedBy,
        issuance.issuedAt,
        String(year),
        month.slice(5, 7),
        options.kind ?? 'post-billing',
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

  private async insertLines(
    manager: EntityManager,
    invoiceId: string,
    statement: Statement,
  ): Promise<void> {
    if (!statement.lines.length) return;
    const values: unknown[] = [];
    const tuples = statement.lines.map((line, position) => {
      values.push(
        invoiceId,
        position,
        line.childId,
        line.childName,
        line.kind,
        line.label,
        line.quantity,
        line.unitPriceCents,
        line.amountCents,
        line.note,
      );
      const base = position * 10;
      return `(${Array.from({ length: 10 }, (_, index) => `$${base + index + 1}`).join(', ')})`;
    });
    await manager.query(
      `INSERT INTO invoice_lines (invoice_id, position, child_id, child_name, kind, label,
         quantity, unit_price_cents, amount_cents, note) VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  private async existing(issuance: Issuance): Promise<Issued | undefined> {
    const [row] = await this.dataSource.query<Array<{ id: string; number: number }>>(
      `SELECT id, number FROM invoices WHERE regie_id = $1 AND household_id = $2 AND month = $3
         AND kind = 'post-billing'`,
      [issuance.regie.id, issuance.statement.householdId, issuance.month],
    );
    return row && { invoiceId: row.id, number: row.number, alreadyIssued: true };
  }

  /**
   * The household's "N° Dossier" with the régie, given once, in a short transaction of its own
   * before its first invoice (the family keeps it even if that issuance then fails).
   */
  private async familyFileNumber(regieId: string, householdId: string): Promise<number> {
    const known = async () =>
      (
        await this.dataSource.query<Array<{ number: number }>>(
          'SELECT number FROM family_files WHERE regie_id = $1 AND household_id = $2',
          [regieId, householdId],
        )
      )[0]?.number;
    const number = await known();
    if (number !== undefined) return number;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [[{ last_family_file_number: next }]] = await manager.query<
          [Array<{ last_family_file_number: number }>, number]
        >(
          `UPDATE regies SET last_family_file_number = last_family_file_number + 1 WHERE id = $1
           RETURNING last_family_file_number`,
          [regieId],
        );
        await manager.query(
          'INSERT INTO family_files (regie_id, household_id, number) VALUES ($1, $2, $3)',
          [regieId, householdId, next],
        );
        return next;
      });
    } catch (error) {
      const given = isUniqueViolation(error) ? await known() : undefined;
      if (given === undefined) throw error;
      return given;
    }
  }
}

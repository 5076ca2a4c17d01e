import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { isUniqueViolation } from '@portail/database';
import { EventRecorder } from '@portail/messaging';
import { debtReference, dueDate } from '../regies/regie-rules';
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
 * Issues one post-billed invoice in one transaction: its number from the régie's counter row for
 * the year (`UPDATE … RETURNING`: the row stays locked until commit, so concurrent issuances take
 * consecutive numbers, and a rollback gives the number back — no gap), the family's file number,
 * the lines, and `billing.invoice.issued` through the outbox. A household's month is issued once:
 * the unique key (régie, household, month) makes a second issuance roll back and answer the
 * first invoice.
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
    try {
      return await this.dataSource.transaction(async (manager) => {
        const { regie, statement, month } = issuance;
        const year = Number(issuance.issuedOn.slice(0, 4));
        const fileNumber = await this.familyFileNumber(manager, regie.id, statement.householdId);
        const invoiceId = uuidv7();
        // Last before the inserts: the counter row is held for as short a time as possible.
        const [{ last_number: number }] = await manager.query<Array<{ last_number: number }>>(
          `INSERT INTO invoice_counters (regie_id, year, last_number) VALUES ($1, $2, 1)
           ON CONFLICT (regie_id, year)
           DO UPDATE SET last_number = invoice_counters.last_number + 1
           RETURNING last_number`,
          [regie.id, year],
        );
        const reference = debtReference(regie.debt_reference_format, year, month, number);
        const dueOn = dueDate(regie.due_date_rule, issuance.issuedOn);
        await manager.query(
          `INSERT INTO invoices (id, regie_id, year, number, household_id, month, kind, issued_on,
             due_on, total_cents, family_file_number, debt_reference, addressee, issued_by, issued_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'post-billing', $7, $8, $9, $10, $11, $12, $13, $14)`,
          [
            invoiceId,
            regie.id,
            year,
            number,
            statement.householdId,
            month,
            issuance.issuedOn,
            dueOn,
            statement.totalCents,
            fileNumber,
            reference,
            JSON.stringify(issuance.addressee),
            issuance.issuedBy,
            issuance.issuedAt,
          ],
        );
        if (statement.lines.length) {
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
            debtReference: reference,
            month,
            issuedOn: issuance.issuedOn,
            dueOn,
            totalCents: statement.totalCents,
          },
          { aggregateId: invoiceId },
        );
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

  private async existing(issuance: Issuance): Promise<Issued | undefined> {
    const [row] = await this.dataSource.query<Array<{ id: string; number: number }>>(
      `SELECT id, number FROM invoices WHERE regie_id = $1 AND household_id = $2 AND month = $3
         AND kind = 'post-billing'`,
      [issuance.regie.id, issuance.statement.householdId, issuance.month],
    );
    return row && { invoiceId: row.id, number: row.number, alreadyIssued: true };
  }

  /** The household's "N° Dossier" with the régie, given at its first invoice. */
  private async familyFileNumber(
    manager: import('typeorm').EntityManager,
    regieId: string,
    householdId: string,
  ): Promise<number> {
    const [known] = await manager.query<Array<{ number: number }>>(
      'SELECT number FROM family_files WHERE regie_id = $1 AND household_id = $2',
      [regieId, householdId],
    );
    if (known) return known.number;
    const [[{ last_family_file_number: number }]] = await manager.query<
      [Array<{ last_family_file_number: number }>, number]
    >(
      `UPDATE regies SET last_family_file_number = last_family_file_number + 1 WHERE id = $1
       RETURNING last_family_file_number`,
      [regieId],
    );
    await manager.query(
      'INSERT INTO family_files (regie_id, household_id, number) VALUES ($1, $2, $3)',
      [regieId, householdId, number],
    );
    return number;
  }
}

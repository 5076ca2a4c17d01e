import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  MAX_EXPORT_ROWS,
  type Caller,
  type ExportRowsView,
  type ExportRowView,
  type ExportRunRowsQuery,
} from '@portail/contracts';
import type { Addressee } from '../invoices/invoice-store';
import { requireRegieAgent } from '../regies/regie-access';
import { RegieStore } from '../regies/regie-store';

interface ExportRow {
  year: number;
  number: number;
  kind: string;
  debt_reference: string;
  family_file_number: number;
  addressee: Addressee;
  issued_on: string;
  due_on: string;
  total_cents: number;
  credited_cents: number;
  replaces_number: number | null;
}

/**
 * The invoices of a régie's month for the treasury, a page at a time in the order of their
 * numbers (year, then number), from a cursor: the gateway asks page after page and streams them
 * as CSV, so the export is bounded in memory and in each NATS reply whatever the month's size.
 * Agents of the régie's services only.
 */
@Injectable()
export class ExportRun {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regies: RegieStore,
  ) {}

  async rows(caller: Caller, query: ExportRunRowsQuery): Promise<ExportRowsView> {
    const regie = await this.regies.load(query.regieId);
    requireRegieAgent(caller, regie);
    const limit = query.limit ?? MAX_EXPORT_ROWS;
    const rows = await this.dataSource.query<ExportRow[]>(
      `SELECT i.year, i.number, i.kind, i.debt_reference, i.family_file_number, i.addressee,
         i.issued_on::text AS issued_on, i.due_on::text AS due_on, i.total_cents,
         i.credited_cents,
         replaced.number AS replaces_number
       FROM invoices i LEFT JOIN invoices replaced ON replaced.id = i.replaces_invoice_id
       WHERE i.regie_id = $1 AND i.month = $2
         AND (i.year, i.number) > ($3::int, $4::int)
       ORDER BY i.year, i.number LIMIT $5`,
      [regie.id, query.month, query.afterYear ?? 0, query.afterNumber ?? 0, limit + 1],
    );
    return {
      regieName: regie.name,
      payfipCollectivityNumber: regie.payfip_collectivity_number,
      rows: rows.slice(0, limit).map((row): ExportRowView => ({
        year: row.year,
        number: row.number,
        kind: row.kind,
        debtReference: row.debt_reference,
        familyFileNumber: row.family_file_number,
        addressee: row.addressee.name,
        addressLines: row.addressee.addressLines,
        issuedOn: row.issued_on,
        dueOn: row.due_on,
        totalCents: row.total_cents,
        creditedCents: row.credited_cents,
        replacesNumber: row.replaces_number,
      })),
      more: rows.length > limit,
    };
  }
}

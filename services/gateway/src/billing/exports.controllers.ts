import { once } from 'node:events';
import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import {
  BillingErrorCode,
  BillingSubjects,
  CommonErrorCode,
  ExportRunParams,
  frenchNumericDate,
  type Caller,
  type ExportRowsView,
  type ExportRowView,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { attachmentDisposition } from '../files/pdf-download';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ServiceClient } from '../nats/service-client';

/** Amounts as a French spreadsheet reads them: euros with a decimal comma, no € and no grouping. */
export function csvAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)},${String(absolute % 100).padStart(2, '0')}`;
}

/** The columns of the treasury's file, in order. */
export const EXPORT_COLUMNS: Array<{ header: string; value(row: ExportRowView): string }> = [
  { header: 'Exercice', value: (row) => String(row.year) },
  { header: 'Numéro de facture', value: (row) => String(row.number) },
  {
    header: 'Type',
    value: (row) => (row.kind === 'corrective' ? 'Facture rectificative' : 'Facture'),
  },
  {
    header: 'Remplace la facture',
    value: (row) => (row.replacesNumber === null ? '' : String(row.replacesNumber)),
  },
  { header: 'Référence de la dette', value: (row) => row.debtReference },
  { header: 'N° Dossier', value: (row) => String(row.familyFileNumber) },
  { header: 'Destinataire', value: (row) => row.addressee },
  { header: 'Adresse', value: (row) => row.addressLines.join(', ') },
  { header: "Date d'émission", value: (row) => frenchNumericDate(row.issuedOn) },
  { header: 'Échéance', value: (row) => frenchNumericDate(row.dueOn) },
  { header: 'Montant (€)', value: (row) => csvAmount(row.totalCents) },
  { header: 'Avoirs (€)', value: (row) => csvAmount(row.creditedCents) },
];

/** The treasury's CSV of a régie's month, streamed page after page from billing. */
@ApiTags('billing')
@Allow('agent', 'admin')
@Controller('agent/regies')
export class RunExportsController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':regieId/runs/:month/export.csv')
  @ApiOperation({
    summary: "The month's invoices for the treasury (CSV, UTF-8 with BOM, `;`)",
    description:
      'One row per invoice of the month (corrective ones included), in the order of their numbers. ' +
      'Amounts in euros with a decimal comma (22,40), dates DD/MM/YYYY. Streamed: any size.',
  })
  @ApiProduces('text/csv')
  @ApiResponse({
    status: 200,
    description: 'The CSV file, as an attachment named factures-<régie>-<month>.csv',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    CommonErrorCode.FORBIDDEN,
    BillingErrorCode.REGIE_NOT_FOUND,
    BillingErrorCode.REGIE_OUT_OF_SCOPE,
  )
  async export(
    @CurrentCaller() caller: Caller,
    @Param() params: ExportRunParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const page = (after?: ExportRowView): Promise<ExportRowsView> =>
      this.services.request(
        BillingSubjects.exportsRunRows,
        { ...params, afterYear: after?.year, afterNumber: after?.number },
        { caller },
      );
    // The first page before any header: a refusal is still a problem+json answer.
    const first = await page();
    const csv = stringify({
      bom: true,
      delimiter: ';',
      record_delimiter: 'windows',
      header: true,
      columns: EXPORT_COLUMNS.map((column) => column.header),
    });
    // A slow client holds the next page back (the stream's backpressure): memory stays bounded.
    const write = async (rows: ExportRowView[]) => {
      for (const row of rows) {
        if (!csv.write(EXPORT_COLUMNS.map((column) => column.value(row)))) await once(csv, 'drain');
      }
    };
    void (async () => {
      let current = first;
      await write(current.rows);
      while (current.more && current.rows.length) {
        current = await page(current.rows[current.rows.length - 1]);
        await write(current.rows);
      }
      csv.end();
    })().catch((error: unknown) => csv.destroy(error as Error));
    void reply
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff');
    const fileName = `factures-${first.payfipCollectivityNumber}-${params.month}.csv`;
    return new StreamableFile(csv, {
      type: 'text/csv; charset=utf-8',
      disposition: attachmentDisposition(fileName),
    });
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  BillingSubjects,
  ExportRunRowsQuery,
  type Caller,
  type ExportRowsView,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { ExportRun } from './export-run.use-case';

/** The treasury's export of a month, a page of invoices at a time. */
@Controller()
export class ExportsController {
  constructor(private readonly exports: ExportRun) {}

  @HandlesRequest(BillingSubjects.exportsRunRows)
  rows(
    @CurrentCaller() caller: Caller,
    @Payload() query: ExportRunRowsQuery,
  ): Promise<ExportRowsView> {
    return this.exports.rows(caller, query);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  BillingSubjects,
  CreditNoteRef,
  IssueCreditNoteCommand,
  StartRunCommand,
  type Caller,
  type CorrectiveRunView,
  type CreditNoteView,
  type InvoicePdfView,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { CorrectiveRun } from '../runs/corrective-run.use-case';
import { IssueCreditNote } from './issue-credit-note.use-case';
import { ReadCreditNotes } from './read-credit-notes.use-case';

/** Corrections of issued invoices: credit notes, and corrective runs of a month. */
@Controller()
export class CreditNotesController {
  constructor(
    private readonly creditNotes: IssueCreditNote,
    private readonly correctiveRuns: CorrectiveRun,
    private readonly reads: ReadCreditNotes,
  ) {}

  @HandlesRequest(BillingSubjects.creditNotesPdfMine)
  myPdf(@CurrentCaller() caller: Caller, @Payload() query: CreditNoteRef): Promise<InvoicePdfView> {
    return this.reads.myPdf(caller, query.creditNoteId);
  }

  @HandlesRequest(BillingSubjects.creditNotesPdf)
  agentPdf(
    @CurrentCaller() caller: Caller,
    @Payload() query: CreditNoteRef,
  ): Promise<InvoicePdfView> {
    return this.reads.agentPdf(caller, query.creditNoteId);
  }

  @HandlesRequest(BillingSubjects.creditNotesIssue)
  issue(
    @CurrentCaller() caller: Caller,
    @Payload() command: IssueCreditNoteCommand,
  ): Promise<CreditNoteView> {
    return this.creditNotes.execute(caller, command);
  }

  @HandlesRequest(BillingSubjects.correctiveRunsStart)
  correctiveRun(
    @CurrentCaller() caller: Caller,
    @Payload() command: StartRunCommand,
  ): Promise<CorrectiveRunView> {
    return this.correctiveRuns.execute(caller, command);
  }
}

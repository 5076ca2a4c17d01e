import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AmendMandateCommand,
  AmendMyMandateCommand,
  CreateMandateCommand,
  CreateMyMandateCommand,
  DebitFileCommand,
  DebitFileQuery,
  DebitFileXmlQuery,
  RegieMandatesQuery,
  RegieRef,
  ReturnsImportCommand,
  RevokeMandateCommand,
  RevokeMyMandateCommand,
  SepaSubjects,
  type Caller,
  type DebitFileView,
  type DebitFileXmlPart,
  type MandatePage,
  type MandateView,
  type ReturnsImportView,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { DebitFiles } from './debit-files.use-case';
import { DebitReturns } from './debit-returns.use-case';
import { ManageMandates } from './manage-mandates.use-case';

/** SEPA direct debit: mandates, monthly debit files and returns, each handed to its use case. */
@Controller()
export class SepaController {
  constructor(
    private readonly mandates: ManageMandates,
    private readonly files: DebitFiles,
    private readonly returns: DebitReturns,
  ) {}

  @HandlesRequest(SepaSubjects.mandatesListMine)
  listMine(@CurrentCaller() caller: Caller): Promise<MandateView[]> {
    return this.mandates.listMine(caller);
  }

  @HandlesRequest(SepaSubjects.mandatesCreateMine)
  createMine(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateMyMandateCommand,
  ): Promise<MandateView> {
    return this.mandates.createMine(caller, command);
  }

  @HandlesRequest(SepaSubjects.mandatesAmendMine)
  amendMine(
    @CurrentCaller() caller: Caller,
    @Payload() command: AmendMyMandateCommand,
  ): Promise<MandateView> {
    return this.mandates.amendMine(caller, command);
  }

  @HandlesRequest(SepaSubjects.mandatesRevokeMine)
  revokeMine(
    @CurrentCaller() caller: Caller,
    @Payload() command: RevokeMyMandateCommand,
  ): Promise<MandateView> {
    return this.mandates.revokeMine(caller, command);
  }

  @HandlesRequest(SepaSubjects.mandatesListForRegie)
  listForRegie(
    @CurrentCaller() caller: Caller,
    @Payload() query: RegieMandatesQuery,
  ): Promise<MandatePage> {
    return this.mandates.listForRegie(caller, query);
  }

  @HandlesRequest(SepaSubjects.mandatesCreate)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateMandateCommand,
  ): Promise<MandateView> {
    return this.mandates.createPaper(caller, command);
  }

  @HandlesRequest(SepaSubjects.mandatesAmend)
  amend(
    @CurrentCaller() caller: Caller,
    @Payload() command: AmendMandateCommand,
  ): Promise<MandateView> {
    return this.mandates.amendForRegie(caller, command);
  }

  @HandlesRequest(SepaSubjects.mandatesRevoke)
  revoke(
    @CurrentCaller() caller: Caller,
    @Payload() command: RevokeMandateCommand,
  ): Promise<MandateView> {
    return this.mandates.revokeForRegie(caller, command);
  }

  @HandlesRequest(SepaSubjects.debitFilesCreate)
  createFile(
    @CurrentCaller() caller: Caller,
    @Payload() command: DebitFileCommand,
  ): Promise<DebitFileView> {
    return this.files.create(caller, command);
  }

  @HandlesRequest(SepaSubjects.debitFilesList)
  listFiles(@CurrentCaller() caller: Caller, @Payload() query: RegieRef): Promise<DebitFileView[]> {
    return this.files.list(caller, query);
  }

  @HandlesRequest(SepaSubjects.debitFilesGet)
  getFile(
    @CurrentCaller() caller: Caller,
    @Payload() query: DebitFileQuery,
  ): Promise<DebitFileView> {
    return this.files.get(caller, query);
  }

  @HandlesRequest(SepaSubjects.debitFilesXml)
  fileXml(
    @CurrentCaller() caller: Caller,
    @Payload() query: DebitFileXmlQuery,
  ): Promise<DebitFileXmlPart> {
    return this.files.xml(caller, query);
  }

  @HandlesRequest(SepaSubjects.returnsImport)
  importReturns(
    @CurrentCaller() caller: Caller,
    @Payload() command: ReturnsImportCommand,
  ): Promise<ReturnsImportView> {
    return this.returns.import(caller, command);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  EnrolmentSubjects,
  type Caller,
  type DocumentDeletionView,
  type DocumentPart,
  DocumentRef,
  type DocumentsPage,
  DocumentUploadRef,
  type DocumentView,
  BeginDocumentUploadCommand,
  DocumentUploadPartCommand,
  DownloadDocumentPartQuery,
  UpdateDocumentCommand,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { BeginDocumentUpload } from './begin-document-upload.use-case';
import { CompleteDocumentUpload } from './complete-document-upload.use-case';
import { DeleteDocument } from './delete-document.use-case';
import { DownloadDocumentPart } from './download-document-part.use-case';
import { GetDocument } from './get-document.use-case';
import { ListDocuments } from './list-documents.use-case';
import { UpdateDocument } from './update-document.use-case';
import { UploadDocumentPart } from './upload-document-part.use-case';

/** Supporting documents ("pièces justificatives"): upload in parts, list, change, delete, download. */
@Controller()
export class DocumentsController {
  constructor(
    private readonly beginUpload: BeginDocumentUpload,
    private readonly uploadPart: UploadDocumentPart,
    private readonly completeUpload: CompleteDocumentUpload,
    private readonly listDocuments: ListDocuments,
    private readonly getDocument: GetDocument,
    private readonly updateDocument: UpdateDocument,
    private readonly deleteDocument: DeleteDocument,
    private readonly downloadPart: DownloadDocumentPart,
  ) {}

  @HandlesRequest(EnrolmentSubjects.documentsUploadBegin)
  begin(
    @CurrentCaller() caller: Caller,
    @Payload() command: BeginDocumentUploadCommand,
  ): Promise<DocumentUploadRef> {
    return this.beginUpload.execute(caller, command);
  }

  @HandlesRequest(EnrolmentSubjects.documentsUploadPart)
  part(
    @CurrentCaller() caller: Caller,
    @Payload() command: DocumentUploadPartCommand,
  ): Promise<DocumentUploadRef> {
    return this.uploadPart.execute(caller, command);
  }

  @HandlesRequest(EnrolmentSubjects.documentsUploadComplete)
  complete(
    @CurrentCaller() caller: Caller,
    @Payload() command: DocumentUploadRef,
  ): Promise<DocumentView> {
    return this.completeUpload.execute(caller, command);
  }

  @HandlesRequest(EnrolmentSubjects.documentsList)
  list(@CurrentCaller() caller: Caller): Promise<DocumentsPage> {
    return this.listDocuments.execute(caller);
  }

  @HandlesRequest(EnrolmentSubjects.documentsGet)
  get(@CurrentCaller() caller: Caller, @Payload() query: DocumentRef): Promise<DocumentView> {
    return this.getDocument.execute(caller, query.id);
  }

  @HandlesRequest(EnrolmentSubjects.documentsUpdate)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateDocumentCommand,
  ): Promise<DocumentView> {
    return this.updateDocument.execute(caller, command);
  }

  @HandlesRequest(EnrolmentSubjects.documentsDelete)
  delete(
    @CurrentCaller() caller: Caller,
    @Payload() command: DocumentRef,
  ): Promise<DocumentDeletionView> {
    return this.deleteDocument.execute(caller, command.id);
  }

  @HandlesRequest(EnrolmentSubjects.documentsDownloadPart)
  download(
    @CurrentCaller() caller: Caller,
    @Payload() query: DownloadDocumentPartQuery,
  ): Promise<DocumentPart> {
    return this.downloadPart.execute(caller, query);
  }
}

import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  EnrolmentSubjects,
  type Caller,
  type DocumentPart,
  type DocumentRef,
  type DocumentsPage,
  type DocumentUploadRef,
  type DocumentView,
} from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import { BeginDocumentUpload } from './begin-document-upload.use-case';
import { CompleteDocumentUpload } from './complete-document-upload.use-case';
import { DeleteDocument } from './delete-document.use-case';
import {
  BeginDocumentUploadDto,
  DocumentRefDto,
  DocumentUploadPartDto,
  DocumentUploadRefDto,
  DownloadDocumentPartDto,
  UpdateDocumentDto,
} from './document.dto';
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

  @MessagePattern(EnrolmentSubjects.documentsUploadBegin)
  begin(
    @CurrentCaller() caller: Caller,
    @Payload() command: BeginDocumentUploadDto,
  ): Promise<DocumentUploadRef> {
    return this.beginUpload.execute(caller, command);
  }

  @MessagePattern(EnrolmentSubjects.documentsUploadPart)
  part(
    @CurrentCaller() caller: Caller,
    @Payload() command: DocumentUploadPartDto,
  ): Promise<DocumentUploadRef> {
    return this.uploadPart.execute(caller, command);
  }

  @MessagePattern(EnrolmentSubjects.documentsUploadComplete)
  complete(
    @CurrentCaller() caller: Caller,
    @Payload() command: DocumentUploadRefDto,
  ): Promise<DocumentView> {
    return this.completeUpload.execute(caller, command);
  }

  @MessagePattern(EnrolmentSubjects.documentsList)
  list(@CurrentCaller() caller: Caller): Promise<DocumentsPage> {
    return this.listDocuments.execute(caller);
  }

  @MessagePattern(EnrolmentSubjects.documentsGet)
  get(@CurrentCaller() caller: Caller, @Payload() query: DocumentRefDto): Promise<DocumentView> {
    return this.getDocument.execute(caller, query.id);
  }

  @MessagePattern(EnrolmentSubjects.documentsUpdate)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateDocumentDto,
  ): Promise<DocumentView> {
    return this.updateDocument.execute(caller, command);
  }

  @MessagePattern(EnrolmentSubjects.documentsDelete)
  delete(
    @CurrentCaller() caller: Caller,
    @Payload() command: DocumentRefDto,
  ): Promise<DocumentRef> {
    return this.deleteDocument.execute(caller, command.id);
  }

  @MessagePattern(EnrolmentSubjects.documentsDownloadPart)
  download(
    @CurrentCaller() caller: Caller,
    @Payload() query: DownloadDocumentPartDto,
  ): Promise<DocumentPart> {
    return this.downloadPart.execute(caller, query);
  }
}

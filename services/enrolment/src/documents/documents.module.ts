import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { EnrolmentConfig } from '../config';
import { HouseholdsModule } from '../households/households.module';
import { BeginDocumentUpload } from './begin-document-upload.use-case';
import { CompleteDocumentUpload } from './complete-document-upload.use-case';
import { DeleteDocument } from './delete-document.use-case';
import { DocumentAccess } from './document-access';
import { DocumentsController } from './documents.controller';
import { DownloadDocumentPart } from './download-document-part.use-case';
import { ExpiredUploadsCleaner } from './expired-uploads-cleaner';
import { GetDocument } from './get-document.use-case';
import { ListDocuments } from './list-documents.use-case';
import { createDocumentStorage } from './storage/create-document-storage';
import { DocumentStorage } from './storage/document-storage';
import { UpdateDocument } from './update-document.use-case';
import { UploadDocumentPart } from './upload-document-part.use-case';

/** Supporting documents and their secure storage (DOCUMENT_STORAGE: postgres, filesystem, s3). */
@Module({
  imports: [HouseholdsModule],
  controllers: [DocumentsController],
  providers: [
    {
      provide: DocumentStorage,
      useFactory: (config: EnrolmentConfig, dataSource: DataSource) =>
        createDocumentStorage(config, dataSource),
      inject: [SERVICE_CONFIG, DataSource],
    },
    DocumentAccess,
    BeginDocumentUpload,
    UploadDocumentPart,
    CompleteDocumentUpload,
    ListDocuments,
    GetDocument,
    UpdateDocument,
    DeleteDocument,
    DownloadDocumentPart,
    ExpiredUploadsCleaner,
  ],
  exports: [DocumentAccess, DocumentStorage],
})
export class DocumentsModule implements OnApplicationShutdown {
  constructor(@Inject(DocumentStorage) private readonly storage: DocumentStorage) {}

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}

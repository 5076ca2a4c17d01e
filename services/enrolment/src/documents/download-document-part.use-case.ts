import { Inject, Injectable } from '@nestjs/common';
import {
  CommonErrorCode,
  counted,
  DOCUMENT_PART_BYTES,
  type Caller,
  type DocumentPart,
  type DownloadDocumentPartQuery,
} from '@portail/contracts';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { DomainException } from '@portail/service-kit';
import { DocumentAccess } from './document-access';
import { invalidDocumentFields } from './document.exception';
import { DocumentStorage } from './storage/document-storage';

/** Number of parts a document of this size is downloaded in. */
export function partsOf(size: number): number {
  return Math.max(1, Math.ceil(size / DOCUMENT_PART_BYTES));
}

/**
 * One part of a document's bytes. Access is checked for every part; a staff download is
 * logged once, at its first part.
 */
@Injectable()
export class DownloadDocumentPart {
  constructor(
    private readonly access: DocumentAccess,
    private readonly storage: DocumentStorage,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(caller: Caller, query: DownloadDocumentPartQuery): Promise<DocumentPart> {
    const document = await this.access.readableDocument(
      caller,
      query.id,
      query.index === 0 ? 'download' : undefined,
    );
    const parts = partsOf(document.size);
    if (query.index >= parts) {
      throw invalidDocumentFields([
        {
          field: 'index',
          message: `Ce document compte ${counted(parts, 'partie')} ; la première porte le numéro 0.`,
        },
      ]);
    }
    const start = query.index * DOCUMENT_PART_BYTES;
    const length = Math.min(DOCUMENT_PART_BYTES, document.size - start);
    const bytes = await this.storage.get(document.storage_key, { start, length });
    if (!bytes || bytes.length !== length) {
      this.logger.error(
        { documentId: document.id, storageKey: document.storage_key, storage: this.storage.kind },
        'The bytes of a document are missing from its storage',
      );
      throw new DomainException(
        CommonErrorCode.INTERNAL,
        'Ce document est momentanément illisible. Veuillez réessayer plus tard.',
      );
    }
    return {
      id: document.id,
      fileName: document.file_name,
      contentType: document.content_type,
      size: document.size,
      index: query.index,
      parts,
      contentBase64: bytes.toString('base64'),
    };
  }
}

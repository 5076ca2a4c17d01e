import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  counted,
  DOCUMENT_PART_BYTES,
  type Caller,
  type DocumentUploadRef,
  type DocumentUploadPartCommand,
} from '@portail/contracts';
import {
  DocumentTypeNotAllowedException,
  invalidDocumentFields,
  UploadNotFoundException,
} from './document.exception';
import { deleteUpload, findUpload } from './document-uploads';
import { sniffDocumentType } from './document-sniffing';

const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Stores one part of an upload. Parts may come in any order and be sent again (a retry
 * replaces the part). The first part is sniffed at once: a file that is not a PDF, JPEG or
 * PNG is refused before the rest of it travels.
 */
@Injectable()
export class UploadDocumentPart {
  constructor(private readonly dataSource: DataSource) {}

  async execute(caller: Caller, command: DocumentUploadPartCommand): Promise<DocumentUploadRef> {
    const upload = await findUpload(this.dataSource.manager, caller, command.uploadId);
    if (command.index >= upload.parts) {
      throw invalidDocumentFields([
        {
          field: 'index',
          message: `Ce fichier compte ${counted(upload.parts, 'partie')} ; la première porte le numéro 0.`,
        },
      ]);
    }
    const bytes = Buffer.from(command.contentBase64, 'base64');
    const expected =
      command.index < upload.parts - 1
        ? DOCUMENT_PART_BYTES
        : upload.size - DOCUMENT_PART_BYTES * (upload.parts - 1);
    if (bytes.length !== expected) {
      throw invalidDocumentFields([
        {
          field: 'contentBase64',
          message: `La partie ${command.index} doit contenir ${expected} octets (reçu : ${bytes.length}).`,
        },
      ]);
    }
    if (command.index === 0 && !sniffDocumentType(bytes)) {
      await deleteUpload(this.dataSource.manager, upload.id);
      throw new DocumentTypeNotAllowedException(upload.file_name);
    }
    try {
      await this.dataSource.query(
        `INSERT INTO document_upload_parts (upload_id, part_index, data) VALUES ($1, $2, $3)
         ON CONFLICT (upload_id, part_index) DO UPDATE SET data = EXCLUDED.data`,
        [upload.id, command.index, bytes],
      );
    } catch (error) {
      // The upload expired or was replaced by a newer one between the check and the insert.
      if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) {
        throw new UploadNotFoundException(upload.id);
      }
      throw error;
    }
    return { uploadId: upload.id };
  }
}

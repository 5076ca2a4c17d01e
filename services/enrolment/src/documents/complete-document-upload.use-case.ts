import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  counted,
  type Caller,
  type DocumentUploadRef,
  type DocumentView,
} from '@portail/contracts';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { EnrolmentConfig } from '../config';
import {
  DocumentQuotaExceededException,
  DocumentTooLargeException,
  DocumentTypeNotAllowedException,
  invalidDocumentFields,
  UploadNotFoundException,
} from './document.exception';
import { deleteUpload, findUpload, usedBytes } from './document-uploads';
import { sniffDocumentType } from './document-sniffing';
import { DOCUMENT_COLUMNS, toDocumentView, type DocumentRow } from './document.views';
import { sanitiseFileName } from './file-name';
import { DocumentStorage } from './storage/document-storage';

/**
 * Assembles the parts, checks the whole file (every part received, type from its bytes, size
 * limit, household quota), stores it and records the document. The quota is checked again
 * under a per-household lock, so two uploads finishing together cannot both fit in the space
 * left for one.
 */
@Injectable()
export class CompleteDocumentUpload {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: DocumentStorage,
    @Inject(SERVICE_CONFIG) private readonly config: EnrolmentConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(caller: Caller, command: DocumentUploadRef): Promise<DocumentView> {
    const upload = await findUpload(this.dataSource.manager, caller, command.uploadId);
    const parts: Array<{ data: Buffer }> = await this.dataSource.query(
      'SELECT data FROM document_upload_parts WHERE upload_id = $1 ORDER BY part_index',
      [upload.id],
    );
    if (parts.length !== upload.parts) {
      throw invalidDocumentFields([
        {
          field: 'uploadId',
          message: `Le fichier n'a pas été reçu en entier (${parts.length} sur ${counted(upload.parts, 'partie')}).`,
        },
      ]);
    }
    const bytes = Buffer.concat(parts.map((part) => part.data));
    if (bytes.length > this.config.DOCUMENT_MAX_BYTES) {
      throw new DocumentTooLargeException(this.config.DOCUMENT_MAX_BYTES, bytes.length);
    }
    const contentType = sniffDocumentType(bytes);
    if (!contentType) {
      await deleteUpload(this.dataSource.manager, upload.id);
      throw new DocumentTypeNotAllowedException(upload.file_name);
    }

    const id = uuidv7();
    const storageKey = `households/${upload.household_id}/${id}`;
    await this.storage.put(storageKey, bytes);
    try {
      await this.dataSource.transaction(async (manager) => {
        // Claims the upload: a concurrent completion of the same one finds it gone.
        const claimed: unknown[] = await manager.query(
          'SELECT id FROM document_uploads WHERE id = $1 FOR UPDATE',
          [upload.id],
        );
        if (claimed.length === 0) throw new UploadNotFoundException(upload.id);
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
          `documents-quota:${upload.household_id}`,
        ]);
        const used = await usedBytes(manager, upload.household_id);
        if (used + bytes.length > this.config.DOCUMENT_QUOTA_BYTES) {
          throw new DocumentQuotaExceededException(
            used,
            this.config.DOCUMENT_QUOTA_BYTES,
            bytes.length,
          );
        }
        await manager.query(
          `INSERT INTO documents
             (id, household_id, document_type, label, file_name, content_type, size, sha256,
              valid_until, storage_key, uploaded_by, uploaded_by_kind)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            id,
            upload.household_id,
            upload.document_type,
            upload.label,
            sanitiseFileName(upload.file_name, contentType),
            contentType,
            bytes.length,
            createHash('sha256').update(bytes).digest('hex'),
            upload.valid_until,
            storageKey,
            caller.accountId,
            caller.kind,
          ],
        );
        await deleteUpload(manager, upload.id);
      });
    } catch (error) {
      await this.storage
        .delete(storageKey)
        .catch((cleanup: unknown) =>
          this.logger.warn(
            { err: cleanup, storageKey },
            'Could not delete the bytes of a document that was not recorded',
          ),
        );
      throw error;
    }
    const rows: DocumentRow[] = await this.dataSource.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE d.id = $1`,
      [id],
    );
    return toDocumentView(rows[0]);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  DOCUMENT_PART_BYTES,
  DOCUMENT_TYPE_LABELS,
  type Caller,
  type DocumentUploadRef,
  type BeginDocumentUploadCommand,
} from '@portail/contracts';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { EnrolmentConfig } from '../config';
import { DocumentAccess } from './document-access';
import { DocumentQuotaExceededException, DocumentTooLargeException } from './document.exception';
import { MAX_PENDING_UPLOADS_PER_ACCOUNT, usedBytes } from './document-uploads';
import { sanitiseFileName } from './file-name';

/**
 * Starts an upload: checks who it is for, the size limit and the household's quota before any
 * byte travels. The bytes follow in parts of DOCUMENT_PART_BYTES (the last one shorter).
 */
@Injectable()
export class BeginDocumentUpload {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: DocumentAccess,
    @Inject(SERVICE_CONFIG) private readonly config: EnrolmentConfig,
  ) {}

  async execute(caller: Caller, command: BeginDocumentUploadCommand): Promise<DocumentUploadRef> {
    const householdId = await this.access.uploadTarget(caller, command.householdId);
    if (command.size > this.config.DOCUMENT_MAX_BYTES) {
      throw new DocumentTooLargeException(this.config.DOCUMENT_MAX_BYTES, command.size);
    }
    const used = await usedBytes(this.dataSource.manager, householdId);
    if (used + command.size > this.config.DOCUMENT_QUOTA_BYTES) {
      throw new DocumentQuotaExceededException(
        used,
        this.config.DOCUMENT_QUOTA_BYTES,
        command.size,
      );
    }
    const id = uuidv7();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `DELETE FROM document_uploads WHERE id IN (
           SELECT id FROM document_uploads WHERE uploaded_by = $1
            ORDER BY created_at DESC OFFSET $2)`,
        [caller.accountId, MAX_PENDING_UPLOADS_PER_ACCOUNT - 1],
      );
      await manager.query(
        `INSERT INTO document_uploads
           (id, household_id, document_type, label, file_name, valid_until, size, parts,
            uploaded_by, uploaded_by_kind, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now() + make_interval(mins => $11))`,
        [
          id,
          householdId,
          command.documentType,
          command.label?.trim() || DOCUMENT_TYPE_LABELS[command.documentType],
          sanitiseFileName(command.fileName),
          command.validUntil ?? null,
          command.size,
          Math.ceil(command.size / DOCUMENT_PART_BYTES),
          caller.accountId,
          caller.kind,
          this.config.DOCUMENT_UPLOAD_TTL_MINUTES,
        ],
      );
    });
    return { uploadId: id };
  }
}

import type { EntityManager } from 'typeorm';
import type { Caller, DocumentType } from '@portail/contracts';
import { UploadNotFoundException } from './document.exception';

/** An upload in progress, as `document_uploads` holds it. */
export interface UploadRow {
  id: string;
  household_id: string;
  document_type: DocumentType;
  label: string;
  file_name: string;
  valid_until: string | null;
  size: number;
  parts: number;
}

/**
 * Uploads an account may have in progress at once: starting another drops the oldest, so that
 * abandoned uploads cannot pile up parts beyond a few documents' worth per account.
 */
export const MAX_PENDING_UPLOADS_PER_ACCOUNT = 5;

/** An upload of this caller that has not expired; someone else's answers UPLOAD_NOT_FOUND. */
export async function findUpload(
  manager: EntityManager,
  caller: Caller,
  uploadId: string,
  lock = false,
): Promise<UploadRow> {
  const rows: UploadRow[] = await manager.query(
    `SELECT id, household_id, document_type, label, file_name, valid_until::text AS valid_until,
            size, parts
       FROM document_uploads
      WHERE id = $1 AND uploaded_by = $2 AND expires_at > now()
      ${lock ? 'FOR UPDATE' : ''}`,
    [uploadId, caller.accountId],
  );
  if (!rows[0]) throw new UploadNotFoundException(uploadId);
  return rows[0];
}

export async function deleteUpload(manager: EntityManager, uploadId: string): Promise<void> {
  await manager.query('DELETE FROM document_uploads WHERE id = $1', [uploadId]);
}

/** Bytes of documents the household keeps. */
export async function usedBytes(manager: EntityManager, householdId: string): Promise<number> {
  const rows: Array<{ used: string }> = await manager.query(
    'SELECT COALESCE(sum(size), 0)::text AS used FROM documents WHERE household_id = $1',
    [householdId],
  );
  return Number(rows[0]?.used ?? 0);
}

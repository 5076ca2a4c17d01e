import {
  DOCUMENT_TYPE_LABELS,
  todayInParis,
  type DocumentContentType,
  type DocumentType,
  type DocumentView,
} from '@portail/contracts';

/** A row of `documents` as DOCUMENT_COLUMNS selects it. */
export interface DocumentRow {
  id: string;
  household_id: string;
  document_type: DocumentType;
  label: string;
  file_name: string;
  content_type: DocumentContentType;
  size: number;
  sha256: string;
  valid_until: string | null;
  storage_key: string;
  uploaded_at: Date;
  used_by: string[];
}

/**
 * The columns of a DocumentRow, from `documents d`. `valid_until` as text, since node-postgres
 * would turn a date into a local midnight; `used_by`: every application it was attached to.
 */
export const DOCUMENT_COLUMNS = `
  d.id, d.household_id, d.document_type, d.label, d.file_name, d.content_type, d.size, d.sha256,
  d.valid_until::text AS valid_until, d.storage_key, d.uploaded_at,
  ARRAY(SELECT DISTINCT ad.application_id::text FROM application_documents ad
         WHERE ad.document_id = d.id ORDER BY 1) AS used_by`;

export function toDocumentView(row: DocumentRow, today = todayInParis()): DocumentView {
  return {
    id: row.id,
    householdId: row.household_id,
    documentType: row.document_type,
    documentTypeLabel: DOCUMENT_TYPE_LABELS[row.document_type] ?? row.document_type,
    label: row.label,
    fileName: row.file_name,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    validUntil: row.valid_until,
    expired: row.valid_until !== null && row.valid_until < today,
    usedBy: row.used_by,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}

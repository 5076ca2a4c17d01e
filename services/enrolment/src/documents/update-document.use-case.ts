import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, DocumentView, UpdateDocumentCommand } from '@portail/contracts';
import { DocumentAccess } from './document-access';
import { DOCUMENT_COLUMNS, toDocumentView, type DocumentRow } from './document.views';

/**
 * The family corrects a document's type, label or validity. Applications keep what they were
 * given: the type copied into `application_documents` when it was attached does not change.
 */
@Injectable()
export class UpdateDocument {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: DocumentAccess,
  ) {}

  async execute(caller: Caller, command: UpdateDocumentCommand): Promise<DocumentView> {
    const document = await this.access.ownedDocument(caller, command.id);
    await this.dataSource.query(
      `UPDATE documents SET document_type = $2, label = $3, valid_until = $4 WHERE id = $1`,
      [
        document.id,
        command.documentType ?? document.document_type,
        command.label ?? document.label,
        command.validUntil === undefined ? document.valid_until : command.validUntil,
      ],
    );
    const rows: DocumentRow[] = await this.dataSource.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE d.id = $1`,
      [document.id],
    );
    return toDocumentView(rows[0]);
  }
}

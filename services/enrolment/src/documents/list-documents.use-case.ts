import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { todayInParis, type Caller, type DocumentsPage } from '@portail/contracts';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { EnrolmentConfig } from '../config';
import { DocumentAccess } from './document-access';
import { usedBytes } from './document-uploads';
import { DOCUMENT_COLUMNS, toDocumentView, type DocumentRow } from './document.views';

/**
 * The family's documents ("mon espace de stockage"), newest first, with the space used; those it
 * deleted but an application keeps as evidence are left out.
 */
@Injectable()
export class ListDocuments {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: DocumentAccess,
    @Inject(SERVICE_CONFIG) private readonly config: EnrolmentConfig,
  ) {}

  async execute(caller: Caller): Promise<DocumentsPage> {
    const quotaBytes = this.config.DOCUMENT_QUOTA_BYTES;
    const householdId = await this.access.householdOfFamily(caller);
    // Without a household yet, the family has no document.
    if (!householdId) return { items: [], usedBytes: 0, quotaBytes };
    const rows: DocumentRow[] = await this.dataSource.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d
        WHERE d.household_id = $1 AND d.hidden_at IS NULL
        ORDER BY d.uploaded_at DESC, d.id DESC`,
      [householdId],
    );
    const today = todayInParis();
    return {
      items: rows.map((row) => toDocumentView(row, today)),
      usedBytes: await usedBytes(this.dataSource.manager, householdId),
      quotaBytes,
    };
  }
}

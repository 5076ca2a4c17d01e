import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, DocumentRef } from '@portail/contracts';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { DocumentAccess, OPEN_APPLICATION_STATUSES } from './document-access';
import { DocumentInUseException } from './document.exception';
import { DocumentStorage } from './storage/document-storage';

/**
 * Deletes a document and its bytes, unless an application still in progress (draft, submitted,
 * information requested) relies on it. Finished applications keep their copy of its metadata
 * in `application_documents` (the reference becomes NULL).
 */
@Injectable()
export class DeleteDocument {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: DocumentAccess,
    private readonly storage: DocumentStorage,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(caller: Caller, id: string): Promise<DocumentRef> {
    const storageKey = await this.dataSource.transaction(async (manager) => {
      // Locked: an application attaching it meanwhile waits, then fails on the foreign key.
      const document = await this.access.ownedDocument(caller, id, manager, true);
      const inUse: Array<{ id: string }> = await manager.query(
        `SELECT DISTINCT a.id FROM application_documents ad
           JOIN applications a ON a.id = ad.application_id
          WHERE ad.document_id = $1 AND a.status = ANY ($2::text[])
          ORDER BY a.id`,
        [document.id, OPEN_APPLICATION_STATUSES],
      );
      if (inUse.length > 0) throw new DocumentInUseException(inUse.map((row) => row.id));
      await manager.query('DELETE FROM documents WHERE id = $1', [document.id]);
      return document.storage_key;
    });
    // After the commit: bytes left behind by a failure here are unreachable, never served.
    await this.storage
      .delete(storageKey)
      .catch((error: unknown) =>
        this.logger.warn(
          { err: error, documentId: id, storageKey },
          'Could not delete the bytes of a deleted document',
        ),
      );
    return { id };
  }
}

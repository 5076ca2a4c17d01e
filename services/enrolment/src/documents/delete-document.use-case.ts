import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, DocumentDeletionView } from '@portail/contracts';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { DocumentAccess, EVIDENCE_APPLICATION_STATUSES } from './document-access';
import { DocumentInUseException } from './document.exception';
import { DocumentStorage } from './storage/document-storage';

/**
 * The family deletes one of its documents. One that an application sent to a service relies on
 * (submitted, in review, accepted, rejected, withdrawn) is evidence: it is kept, with its bytes,
 * as long as the application is, and only hidden from the family's list (the answer says so).
 * One attached to a draft only is refused (detach it first). Any other is destroyed, bytes too.
 */
@Injectable()
export class DeleteDocument {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: DocumentAccess,
    private readonly storage: DocumentStorage,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(caller: Caller, id: string): Promise<DocumentDeletionView> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      // Locked: an application attaching it meanwhile waits, then fails on the foreign key.
      const document = await this.access.ownedDocument(caller, id, manager, true);
      const users: Array<{ id: string; status: string }> = await manager.query(
        `SELECT DISTINCT a.id, a.status FROM application_documents ad
           JOIN applications a ON a.id = ad.application_id
          WHERE ad.document_id = $1
          ORDER BY a.id`,
        [document.id],
      );
      const keptFor = users
        .filter((user) => EVIDENCE_APPLICATION_STATUSES.includes(user.status))
        .map((user) => user.id);
      if (keptFor.length > 0) {
        await manager.query(
          'UPDATE documents SET hidden_at = coalesce(hidden_at, now()) WHERE id = $1',
          [document.id],
        );
        return { kind: 'hidden' as const, keptFor };
      }
      if (users.length > 0) throw new DocumentInUseException(users.map((user) => user.id));
      await manager.query('DELETE FROM documents WHERE id = $1', [document.id]);
      return { kind: 'deleted' as const, storageKey: document.storage_key };
    });
    if (outcome.kind === 'hidden') {
      return {
        id,
        outcome: 'hidden',
        message:
          'Ce document est une pièce justificative d’une demande envoyée : il est conservé avec ' +
          'la demande et retiré de votre liste.',
        keptFor: outcome.keptFor,
      };
    }
    // After the commit: bytes left behind by a failure here are unreachable, never served.
    await this.storage
      .delete(outcome.storageKey)
      .catch((error: unknown) =>
        this.logger.warn(
          { err: error, documentId: id, storageKey: outcome.storageKey },
          'Could not delete the bytes of a deleted document',
        ),
      );
    return { id, outcome: 'deleted', message: 'Le document a été supprimé.', keptFor: [] };
  }
}

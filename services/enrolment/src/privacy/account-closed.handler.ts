import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@portail/contracts';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { HandlesEvent } from '@portail/messaging';
import { DocumentStorage } from '../documents/storage/document-storage';

export const ANONYMOUS = 'Anonyme';

/** Why a live application ended, in its history. */
export const CLOSURE_WITHDRAWAL_MESSAGE = 'Compte fermé par la famille : demande retirée.';

/**
 * A family closed its account (RGPD): enrolment forgets what it can. Drafts are deleted. Live
 * applications (submitted, information requested, accepted) are withdrawn and give their place
 * back. Every application of the household keeps only what statistics and the services' records
 * need — procedure, season, status, dates and ids — and loses the child's name (its birth date
 * becomes the year's first day), the answers (health included), the summary and the messages.
 * Supporting documents are destroyed, bytes included (the applications keep the type of each
 * attached document, without its name), and unfinished uploads too. The staff's access log keeps
 * its ids (security). Runs once per event (inbox), and changes nothing when run again.
 */
@Injectable()
export class EnrolmentAccountClosedHandler {
  constructor(
    private readonly storage: DocumentStorage,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  @HandlesEvent('identity.account.closed')
  async onAccountClosed(
    event: EventEnvelope<'identity.account.closed'>,
    manager: EntityManager,
  ): Promise<void> {
    const { id: accountId, householdId } = event.payload;
    await manager.query(
      'DELETE FROM document_uploads WHERE uploaded_by = $1 OR household_id = $2',
      [accountId, householdId],
    );
    if (!householdId) return;

    await manager.query("DELETE FROM applications WHERE household_id = $1 AND status = 'draft'", [
      householdId,
    ]);
    await manager.query(
      `UPDATE application_history SET message = NULL
        WHERE application_id IN (SELECT id FROM applications WHERE household_id = $1)`,
      [householdId],
    );
    const withdrawn = await manager.query<
      Array<{ id: string; procedure_id: string; held: boolean }>
    >(
      `WITH live AS (
         SELECT id, procedure_id, holds_place AS held FROM applications
          WHERE household_id = $1 AND status IN ('submitted', 'information-requested', 'accepted')
          FOR UPDATE),
       changed AS (
         UPDATE applications a SET status = 'withdrawn', holds_place = false, updated_at = now()
           FROM live WHERE a.id = live.id)
       SELECT * FROM live`,
      [householdId],
    );
    for (const application of withdrawn) {
      if (application.held) {
        await manager.query(
          'UPDATE procedures SET places_taken = places_taken - 1 WHERE id = $1 AND places_taken > 0',
          [application.procedure_id],
        );
      }
      await manager.query(
        `INSERT INTO application_history (application_id, status, actor_kind, message)
         VALUES ($1, 'withdrawn', 'system', $2)`,
        [application.id, CLOSURE_WITHDRAWAL_MESSAGE],
      );
    }
    await manager.query(
      `UPDATE applications
          SET child = jsonb_build_object(
                'id', child->>'id', 'firstName', $2::text, 'lastName', $2::text,
                'birthDate', left(child->>'birthDate', 4) || '-01-01', 'schoolLevel', NULL),
              child_search = lower($2::text), answers = '{}', summary = '[]', message = NULL,
              updated_at = now()
        WHERE household_id = $1`,
      [householdId, ANONYMOUS],
    );
    const documents = await manager.query<Array<{ storage_key: string }>>(
      // A CTE, so that the reply is rows whatever the driver makes of a DELETE's result.
      `WITH gone AS (DELETE FROM documents WHERE household_id = $1 RETURNING storage_key)
       SELECT storage_key FROM gone`,
      [householdId],
    );
    await manager.query(
      `UPDATE application_documents SET file_name = $2
        WHERE application_id IN (SELECT id FROM applications WHERE household_id = $1)`,
      [householdId, ANONYMOUS],
    );
    // An unknown key is no error: a redelivered event after a failed commit deletes again.
    for (const document of documents) await this.storage.delete(document.storage_key);
    this.logger.info(
      { accountId, householdId, withdrawn: withdrawn.length, documents: documents.length },
      'Enrolment data of a closed account erased',
    );
  }
}

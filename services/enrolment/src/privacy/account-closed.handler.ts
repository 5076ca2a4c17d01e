import { Inject, Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { EventEnvelope } from '@portail/contracts';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { EventRecorder, HandlesEvent } from '@portail/messaging';
import { eventBase } from '../applications/application-events';
import { releasePlace } from '../applications/application-rules';
import { recordStatus } from '../applications/application-store';
import { Application } from '../applications/application.entity';
import { Procedure } from '../procedures/procedure.entity';
import { DocumentStorage } from '../documents/storage/document-storage';

export const ANONYMOUS = 'Anonyme';

/** Why a live application ended, in its history. */
/** What a closure withdraws: every application sent to a service and not ended. */
const LIVE_STATUSES = ['submitted', 'information-requested', 'accepted'] as const;

export const CLOSURE_WITHDRAWAL_MESSAGE = 'Compte fermé par la famille : demande retirée.';

/**
 * A family closed its account (RGPD): enrolment forgets what it can. Drafts are deleted. Live
 * applications (submitted, information requested, accepted) are withdrawn and give their place
 * back, each with its `enrolment.application.withdrawn` event (no name, no family to notify:
 * reservation ends the right, the agents' notices go). Every application of the household keeps only what statistics and the services' records
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
    private readonly events: EventRecorder,
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
    // Names, answers and summaries go first: the withdrawal events below carry no name.
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
    const live = await manager.getRepository(Application).find({
      where: { householdId, status: In(LIVE_STATUSES) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    for (const application of live) {
      const previousStatus = application.status as (typeof LIVE_STATUSES)[number];
      await releasePlace(manager, application);
      application.status = 'withdrawn';
      await manager
        .getRepository(Application)
        .update({ id: application.id }, { status: 'withdrawn', holdsPlace: false });
      await recordStatus(manager, application, 'withdrawn', undefined, CLOSURE_WITHDRAWAL_MESSAGE);
      const procedure = await manager
        .getRepository(Procedure)
        .findOneByOrFail({ id: application.procedureId });
      // The service learns the place is free (reservation ends the right, the agents' notices
      // go); no family account is left to notify.
      await this.events.record(
        manager,
        'enrolment.application.withdrawn',
        {
          ...eventBase(application, procedure, { accounts: [] }),
          reason: CLOSURE_WITHDRAWAL_MESSAGE,
          previousStatus,
        },
        { aggregateId: application.id },
      );
    }
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
      { accountId, householdId, withdrawn: live.length, documents: documents.length },
      'Enrolment data of a closed account erased',
    );
  }
}

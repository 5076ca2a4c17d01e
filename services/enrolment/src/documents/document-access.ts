import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  HOUSEHOLD_NOT_FOUND_MESSAGE,
  HouseholdErrorCode,
  type AdminCaller,
  type AgentCaller,
  type Caller,
} from '@portail/contracts';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { DomainException } from '@portail/service-kit';
import { HouseholdDirectory } from '../households/household-directory';
import {
  DocumentForbiddenException,
  DocumentNotFoundException,
  HouseholdUnknownException,
  invalidDocumentFields,
} from './document.exception';
import { DOCUMENT_COLUMNS, type DocumentRow } from './document.views';

export type StaffAccess = 'metadata' | 'download';

/**
 * Applications sent to a service (in review or decided, withdrawn too) rely on their documents as
 * evidence for as long as they are kept: the family may hide such a document, not destroy it.
 */
export const EVIDENCE_APPLICATION_STATUSES = [
  'submitted',
  'information-requested',
  'accepted',
  'rejected',
  'withdrawn',
];

/**
 * Who may reach a supporting document. A family: its own household's, and nothing else (another
 * household's id answers DOCUMENT_NOT_FOUND). An agent: a document attached to an application
 * of one of its municipal services that the family has submitted (not a draft); an
 * administrator: one attached to any submitted application, never a family's other documents.
 * Every staff access is written to `document_access_log`.
 */
@Injectable()
export class DocumentAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly households: HouseholdDirectory,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /** The calling family's household; undefined while it has not declared one. */
  async householdOfFamily(caller: Caller): Promise<string | undefined> {
    if (caller.kind !== 'family') throw new DocumentForbiddenException();
    return (await this.households.findProfileOfAccount(caller.accountId))?.householdId;
  }

  /**
   * The household an upload goes to: a family's own (naming another one answers
   * HOUSEHOLD_NOT_FOUND); for staff filing at the counter, the one they name (for an agent,
   * one with an application in its services, else HOUSEHOLD_NOT_FOUND as for an unknown one).
   */
  async uploadTarget(caller: Caller, householdId: string | undefined): Promise<string> {
    if (caller.kind === 'family') {
      const own = (await this.households.profileOfAccount(caller.accountId)).householdId;
      if (householdId !== undefined && householdId !== own) throw new HouseholdUnknownException();
      return own;
    }
    if (householdId === undefined) {
      throw invalidDocumentFields([
        {
          field: 'householdId',
          message: 'Indiquez le foyer pour lequel vous déposez ce document.',
        },
      ]);
    }
    const target = (await this.households.profileOfHousehold(householdId)).householdId;
    // An agent files for families its services deal with: start the application first.
    if (caller.kind === 'agent') {
      const [dealing] = await this.dataSource.query<unknown[]>(
        `SELECT 1 FROM applications
          WHERE household_id = $1 AND municipal_service_id = ANY($2::uuid[]) LIMIT 1`,
        [target, caller.serviceIds],
      );
      if (!dealing) {
        // As identity answers for an unknown household: existence is not revealed.
        throw new DomainException(
          HouseholdErrorCode.HOUSEHOLD_NOT_FOUND,
          HOUSEHOLD_NOT_FOUND_MESSAGE,
          { id: householdId },
        );
      }
    }
    return target;
  }

  /** A document of the calling family's household, for it to change or delete. */
  async ownedDocument(
    caller: Caller,
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<DocumentRow> {
    const householdId = await this.householdOfFamily(caller);
    if (!householdId) throw new DocumentNotFoundException(id);
    const rows: DocumentRow[] = await manager.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE d.id = $1 AND d.household_id = $2
       ${lock ? 'FOR UPDATE' : ''}`,
      [id, householdId],
    );
    if (!rows[0]) throw new DocumentNotFoundException(id);
    return rows[0];
  }

  /**
   * A document the caller may read. For staff, `audit` names what the access is for, and it is
   * recorded with the applications that granted it; undefined for the following parts of one
   * download, whose first part was already recorded.
   */
  async readableDocument(
    caller: Caller,
    id: string,
    audit: StaffAccess | undefined,
  ): Promise<DocumentRow> {
    if (caller.kind === 'family') return this.ownedDocument(caller, id);
    const rows: DocumentRow[] = await this.dataSource.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE d.id = $1`,
      [id],
    );
    const document = rows[0];
    if (!document) throw new DocumentNotFoundException(id);
    const grants = await this.grantingApplications(caller, document);
    if (grants.length === 0) throw new DocumentNotFoundException(id);
    if (audit) await this.record(caller, document, grants, audit);
    return document;
  }

  /** Submitted applications (of the agent's services) of the document's household that attach it. */
  private async grantingApplications(
    caller: AgentCaller | AdminCaller,
    document: DocumentRow,
  ): Promise<string[]> {
    const serviceIds = caller.kind === 'agent' ? caller.serviceIds : null;
    if (serviceIds?.length === 0) return [];
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT DISTINCT a.id
         FROM application_documents ad
         JOIN applications a ON a.id = ad.application_id
        WHERE ad.document_id = $1
          AND a.household_id = $2
          AND a.status <> 'draft'
          AND ($3::uuid[] IS NULL OR a.municipal_service_id = ANY ($3::uuid[]))
        ORDER BY a.id`,
      [document.id, document.household_id, serviceIds],
    );
    return rows.map((row) => row.id);
  }

  private async record(
    caller: AgentCaller | AdminCaller,
    document: DocumentRow,
    applicationIds: string[],
    action: StaffAccess,
  ): Promise<void> {
    const organisationId = caller.kind === 'agent' ? caller.organisationId : null;
    await this.dataSource.query(
      `INSERT INTO document_access_log
         (document_id, household_id, application_ids, action, actor_kind, actor_account_id,
          organisation_id)
       VALUES ($1, $2, $3::uuid[], $4, $5, $6, $7)`,
      [
        document.id,
        document.household_id,
        applicationIds,
        action,
        caller.kind,
        caller.accountId,
        organisationId,
      ],
    );
    // Ids only: neither the file name nor the label, which may say something about the family.
    this.logger.info(
      {
        documentId: document.id,
        applicationIds,
        action,
        actorKind: caller.kind,
        actorAccountId: caller.accountId,
        organisationId,
      },
      'Supporting document accessed by staff',
    );
  }
}

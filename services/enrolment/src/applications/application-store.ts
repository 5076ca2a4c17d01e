import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  ApplicationStatus,
  ApplicationView,
  AttachedDocument,
  Caller,
  HouseholdProfile,
} from '@portail/contracts';
import { HouseholdDirectory } from '../households/household-directory';
import { managesService } from '../procedures/procedure-access';
import { Procedure } from '../procedures/procedure.entity';
import { ProcedureNotFoundException } from '../procedures/procedure.exception';
import { ApplicationHistory, type HistoryActorKind } from './application-history.entity';
import { toApplicationView } from './application-view';
import { Application } from './application.entity';
import { ApplicationNotFoundException } from './application.exception';

/**
 * Loads applications the caller may act on: a family its own household's, an agent those of
 * its services, an administrator any. Anything else is "not found", so ids reveal nothing.
 */
@Injectable()
export class ApplicationStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly households: HouseholdDirectory,
  ) {}

  /**
   * The household an action on this application is for, asked of identity before any row is
   * locked: a family's own (HOUSEHOLD_NOT_FOUND until it has one), or for staff the
   * application's. Undefined for an unknown application (`load` then answers not found).
   */
  async householdFor(caller: Caller, applicationId: string): Promise<HouseholdProfile | undefined> {
    if (caller.kind === 'family') return this.households.profileOfAccount(caller.accountId);
    const [row] = await this.dataSource.query<Array<{ household_id: string }>>(
      'SELECT household_id FROM applications WHERE id = $1',
      [applicationId],
    );
    return row ? this.households.profileOfHousehold(row.household_id) : undefined;
  }

  async load(
    manager: EntityManager,
    caller: Caller,
    applicationId: string,
    options: { lock?: boolean; householdId?: string } = {},
  ): Promise<{ application: Application; procedure: Procedure }> {
    const application = await manager.getRepository(Application).findOne({
      where: { id: applicationId },
      ...(options.lock && { lock: { mode: 'pessimistic_write' as const } }),
    });
    if (!application) throw new ApplicationNotFoundException();
    if (caller.kind === 'family') {
      const householdId =
        options.householdId ??
        (await this.households.profileOfAccount(caller.accountId)).householdId;
      if (application.householdId !== householdId) throw new ApplicationNotFoundException();
    } else if (!managesService(caller, application.municipalServiceId)) {
      throw new ApplicationNotFoundException();
    } else if (application.status === 'draft' && application.filedByKind === 'family') {
      // A family's draft is its own work in progress until it submits.
      throw new ApplicationNotFoundException();
    }
    const procedure = await manager
      .getRepository(Procedure)
      .findOneBy({ id: application.procedureId });
    if (!procedure) throw new ProcedureNotFoundException();
    return { application, procedure };
  }

  async attachedDocuments(
    manager: EntityManager,
    applicationId: string,
  ): Promise<AttachedDocument[]> {
    const rows = await manager.query<
      Array<{
        document_id: string | null;
        document_type: AttachedDocument['documentType'];
        file_name: string;
        content_type: AttachedDocument['contentType'];
        size: number;
      }>
    >(
      `SELECT document_id, document_type, file_name, content_type, size
         FROM application_documents WHERE application_id = $1
        ORDER BY document_type, file_name`,
      [applicationId],
    );
    return rows.map((row) => ({
      documentType: row.document_type,
      documentId: row.document_id,
      fileName: row.file_name,
      contentType: row.content_type,
      size: Number(row.size),
    }));
  }

  async view(
    manager: EntityManager,
    application: Application,
    procedure: Procedure,
  ): Promise<ApplicationView> {
    const [documents, history] = await Promise.all([
      this.attachedDocuments(manager, application.id),
      manager
        .getRepository(ApplicationHistory)
        .find({ where: { applicationId: application.id }, order: { id: 'ASC' } }),
    ]);
    return toApplicationView(application, procedure, documents, history);
  }
}

export function actorKindOf(caller: Caller | undefined): HistoryActorKind {
  return caller ? caller.kind : 'system';
}

/** Appends a status to the application's history (in the caller's transaction). */
export async function recordStatus(
  manager: EntityManager,
  application: Application,
  status: ApplicationStatus,
  caller: Caller | undefined,
  message: string | null = null,
  at: Date = new Date(),
): Promise<void> {
  await manager.getRepository(ApplicationHistory).insert({
    applicationId: application.id,
    status,
    at,
    actorKind: actorKindOf(caller),
    actorAccountId: caller?.accountId ?? null,
    message,
  });
}

import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  todayInParis,
  type Caller,
  type PersonalDataPart,
  type PersonalDataPartQuery,
} from '@portail/contracts';
import { personalDataPage, type PersonalDataSection } from '@portail/service-kit';
import { ApplicationStore } from '../applications/application-store';
import { Application } from '../applications/application.entity';
import { DocumentAccess } from '../documents/document-access';
import { HouseholdUnknownException } from '../documents/document.exception';
import { DOCUMENT_COLUMNS, toDocumentView, type DocumentRow } from '../documents/document.views';
import { Procedure } from '../procedures/procedure.entity';

/**
 * Enrolment's part of the calling family's personal data: its applications as the family reads
 * them (answers, health included, summary, attached documents, history), its supporting
 * documents' metadata (those hidden from its list but kept as evidence too; the gateway fetches
 * their bytes part by part through `enrolment.documents.download-part`), and the staff's
 * accesses to them. Only the caller's own household: another one answers HOUSEHOLD_NOT_FOUND.
 */
@Injectable()
export class ExportEnrolmentData {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: DocumentAccess,
    private readonly applications: ApplicationStore,
  ) {}

  async execute(caller: Caller, query: PersonalDataPartQuery): Promise<PersonalDataPart> {
    const own = await this.access.householdOfFamily(caller);
    if (query.householdId !== undefined && query.householdId !== own) {
      throw new HouseholdUnknownException();
    }
    // A new account without a household yet has nothing here.
    if (!own)
      return { service: 'enrolment', section: 'applications', offset: 0, items: [], next: null };
    return personalDataPage('enrolment', this.sections(own), query);
  }

  private sections(householdId: string): PersonalDataSection[] {
    const manager = this.dataSource.manager;
    return [
      {
        name: 'applications',
        pageSize: 20,
        read: async (offset, limit) => {
          const rows = await manager.getRepository(Application).find({
            where: { householdId },
            order: { createdAt: 'ASC', id: 'ASC' },
            skip: offset,
            take: limit,
          });
          const procedures = await manager
            .getRepository(Procedure)
            .findBy({ id: In([...new Set(rows.map((row) => row.procedureId))]) });
          const byId = new Map(procedures.map((procedure) => [procedure.id, procedure]));
          const views = [];
          for (const row of rows) {
            const procedure = byId.get(row.procedureId);
            if (procedure) views.push(await this.applications.view(manager, row, procedure));
          }
          return views;
        },
      },
      {
        name: 'documents',
        pageSize: 200,
        read: async (offset, limit) => {
          const rows = await manager.query<Array<DocumentRow & { hidden_at: Date | null }>>(
            `SELECT ${DOCUMENT_COLUMNS}, d.hidden_at FROM documents d WHERE d.household_id = $1
              ORDER BY d.uploaded_at, d.id OFFSET $2 LIMIT $3`,
            [householdId, offset, limit],
          );
          const today = todayInParis();
          return rows.map((row) => ({
            ...toDocumentView(row, today),
            hiddenFromList: row.hidden_at !== null,
          }));
        },
      },
      {
        name: 'document-accesses',
        pageSize: 500,
        read: (offset, limit) =>
          manager.query(
            `SELECT document_id AS "documentId", application_ids AS "applicationIds", action,
                    actor_kind AS "actorKind", organisation_id AS "organisationId", at
               FROM document_access_log WHERE household_id = $1
              ORDER BY at, id OFFSET $2 LIMIT $3`,
            [householdId, offset, limit],
          ),
      },
    ];
  }
}

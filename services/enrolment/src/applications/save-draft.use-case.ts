import { isUniqueViolation } from '@portail/database';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CommonErrorCode,
  DOCUMENT_TYPE_LABELS,
  EnrolmentErrorCode,
  HouseholdErrorCode,
  type Answers,
  type ApplicationView,
  type Caller,
  type ChildView,
  type DirectoryCommune,
  type FieldError,
  type HouseholdProfile,
  type SaveDraftCommand,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import { checkAnswers, summaryOf } from '../forms/answers';
import { prefillFromChild, stillToConfirm } from '../forms/prefill';
import { formNeedsDirectory, residenceOf } from '../forms/residence';
import { CommuneDirectory } from '../households/commune-directory';
import { HouseholdDirectory } from '../households/household-directory';
import { requireManagerOf } from '../procedures/procedure-access';
import { Procedure } from '../procedures/procedure.entity';
import { ProcedureNotFoundException } from '../procedures/procedure.exception';
import { searchable } from './application-list-query';
import { assertEligible, assertOpen, incomplete } from './application-rules';
import { ApplicationStore, recordStatus } from './application-store';
import { Application } from './application.entity';
import {
  ApplicationNotFoundException,
  ApplicationStatusConflictException,
} from './application.exception';

const EDITABLE = new Set(['draft', 'information-requested']);

/**
 * Steps 1-2 of a procedure: a draft is created for one child, then its answers and chosen
 * documents are saved between steps. What is given must already be well-formed; what is
 * missing is only required at submission. A new draft's answers are prefilled from the child's
 * record where the form says so (allergies, PAI), each marked `prefilled` until the family sends
 * it again; answers naming communes are linked to the directory and checked against the
 * household's communes of residence (discrepancies kept for the agent).
 */
@Injectable()
export class SaveDraft {
  constructor(
    private readonly dataSource: DataSource,
    private readonly households: HouseholdDirectory,
    private readonly communes: CommuneDirectory,
    private readonly store: ApplicationStore,
  ) {}

  async execute(caller: Caller, command: SaveDraftCommand): Promise<ApplicationView> {
    if (command.applicationId) return this.update(caller, command.applicationId, command);
    return this.create(caller, command);
  }

  private async create(caller: Caller, command: SaveDraftCommand): Promise<ApplicationView> {
    if (!command.procedureId || !command.childId) {
      throw new DomainException(CommonErrorCode.VALIDATION_FAILED, 'La demande est incomplète.', {
        fields: [
          ...(command.procedureId
            ? []
            : [{ field: 'procedureId', message: 'Choisissez la démarche.' }]),
          ...(command.childId ? [] : [{ field: 'childId', message: "Choisissez l'enfant." }]),
        ],
      });
    }
    const procedure = await this.dataSource
      .getRepository(Procedure)
      .findOneBy({ id: command.procedureId });
    if (!procedure || (procedure.status !== 'published' && caller.kind === 'family')) {
      throw new ProcedureNotFoundException();
    }
    const household = await this.householdFor(caller, procedure, command.householdId);
    assertOpen(procedure);
    const child = household.children.find((candidate) => candidate.id === command.childId);
    if (!child) {
      throw new DomainException(
        HouseholdErrorCode.CHILD_NOT_FOUND,
        "Cet enfant n'est pas rattaché à votre foyer.",
      );
    }
    assertEligible(procedure, child, household);
    const existing = await this.liveApplicationId(procedure.id, child.id);
    if (existing) throw duplicate(existing, child.firstName);
    const record = procedure.form.fields.some((field) => field.prefillFrom)
      ? await this.households.childRecord(child.id)
      : undefined;
    const communes = await this.communesFor(procedure);

    const now = new Date();
    const application = new Application();
    Object.assign(application, {
      id: uuidv7(),
      procedureId: procedure.id,
      organisationId: procedure.organisationId,
      municipalServiceId: procedure.municipalServiceId,
      season: procedure.season,
      householdId: household.householdId,
      childId: child.id,
      child: {
        id: child.id,
        firstName: child.firstName,
        lastName: child.lastName,
        birthDate: child.birthDate,
        schoolLevel: child.schoolLevel,
      },
      childSearch: searchable(
        `${child.firstName} ${child.lastName} ${child.lastName} ${child.firstName}`,
      ),
      status: 'draft',
      answers: {},
      summary: [],
      prefilled: [],
      answerCommunes: {},
      residenceDiscrepancies: [],
      message: null,
      schoolAssignment: null,
      holdsPlace: false,
      filedByKind: caller.kind === 'family' ? 'family' : 'agent',
      filedByAccountId: caller.accountId,
      submittedAt: null,
      decidedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [{ next }] = await manager.query<Array<{ next: string }>>(
          "SELECT nextval('application_reference_seq')::text AS next",
        );
        application.reference = `D-${procedure.season.slice(0, 4)}-${next.padStart(6, '0')}`;
        this.applyAnswers(application, procedure, household, command, communes, record);
        await manager.getRepository(Application).insert(application);
        await this.replaceDocuments(manager, application, procedure, household, command);
        await recordStatus(manager, application, 'draft', caller, null, now);
        return this.store.view(manager, application, procedure);
      });
    } catch (error) {
      // Two drafts started at once for the same child: the unique index keeps one.
      if (isUniqueViolation(error, 'applications_one_live_per_child_idx')) {
        throw duplicate(
          (await this.liveApplicationId(procedure.id, child.id)) ?? '',
          child.firstName,
        );
      }
      throw error;
    }
  }

  private async update(
    caller: Caller,
    applicationId: string,
    command: SaveDraftCommand,
  ): Promise<ApplicationView> {
    const household = await this.store.householdFor(caller, applicationId);
    const communes = command.answers ? await this.communes.communes() : [];
    return this.dataSource.transaction(async (manager) => {
      const { application, procedure } = await this.store.load(manager, caller, applicationId, {
        lock: true,
        householdId: household?.householdId,
      });
      if (!household) throw new ApplicationNotFoundException();
      if (!EDITABLE.has(application.status)) {
        throw new ApplicationStatusConflictException(application.status, 'modifier la demande');
      }
      if (command.procedureId && command.procedureId !== application.procedureId) {
        throw new DomainException(
          CommonErrorCode.VALIDATION_FAILED,
          "La démarche d'une demande ne change pas : commencez une nouvelle demande.",
          { fields: [{ field: 'procedureId', message: 'La démarche ne peut pas être changée.' }] },
        );
      }
      if (command.childId && command.childId !== application.childId) {
        throw new DomainException(
          CommonErrorCode.VALIDATION_FAILED,
          "L'enfant d'une demande ne change pas : commencez une nouvelle demande.",
          { fields: [{ field: 'childId', message: "L'enfant ne peut pas être changé." }] },
        );
      }
      this.applyAnswers(application, procedure, household, command, communes);
      application.updatedAt = new Date();
      await manager.getRepository(Application).save(application);
      await this.replaceDocuments(manager, application, procedure, household, command);
      return this.store.view(manager, application, procedure);
    });
  }

  /** The child's application to the procedure that counts as live (not withdrawn or rejected). */
  private async liveApplicationId(
    procedureId: string,
    childId: string,
  ): Promise<string | undefined> {
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM applications
        WHERE procedure_id = $1 AND child_id = $2 AND status NOT IN ('withdrawn', 'rejected')`,
      [procedureId, childId],
    );
    return row?.id;
  }

  private async householdFor(
    caller: Caller,
    procedure: Procedure,
    householdId: string | undefined,
  ): Promise<HouseholdProfile> {
    if (caller.kind === 'family') {
      if (householdId) {
        throw new DomainException(
          CommonErrorCode.VALIDATION_FAILED,
          'Une famille dépose ses demandes pour son propre foyer.',
          { fields: [{ field: 'householdId', message: 'Ne pas renseigner le foyer.' }] },
        );
      }
      return this.households.profileOfAccount(caller.accountId);
    }
    requireManagerOf(caller, procedure.municipalServiceId);
    if (!householdId) {
      throw new DomainException(
        CommonErrorCode.VALIDATION_FAILED,
        'Indiquez le foyer pour lequel vous déposez la demande.',
        { fields: [{ field: 'householdId', message: 'Le foyer est obligatoire pour un agent.' }] },
      );
    }
    return this.households.profileOfHousehold(householdId);
  }

  /** The directory's communes when the form has answers to link (cached by CommuneDirectory). */
  private async communesFor(procedure: Procedure): Promise<DirectoryCommune[]> {
    return formNeedsDirectory(procedure.form) ? this.communes.communes() : [];
  }

  /**
   * Merges the answers sent (null removes one), prefills a new draft from the child's record,
   * and keeps what the answers say of the residence. An answer sent confirms its prefill.
   */
  private applyAnswers(
    application: Application,
    procedure: Procedure,
    household: HouseholdProfile,
    command: SaveDraftCommand,
    communes: DirectoryCommune[],
    record?: ChildView,
  ): void {
    if (!command.answers && !record) return;
    let merged: Answers = { ...application.answers };
    for (const [key, value] of Object.entries(command.answers ?? {})) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    let prefilled = stillToConfirm(application.prefilled, command.answers);
    if (record) {
      const prefill = prefillFromChild(procedure.form, merged, record);
      merged = prefill.answers;
      prefilled = [...prefilled, ...prefill.prefilled];
    }
    const checked = checkAnswers(procedure.form, merged, { children: household.children }, false);
    if (checked.errors.length) throw incomplete(checked.errors);
    application.answers = checked.answers;
    application.prefilled = prefilled.filter((key) => key in checked.answers);
    application.summary = summaryOf(procedure.form, checked.answers, {
      children: household.children,
    });
    Object.assign(
      application,
      residenceOf(procedure.form, checked.answers, communes, household.communes),
    );
  }

  private async replaceDocuments(
    manager: EntityManager,
    application: Application,
    procedure: Procedure,
    household: HouseholdProfile,
    command: SaveDraftCommand,
  ): Promise<void> {
    if (!command.documents) return;
    const errors: FieldError[] = [];
    const requested = new Set(procedure.requiredDocuments.map((document) => document.documentType));
    const ids = command.documents.map((document) => document.documentId);
    const rows = await manager.query<
      Array<{
        id: string;
        document_type: string;
        file_name: string;
        content_type: string;
        size: number;
      }>
    >(
      `SELECT id, document_type, file_name, content_type, size FROM documents
        WHERE id = ANY($1::uuid[]) AND household_id = $2`,
      [ids, household.householdId],
    );
    command.documents.forEach((choice, index) => {
      if (!requested.has(choice.documentType)) {
        errors.push({
          field: `documents[${index}].documentType`,
          message: `La démarche ne demande pas de pièce « ${DOCUMENT_TYPE_LABELS[choice.documentType]} ».`,
        });
      }
      if (!rows.some((row) => row.id === choice.documentId)) {
        errors.push({
          field: `documents[${index}].documentId`,
          message: "Ce document n'existe pas dans l'espace de stockage de votre foyer.",
        });
      }
    });
    if (errors.length) throw incomplete(errors);
    await manager.query('DELETE FROM application_documents WHERE application_id = $1', [
      application.id,
    ]);
    for (const choice of command.documents) {
      const row = rows.find((candidate) => candidate.id === choice.documentId)!;
      await manager.query(
        `INSERT INTO application_documents
           (application_id, document_id, document_type, file_name, content_type, size)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [application.id, row.id, choice.documentType, row.file_name, row.content_type, row.size],
      );
    }
  }
}

function duplicate(applicationId: string, firstName: string): DomainException {
  return new DomainException(
    EnrolmentErrorCode.DUPLICATE_APPLICATION,
    `${firstName} a déjà une demande en cours pour cette démarche.`,
    { applicationId },
  );
}

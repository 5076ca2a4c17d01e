import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DOCUMENT_TYPE_LABELS,
  HouseholdErrorCode,
  seasonBounds,
  todayInParis,
  type ApplicationView,
  type Caller,
  type FieldError,
} from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { DomainException } from '@portail/service-kit';
import { checkAnswers, summaryOf, visibleFields } from '../forms/answers';
import { residenceOf } from '../forms/residence';
import { CommuneDirectory } from '../households/commune-directory';
import type { Procedure } from '../procedures/procedure.entity';
import { eventBase } from './application-events';
import { assertEligible, assertOpen, incomplete, takePlace } from './application-rules';
import { ApplicationStore, recordStatus } from './application-store';
import { Application } from './application.entity';
import {
  ApplicationNotFoundException,
  ApplicationStatusConflictException,
} from './application.exception';

/**
 * Step 3 → submitted. Answers and documents are checked against the procedure; a place is
 * taken by a conditional UPDATE on the procedure row (never more than its capacity, however
 * many submit at once); an automatic procedure accepts at once, unless an answer contradicts
 * the household's commune of residence (a residence discrepancy: an agent decides). Answers
 * prefilled from the child's record must have been confirmed. The events leave through the
 * outbox in the same transaction.
 */
@Injectable()
export class SubmitApplication {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ApplicationStore,
    private readonly events: EventRecorder,
    private readonly communes: CommuneDirectory,
  ) {}

  async execute(caller: Caller, applicationId: string): Promise<ApplicationView> {
    const household = await this.store.householdFor(caller, applicationId);
    const communes = household ? await this.communes.communes() : [];
    return this.dataSource.transaction(async (manager) => {
      const { application, procedure } = await this.store.load(manager, caller, applicationId, {
        lock: true,
        householdId: household?.householdId,
      });
      if (!household) throw new ApplicationNotFoundException();
      const resubmission = application.status === 'information-requested';
      if (application.status !== 'draft' && !resubmission) {
        throw new ApplicationStatusConflictException(application.status, 'envoyer la demande');
      }
      // A family answering the service's questions may do so after the closing date.
      if (!resubmission) assertOpen(procedure);
      const child = household.children.find((candidate) => candidate.id === application.childId);
      if (!child) {
        throw new DomainException(
          HouseholdErrorCode.CHILD_NOT_FOUND,
          "Cet enfant n'est plus rattaché au foyer.",
        );
      }
      if (!resubmission) assertEligible(procedure, child, household);
      const context = { children: household.children };
      const checked = checkAnswers(procedure.form, application.answers, context, true);
      const errors = [
        ...checked.errors,
        ...unconfirmedPrefills(procedure, application),
        ...(await this.documentErrors(manager, application, procedure)),
      ];
      if (errors.length) throw incomplete(errors);

      const now = new Date();
      if (!application.holdsPlace) await takePlace(manager, procedure);
      application.holdsPlace = true;
      application.answers = checked.answers;
      application.summary = summaryOf(procedure.form, checked.answers, context);
      application.prefilled = [];
      Object.assign(
        application,
        residenceOf(procedure.form, checked.answers, communes, household.communes),
      );
      application.child = {
        id: child.id,
        firstName: child.firstName,
        lastName: child.lastName,
        birthDate: child.birthDate,
        schoolLevel: child.schoolLevel,
      };
      application.submittedAt ??= now;
      application.status = 'submitted';
      application.message = null;
      application.updatedAt = now;
      await recordStatus(manager, application, 'submitted', caller, null, now);
      const base = eventBase(application, procedure, household);
      await this.events.record(
        manager,
        'enrolment.application.submitted',
        {
          ...base,
          validationMode: procedure.validationMode,
          resubmission,
          filedBy: { kind: application.filedByKind, accountId: application.filedByAccountId },
        },
        {
          aggregateId: application.id,
        },
      );
      if (
        procedure.validationMode === 'automatic' &&
        application.residenceDiscrepancies.length === 0
      ) {
        application.status = 'accepted';
        application.decidedAt = now;
        await recordStatus(manager, application, 'accepted', undefined, null, now);
        const season = seasonBounds(procedure.season);
        await this.events.record(
          manager,
          'enrolment.application.accepted',
          {
            ...base,
            grant: procedure.grant,
            validFrom: season.startsOn,
            validUntil: season.endsOn,
            schoolAssignment: null,
            automatic: true,
          },
          {
            aggregateId: application.id,
          },
        );
      }
      await manager.getRepository(Application).save(application);
      return this.store.view(manager, application, procedure);
    });
  }

  /** Every required type attached, and no attached document past its validity. */
  private async documentErrors(
    manager: EntityManager,
    application: Application,
    procedure: Procedure,
  ): Promise<FieldError[]> {
    const rows = await manager.query<
      Array<{ document_type: string; document_id: string | null; valid_until: string | null }>
    >(
      `SELECT ad.document_type, d.id AS document_id, to_char(d.valid_until, 'YYYY-MM-DD') AS valid_until
         FROM application_documents ad LEFT JOIN documents d ON d.id = ad.document_id
        WHERE ad.application_id = $1`,
      [application.id],
    );
    const today = todayInParis();
    const errors: FieldError[] = [];
    for (const required of procedure.requiredDocuments) {
      const label = DOCUMENT_TYPE_LABELS[required.documentType];
      const attached = rows.filter((row) => row.document_type === required.documentType);
      if (required.required && !attached.some((row) => row.document_id)) {
        errors.push({
          field: `documents.${required.documentType}`,
          message: `La pièce « ${label} » est obligatoire.`,
        });
      }
      for (const row of attached) {
        if (row.valid_until && row.valid_until < today) {
          const [year, month, day] = row.valid_until.split('-');
          errors.push({
            field: `documents.${required.documentType}`,
            message: `La pièce « ${label} » n'est plus valable depuis le ${day}/${month}/${year} : déposez-en une à jour.`,
          });
        }
      }
    }
    return errors;
  }
}

/** Answers prefilled from the child's record that the family has not confirmed (shown fields). */
function unconfirmedPrefills(procedure: Procedure, application: Application): FieldError[] {
  const waiting = new Set(application.prefilled);
  return visibleFields(procedure.form, application.answers)
    .filter((field) => waiting.has(field.key))
    .map((field) => ({
      field: `answers.${field.key}`,
      message: `« ${field.label} » : confirmez ou corrigez la réponse reprise de la fiche de l’enfant.`,
    }));
}

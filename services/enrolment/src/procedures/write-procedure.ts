import {
  CommonErrorCode,
  type DirectoryCommune,
  EnrolmentErrorCode,
  type FieldError,
  type CreateProcedureCommand,
  type UpdateProcedureCommand,
} from '@portail/contracts';
import { DomainException } from '@portail/service-kit';
import { formDefinitionErrors } from '../forms/form-definition';
import { withLinkedCommunes } from '../forms/residence';
import type { Procedure } from './procedure.entity';
import { procedureRuleErrors } from './procedure-rules';

type ProcedureFields = Omit<CreateProcedureCommand, 'municipalServiceId' | 'season'>;

/**
 * Applies the written fields to a procedure after checking what class-validator cannot see:
 * the form definition, the eligibility and grant, and the window. Throws one exception with
 * every problem, field by field. The communes the form's questions name are linked to the
 * directory's `communes`.
 */
export function applyProcedureFields(
  procedure: Procedure,
  fields: Partial<ProcedureFields> | UpdateProcedureCommand,
  communes: readonly DirectoryCommune[] = [],
): void {
  const errors: FieldError[] = [];
  if (fields.form !== undefined) errors.push(...formDefinitionErrors(fields.form));
  errors.push(
    ...procedureRuleErrors({
      requiredDocuments: fields.requiredDocuments,
      eligibility: fields.eligibility,
      grant: fields.grant,
    }),
  );
  const opensAt = fields.opensAt !== undefined ? new Date(fields.opensAt) : procedure.opensAt;
  const closesAt = fields.closesAt !== undefined ? new Date(fields.closesAt) : procedure.closesAt;
  if (opensAt && closesAt && closesAt <= opensAt) {
    errors.push({ field: 'closesAt', message: "La clôture doit suivre l'ouverture." });
  }
  const capacity = fields.capacity !== undefined ? fields.capacity : procedure.capacity;
  if (capacity != null && procedure.placesTaken > capacity) {
    errors.push({
      field: 'capacity',
      message: `${procedure.placesTaken} places sont déjà prises : la capacité ne peut pas être inférieure.`,
    });
  }
  const mode = fields.validationMode ?? procedure.validationMode;
  const grantKind = fields.grant?.kind ?? procedure.grant?.kind;
  if (mode === 'automatic' && grantKind === 'school-assignment') {
    errors.push({
      field: 'validationMode',
      message:
        "Une affectation scolaire demande une validation manuelle : l'agent choisit l'école.",
    });
  }
  if (errors.length) {
    const formProblem = errors.every((error) => error.field.startsWith('form'));
    throw new DomainException(
      formProblem ? EnrolmentErrorCode.INVALID_FORM_DEFINITION : CommonErrorCode.VALIDATION_FAILED,
      formProblem
        ? 'Le formulaire de la démarche est incohérent.'
        : 'La démarche comporte des erreurs.',
      { fields: errors },
    );
  }
  if (fields.title !== undefined) procedure.title = fields.title;
  if (fields.description !== undefined) procedure.description = fields.description;
  if (fields.form !== undefined) {
    procedure.form = withLinkedCommunes({ fields: fields.form.fields }, communes);
  }
  if (fields.requiredDocuments !== undefined) {
    procedure.requiredDocuments = fields.requiredDocuments.map((document) => ({
      documentType: document.documentType,
      required: document.required,
      help: document.help ?? null,
    }));
  }
  if (fields.eligibility !== undefined) {
    procedure.eligibility = {
      minAgeYears: fields.eligibility.minAgeYears ?? null,
      maxAgeYears: fields.eligibility.maxAgeYears ?? null,
      ageOn: fields.eligibility.ageOn ?? null,
      schoolLevels: fields.eligibility.schoolLevels ?? null,
      residence: fields.eligibility.residence ?? 'any',
    };
  }
  if (fields.grant !== undefined) {
    procedure.grant =
      fields.grant.kind === 'activity-booking'
        ? {
            kind: 'activity-booking',
            activityCode: fields.grant.activityCode ?? null,
            activityName: fields.grant.activityName?.trim() ?? null,
            billing: fields.grant.billing ?? 'post-billing',
          }
        : { kind: fields.grant.kind };
  }
  procedure.opensAt = opensAt;
  procedure.closesAt = closesAt;
  procedure.capacity = capacity ?? null;
  if (fields.validationMode !== undefined) procedure.validationMode = fields.validationMode;
  if (fields.status !== undefined) procedure.status = fields.status;
  procedure.updatedAt = new Date();
}

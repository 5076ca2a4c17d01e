import { DateTime } from 'luxon';
import type { AddressAnswer, ProcedureGrant, SchoolAssignment } from './enrolment.messages';

/**
 * Enrolment ("démarches"): procedures a municipal service opens for a season, applications
 * ("demandes") that families file for a child, the supporting documents ("pièces
 * justificatives") they upload once and reuse, and the school registration certificate. The
 * messages (commands, queries, replies) are declared in enrolment.messages.ts.
 */
export const EnrolmentSubjects = {
  /** Procedures open to families now (published, within their window), with places left. */
  proceduresListOpen: 'enrolment.procedures.list-open',
  proceduresGet: 'enrolment.procedures.get',
  /** Every procedure of the agent's services (all of them for an administrator). */
  proceduresListManaged: 'enrolment.procedures.list-managed',
  proceduresCreate: 'enrolment.procedures.create',
  proceduresUpdate: 'enrolment.procedures.update',
  /** Creates a draft, or updates it when `applicationId` is given (saved between steps). */
  applicationsSaveDraft: 'enrolment.applications.save-draft',
  /** Checks answers and documents against the procedure, then submits (or resubmits). */
  applicationsSubmit: 'enrolment.applications.submit',
  applicationsWithdraw: 'enrolment.applications.withdraw',
  /** The family's dashboard ("tableau de bord de vos demandes"). */
  applicationsListMine: 'enrolment.applications.list-mine',
  applicationsGet: 'enrolment.applications.get',
  /** Agents: the applications of their services, filtered and paginated. */
  applicationsList: 'enrolment.applications.list',
  applicationsDecide: 'enrolment.applications.decide',
  /** The school registration certificate (PDF, base64) of an accepted pre-registration. */
  applicationsCertificate: 'enrolment.applications.certificate',
  documentsUploadBegin: 'enrolment.documents.upload-begin',
  documentsUploadPart: 'enrolment.documents.upload-part',
  documentsUploadComplete: 'enrolment.documents.upload-complete',
  documentsList: 'enrolment.documents.list',
  documentsUpdate: 'enrolment.documents.update',
  documentsDelete: 'enrolment.documents.delete',
  /** One part of a document's bytes (base64), for the household or an entitled agent. */
  documentsDownloadPart: 'enrolment.documents.download-part',
  documentsGet: 'enrolment.documents.get',
} as const;

export enum EnrolmentErrorCode {
  PROCEDURE_NOT_FOUND = 'PROCEDURE_NOT_FOUND',
  /** Not open yet, or closed (details: opensAt, closesAt). */
  PROCEDURE_NOT_OPEN = 'PROCEDURE_NOT_OPEN',
  /** Every place of the procedure is taken. */
  PROCEDURE_FULL = 'PROCEDURE_FULL',
  /** An agent acting on a service that is not one of its own. */
  PROCEDURE_OUT_OF_SCOPE = 'PROCEDURE_OUT_OF_SCOPE',
  /** The form definition of a procedure is inconsistent (unknown field in a condition…). */
  INVALID_FORM_DEFINITION = 'INVALID_FORM_DEFINITION',
  APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
  /** The child already has an application for this procedure (details: applicationId). */
  DUPLICATE_APPLICATION = 'DUPLICATE_APPLICATION',
  /** The child does not meet the procedure's eligibility (age, school level, residence). */
  CHILD_NOT_ELIGIBLE = 'CHILD_NOT_ELIGIBLE',
  /** The action does not apply to the application's current status. */
  APPLICATION_STATUS_CONFLICT = 'APPLICATION_STATUS_CONFLICT',
  /** Answers or documents do not satisfy the form (details.fields lists each problem). */
  APPLICATION_INCOMPLETE = 'APPLICATION_INCOMPLETE',
  CERTIFICATE_NOT_AVAILABLE = 'CERTIFICATE_NOT_AVAILABLE',
  DOCUMENT_NOT_FOUND = 'DOCUMENT_NOT_FOUND',
  DOCUMENT_TYPE_NOT_ALLOWED = 'DOCUMENT_TYPE_NOT_ALLOWED',
  DOCUMENT_TOO_LARGE = 'DOCUMENT_TOO_LARGE',
  DOCUMENT_QUOTA_EXCEEDED = 'DOCUMENT_QUOTA_EXCEEDED',
  /** A document attached to a draft cannot be deleted (one an application sent relies on is kept). */
  DOCUMENT_IN_USE = 'DOCUMENT_IN_USE',
  UPLOAD_NOT_FOUND = 'UPLOAD_NOT_FOUND',
}

/** A school year / season of activities: `2026-2027` (1 September to 31 August). */
export const SEASON_PATTERN = /^(\d{4})-(\d{4})$/;

export function isSeason(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = SEASON_PATTERN.exec(value);
  return !!match && Number(match[2]) === Number(match[1]) + 1;
}

/** First and last day of a season (a school year runs from 1 September to 31 August). */
export function seasonBounds(season: string): { startsOn: string; endsOn: string } {
  const [first, second] = season.split('-');
  return { startsOn: `${first}-09-01`, endsOn: `${second}-08-31` };
}

/**
 * The first month (YYYY-MM) worth booking in a right valid from `validFrom` to `validUntil`:
 * the current month in Paris once the right has begun, its first month before, its last after.
 */
export function firstBookableMonth(validFrom: string, validUntil: string, now: Date): string {
  const current = DateTime.fromJSDate(now, { zone: 'Europe/Paris' }).toFormat('yyyy-MM');
  const first = validFrom.slice(0, 7);
  const last = validUntil.slice(0, 7);
  return current < first ? first : current > last ? last : current;
}

// ---------------------------------------------------------------------------------------------
// Supporting documents

export const DOCUMENT_TYPES = [
  'livret-de-famille',
  'carnet-de-sante',
  'justificatif-de-domicile',
  'attestation-caf',
  'avis-d-imposition',
  'attestation-assurance',
  'certificat-medical',
  'jugement-de-garde',
  'pai',
  'autre',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  'livret-de-famille': 'Livret de famille',
  'carnet-de-sante': 'Carnet de santé (vaccinations)',
  'justificatif-de-domicile': 'Justificatif de domicile de moins de 3 mois',
  'attestation-caf': 'Attestation CAF (quotient familial)',
  'avis-d-imposition': "Avis d'imposition",
  'attestation-assurance': "Attestation d'assurance responsabilité civile",
  'certificat-medical': 'Certificat médical',
  'jugement-de-garde': 'Jugement fixant la résidence de l’enfant',
  pai: "Projet d'accueil individualisé (PAI)",
  autre: 'Autre document',
};

/** Accepted upload types, recognised from the first bytes, never from the name. */
export const DOCUMENT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

/** Raw bytes per part of an upload or download (base64 makes it ~683 KiB on the wire). */
export const DOCUMENT_PART_BYTES = 512 * 1024;

// ---------------------------------------------------------------------------------------------
// Procedures and their forms

export const FORM_FIELD_TYPES = [
  'text',
  'number',
  'date',
  'single-choice',
  'multiple-choice',
  'yes-no',
  'child',
  'address',
  'consent',
] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/**
 * What a field means beyond its label, so that enrolment can act on its answer:
 * - `resides-in-commune` (yes-no, with the field's `commune`): "Résidez-vous à … ?"; the answer is
 *   checked against the household's communes of residence;
 * - `commune-of-residence` (address, or text holding a commune's name or INSEE code): where the
 *   child lives; the commune is linked to the directory and checked against the household's.
 * A contradiction is not refused: it is kept on the application as a residence discrepancy that
 * the agent sees (the derogation path), and an automatic procedure then waits for an agent.
 */
export const FIELD_SEMANTICS = ['resides-in-commune', 'commune-of-residence'] as const;
export type FieldSemantics = (typeof FIELD_SEMANTICS)[number];

/** The field types each meaning applies to. */
export const FIELD_SEMANTICS_TYPES: Record<FieldSemantics, readonly FormFieldType[]> = {
  'resides-in-commune': ['yes-no'],
  'commune-of-residence': ['address', 'text'],
};

/**
 * Fields of the child's record (identity) a form field may be prefilled from when a draft
 * starts; the family confirms or changes each prefilled answer before submitting:
 * `child.allergies` (yes-no: any allergy; text: the list), `child.pai` (yes-no: a PAI exists),
 * `child.pai-details` (text: the PAI's details).
 */
export const PREFILL_SOURCES = ['child.allergies', 'child.pai', 'child.pai-details'] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

/** The field types each source can fill. */
export const PREFILL_SOURCE_TYPES: Record<PrefillSource, readonly FormFieldType[]> = {
  'child.allergies': ['yes-no', 'text'],
  'child.pai': ['yes-no'],
  'child.pai-details': ['text'],
};

export type AnswerValue = string | number | boolean | string[] | AddressAnswer;
export type Answers = Record<string, AnswerValue | null>;

export const RESIDENCE_RULES = ['any', 'organisation'] as const;
/** `organisation`: a guardian lives in a commune of the procedure's organisation. */
export type ResidenceRule = (typeof RESIDENCE_RULES)[number];

export const VALIDATION_MODES = ['automatic', 'manual'] as const;
export type ValidationMode = (typeof VALIDATION_MODES)[number];

export const GRANT_KINDS = ['activity-booking', 'school-assignment', 'none'] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];

export const PROCEDURE_STATUSES = ['draft', 'published', 'archived'] as const;
export type ProcedureStatus = (typeof PROCEDURE_STATUSES)[number];

// ---------------------------------------------------------------------------------------------
// Applications

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'information-requested',
  'accepted',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: 'Brouillon',
  submitted: 'En cours d’instruction',
  'information-requested': 'Compléments demandés',
  accepted: 'Acceptée',
  rejected: 'Refusée',
  withdrawn: 'Retirée',
};

export const NEXT_ACTIONS = [
  'complete-and-submit',
  'wait-for-review',
  'provide-information',
  'book',
  'download-certificate',
  'none',
] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];

export const DECISIONS = ['accept', 'reject', 'request-information'] as const;
export type Decision = (typeof DECISIONS)[number];

// ---------------------------------------------------------------------------------------------
// Events

/** What every application event carries, so consumers need not ask enrolment. */
export interface ApplicationEventBase {
  applicationId: string;
  reference: string;
  procedureId: string;
  procedureTitle: string;
  organisationId: string;
  organisationName: string;
  municipalServiceId: string;
  municipalServiceName: string;
  season: string;
  householdId: string;
  child: { id: string; firstName: string; lastName: string };
  /** The family accounts of the household, to notify. */
  recipients: Array<{ accountId: string; email: string; firstName: string }>;
}

export interface ApplicationSubmitted extends ApplicationEventBase {
  validationMode: ValidationMode;
  /** True when the family answered an information request. */
  resubmission: boolean;
  filedBy: { kind: 'family' | 'agent'; accountId: string };
}

export interface ApplicationAccepted extends ApplicationEventBase {
  grant: ProcedureGrant;
  /** The season's first and last day: the booking right's validity. */
  validFrom: string;
  validUntil: string;
  schoolAssignment: SchoolAssignment | null;
  automatic: boolean;
  /** The agent's note to the family, if any (optional: older events lack it). */
  message?: string | null;
}

export interface ApplicationRejected extends ApplicationEventBase {
  reason: string;
}

export interface ApplicationInformationRequested extends ApplicationEventBase {
  message: string;
}

export interface ApplicationWithdrawn extends ApplicationEventBase {
  reason: string | null;
  /** What was withdrawn: an accepted place frees a place (optional: older events lack it). */
  previousStatus?: 'submitted' | 'information-requested' | 'accepted';
}

declare module './events' {
  interface EventPayloads {
    'enrolment.application.submitted': ApplicationSubmitted;
    'enrolment.application.accepted': ApplicationAccepted;
    'enrolment.application.rejected': ApplicationRejected;
    'enrolment.application.information-requested': ApplicationInformationRequested;
    'enrolment.application.withdrawn': ApplicationWithdrawn;
  }
}

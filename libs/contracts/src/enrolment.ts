import type { SchoolLevel } from './identity/households';

/**
 * Enrolment ("démarches"): procedures a municipal service opens for a season, applications
 * ("demandes") that families file for a child, the supporting documents ("pièces
 * justificatives") they upload once and reuse, and the school registration certificate.
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
  /** A document attached to an application that is not finished cannot be deleted. */
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

export interface DocumentView {
  id: string;
  householdId: string;
  documentType: DocumentType;
  documentTypeLabel: string;
  label: string;
  fileName: string;
  contentType: DocumentContentType;
  size: number;
  sha256: string;
  /** Last day the document is valid (e.g. a proof of address), when it expires. */
  validUntil: string | null;
  /** Whether `validUntil` is past, in Europe/Paris. */
  expired: boolean;
  /** Applications that reference it (a document in use by an open one cannot be deleted). */
  usedBy: string[];
  uploadedAt: string;
}

export interface DocumentsPage {
  items: DocumentView[];
  /** Bytes stored by the household and its quota. */
  usedBytes: number;
  quotaBytes: number;
}

/** Starts an upload; the bytes follow in parts (a NATS message is bounded to ~1 MiB). */
export interface BeginDocumentUploadCommand {
  /** For an agent filing on a family's behalf; families upload to their own household. */
  householdId?: string;
  documentType: DocumentType;
  label?: string | null;
  fileName: string;
  validUntil?: string | null;
  size: number;
}

export interface DocumentUploadRef {
  uploadId: string;
}

export interface DocumentUploadPartCommand extends DocumentUploadRef {
  /** 0-based, consecutive. */
  index: number;
  contentBase64: string;
}

export interface UpdateDocumentCommand {
  id: string;
  documentType?: DocumentType;
  label?: string;
  validUntil?: string | null;
}

export interface DocumentRef {
  id: string;
}

export interface DownloadDocumentPartQuery extends DocumentRef {
  index: number;
}

export interface DocumentPart {
  id: string;
  fileName: string;
  contentType: DocumentContentType;
  size: number;
  index: number;
  /** Number of parts of the whole document. */
  parts: number;
  contentBase64: string;
}

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

export interface FormFieldOption {
  value: string;
  label: string;
}

/** Shows a field only when another field's answer equals one of the values. */
export interface FieldCondition {
  field: string;
  equals: Array<string | number | boolean>;
}

export interface FormField {
  /** Key of the answer, e.g. `allergies` (letters, digits, hyphens). */
  key: string;
  type: FormFieldType;
  label: string;
  help?: string | null;
  required: boolean;
  /** single-choice, multiple-choice. */
  options?: FormFieldOption[];
  /** number: bounds of the value; text: of the length; multiple-choice: of the selection. */
  min?: number | null;
  max?: number | null;
  /** date: earliest and latest accepted (YYYY-MM-DD). */
  minDate?: string | null;
  maxDate?: string | null;
  /** text: a regular expression the whole answer must match, and the message if not. */
  pattern?: string | null;
  patternMessage?: string | null;
  visibleWhen?: FieldCondition | null;
}

export interface FormDefinition {
  fields: FormField[];
}

export interface AddressAnswer {
  line1: string;
  line2?: string | null;
  postalCode: string;
  city: string;
}

export type AnswerValue = string | number | boolean | string[] | AddressAnswer;
export type Answers = Record<string, AnswerValue | null>;

export interface RequiredDocument {
  documentType: DocumentType;
  required: boolean;
  /** What the family should provide, when the type alone is not enough. */
  help?: string | null;
}

export const RESIDENCE_RULES = ['any', 'organisation'] as const;
/** `organisation`: a guardian lives in a commune of the procedure's organisation. */
export type ResidenceRule = (typeof RESIDENCE_RULES)[number];

export interface Eligibility {
  /** Age in whole years on `ageOn` (default: the first day of the season). */
  minAgeYears?: number | null;
  maxAgeYears?: number | null;
  ageOn?: string | null;
  /** Class levels admitted (any when absent or empty). */
  schoolLevels?: SchoolLevel[] | null;
  residence?: ResidenceRule;
}

export const VALIDATION_MODES = ['automatic', 'manual'] as const;
export type ValidationMode = (typeof VALIDATION_MODES)[number];

export const GRANT_KINDS = ['activity-booking', 'school-assignment', 'none'] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];

/** What an accepted application gives the child. */
export interface ProcedureGrant {
  kind: GrantKind;
  /** activity-booking: the activity the child may then book for the season (reservation). */
  activityCode?: string | null;
  activityName?: string | null;
  /** activity-booking: billed at booking ("pré-facturation") or at month end. */
  billing?: 'pre-billing' | 'post-billing' | null;
}

export const PROCEDURE_STATUSES = ['draft', 'published', 'archived'] as const;
export type ProcedureStatus = (typeof PROCEDURE_STATUSES)[number];

export interface ProcedureView {
  id: string;
  organisationId: string;
  organisationName: string;
  municipalServiceId: string;
  municipalServiceName: string;
  season: string;
  title: string;
  /** Step 1: what the family must know before starting (plain text, paragraphs). */
  description: string;
  form: FormDefinition;
  requiredDocuments: RequiredDocument[];
  eligibility: Eligibility;
  opensAt: string;
  closesAt: string;
  /** Places; null when unlimited. */
  capacity: number | null;
  /** Places left (null when unlimited). */
  placesLeft: number | null;
  validationMode: ValidationMode;
  grant: ProcedureGrant;
  status: ProcedureStatus;
  /** Open to families right now. */
  open: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ProcedureSummaryView {
  id: string;
  organisationId: string;
  organisationName: string;
  municipalServiceId: string;
  municipalServiceName: string;
  season: string;
  title: string;
  opensAt: string;
  closesAt: string;
  capacity: number | null;
  placesLeft: number | null;
  validationMode: ValidationMode;
  grantKind: GrantKind;
  status: ProcedureStatus;
  open: boolean;
}

export interface ListOpenProceduresQuery {
  organisationId?: string;
  municipalServiceId?: string;
  season?: string;
}

export interface ListManagedProceduresQuery {
  municipalServiceId?: string;
  season?: string;
  status?: ProcedureStatus;
}

export interface CreateProcedureCommand {
  municipalServiceId: string;
  season: string;
  title: string;
  description: string;
  form: FormDefinition;
  requiredDocuments: RequiredDocument[];
  eligibility: Eligibility;
  opensAt: string;
  closesAt: string;
  capacity?: number | null;
  validationMode: ValidationMode;
  grant: ProcedureGrant;
  status?: ProcedureStatus;
}

export type UpdateProcedureCommand = { id: string } & Partial<
  Omit<CreateProcedureCommand, 'municipalServiceId' | 'season'>
>;

export interface ProcedureRef {
  id: string;
}

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

export interface ApplicationChild {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  schoolLevel: SchoolLevel | null;
}

export interface AttachedDocument {
  documentType: DocumentType;
  /** Null once the family deleted the document (a finished application keeps its trace). */
  documentId: string | null;
  fileName: string;
  contentType: DocumentContentType;
  size: number;
}

export interface SchoolAssignment {
  schoolId: string;
  schoolName: string;
  /** One line: street, postal code and city. */
  schoolAddress: string;
}

/** Step 3, the "récapitulatif": each visible answer as the family would read it. */
export interface SummaryLine {
  label: string;
  value: string;
}

export interface ApplicationHistoryEntry {
  status: ApplicationStatus;
  at: string;
  actor: { kind: 'family' | 'agent' | 'admin' | 'system'; accountId: string | null };
  /** Reason of a refusal, message of an information request, note of a decision. */
  message: string | null;
}

export interface ApplicationView {
  id: string;
  /** Short reference a family can quote on the phone, e.g. `D-2026-000123`. */
  reference: string;
  procedureId: string;
  procedureTitle: string;
  organisationId: string;
  organisationName: string;
  municipalServiceId: string;
  municipalServiceName: string;
  season: string;
  householdId: string;
  child: ApplicationChild;
  status: ApplicationStatus;
  statusLabel: string;
  nextAction: NextAction;
  nextActionLabel: string;
  answers: Answers;
  documents: AttachedDocument[];
  summary: SummaryLine[];
  /** The last refusal reason or information request, for the family to read. */
  message: string | null;
  schoolAssignment: SchoolAssignment | null;
  grant: ProcedureGrant;
  filedBy: { kind: 'family' | 'agent'; accountId: string };
  submittedAt: string | null;
  decidedAt: string | null;
  createdAt: string;
  updatedAt: string;
  history: ApplicationHistoryEntry[];
}

export type ApplicationListItem = Omit<
  ApplicationView,
  'answers' | 'documents' | 'summary' | 'history' | 'grant'
>;

export interface ApplicationsPage {
  items: ApplicationListItem[];
  page: number;
  pageSize: number;
  total: number;
}

export interface SaveDraftCommand {
  /** Absent to start a draft. */
  applicationId?: string;
  procedureId?: string;
  childId?: string;
  /** An agent filing at the counter on a family's behalf names the household. */
  householdId?: string;
  /** Merged into the saved answers (null removes an answer). */
  answers?: Answers;
  /** The documents to attach, replacing the previous selection. */
  documents?: Array<{ documentType: DocumentType; documentId: string }>;
}

export interface ApplicationRef {
  applicationId: string;
}

export interface WithdrawApplicationCommand extends ApplicationRef {
  reason?: string | null;
}

export interface ListMyApplicationsQuery {
  status?: ApplicationStatus;
  season?: string;
  page?: number;
  pageSize?: number;
}

export interface ListApplicationsQuery {
  status?: ApplicationStatus;
  procedureId?: string;
  municipalServiceId?: string;
  season?: string;
  childId?: string;
  householdId?: string;
  /** Part of the child's first or last name (accents and case ignored). */
  childName?: string;
  /** Submission date bounds (YYYY-MM-DD, Europe/Paris, inclusive). */
  submittedFrom?: string;
  submittedTo?: string;
  page?: number;
  pageSize?: number;
}

export const DECISIONS = ['accept', 'reject', 'request-information'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface DecideApplicationCommand extends ApplicationRef {
  decision: Decision;
  /** Required to reject (the reason) and to request information (what is missing). */
  message?: string | null;
  /** Required to accept a school pre-registration: a school of the procedure's organisation. */
  schoolId?: string | null;
}

export interface CertificateView {
  fileName: string;
  contentType: 'application/pdf';
  contentBase64: string;
}

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
}

export interface ApplicationRejected extends ApplicationEventBase {
  reason: string;
}

export interface ApplicationInformationRequested extends ApplicationEventBase {
  message: string;
}

export interface ApplicationWithdrawn extends ApplicationEventBase {
  reason: string | null;
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

import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateBy } from 'class-validator';
import {
  APPLICATION_STATUSES,
  DECISIONS,
  DOCUMENT_CONTENT_TYPES,
  DOCUMENT_TYPES,
  NEXT_ACTIONS,
  SCHOOL_LEVELS,
  type AddressAnswer,
  type ApplicationChild,
  type ApplicationHistoryEntry,
  type ApplicationListItem,
  type ApplicationsPage,
  type ApplicationStatus,
  type ApplicationView,
  type Answers,
  type AttachedDocument,
  type DecideApplicationCommand,
  type Decision,
  type DocumentContentType,
  type DocumentType,
  type ListApplicationsQuery,
  type ListMyApplicationsQuery,
  type NextAction,
  type SaveDraftCommand,
  type SchoolAssignment,
  type SchoolLevel,
  type SummaryLine,
  type WithdrawApplicationCommand,
} from '@portail/contracts';
import { OptionalText } from '@portail/validation';
import {
  IsCalendarDay,
  IsSeason,
  NestedArray,
  PROCEDURE_MESSAGE,
  SERVICE_MESSAGE,
} from './enrolment.dto';
import { ProcedureGrantDto } from './procedure.dto';

export const MAX_APPLICATIONS_PAGE_SIZE = 100;
const STATUS_MESSAGE = `Le statut doit être l'un de : ${APPLICATION_STATUSES.join(', ')}.`;
const CHILD_MESSAGE = "L'identifiant de l'enfant doit être un UUID.";
const HOUSEHOLD_MESSAGE = "L'identifiant du foyer doit être un UUID.";
const ANSWERS_MESSAGE = 'Les réponses doivent être un objet { question: réponse }.';
const ANSWER_MESSAGE =
  'Chaque réponse doit être un texte, un nombre, un booléen, une liste de textes, une adresse ou null (pour l’effacer).';
const MAX_ANSWERS = 200;

// Answers: free keys (those of the procedure's form), checked against it by the service

export class AddressAnswerDto implements AddressAnswer {
  @ApiProperty({ example: '12 rue de Paris' }) line1!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) line2?: string | null;
  @ApiProperty({ example: '03200' }) postalCode!: string;
  @ApiProperty({ example: 'Vichy' }) city!: string;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One answer has the JSON shape of some field type; whether it suits its field is the service's check. */
function isAnswerShape(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => typeof item === 'string');
  return (
    isJsonObject(value) &&
    Object.values(value).every((part) => part === null || typeof part === 'string')
  );
}

function IsAnswers(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAnswers',
      validator: {
        validate: (value) =>
          isJsonObject(value) &&
          Object.keys(value).length <= MAX_ANSWERS &&
          Object.values(value).every(isAnswerShape),
        defaultMessage: (args) =>
          isJsonObject(args?.value)
            ? Object.keys(args.value).length > MAX_ANSWERS
              ? `Une demande compte ${MAX_ANSWERS} réponses au plus.`
              : ANSWER_MESSAGE
            : ANSWERS_MESSAGE,
      },
    },
    {},
  );
}

const ANSWER_SCHEMA = {
  nullable: true,
  oneOf: [
    { type: 'string', description: 'text, date (YYYY-MM-DD), single-choice value, child id' },
    { type: 'number' },
    { type: 'boolean', description: 'yes-no, consent' },
    { type: 'array', items: { type: 'string' }, description: 'multiple-choice values' },
    { $ref: getSchemaPath(AddressAnswerDto) },
  ],
};

const ANSWERS_DESCRIPTION =
  "Answers by field key of the procedure's form. A text, date, single choice or child id is a string; a number a number; yes-no and consent a boolean; a multiple choice a list of values; an address an object.";

// Queries

class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La page doit être un entier.' })
  @Min(1, { message: 'La page commence à 1.' })
  @Max(100_000, { message: 'La page ne doit pas dépasser 100000.' })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_APPLICATIONS_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La taille de page doit être un entier.' })
  @Min(1, { message: 'La taille de page est au moins 1.' })
  @Max(MAX_APPLICATIONS_PAGE_SIZE, {
    message: `La taille de page ne doit pas dépasser ${MAX_APPLICATIONS_PAGE_SIZE}.`,
  })
  pageSize?: number;
}

export class ListMyApplicationsQueryDto extends PageQueryDto implements ListMyApplicationsQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES, { message: STATUS_MESSAGE })
  status?: ApplicationStatus;

  @ApiPropertyOptional({ example: '2026-2027', pattern: '^\\d{4}-\\d{4}$' })
  @IsOptional()
  @IsSeason()
  season?: string;
}

export class ListApplicationsQueryDto extends PageQueryDto implements ListApplicationsQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES, { message: STATUS_MESSAGE })
  status?: ApplicationStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: PROCEDURE_MESSAGE })
  procedureId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One of your services' })
  @IsOptional()
  @IsUUID('all', { message: SERVICE_MESSAGE })
  municipalServiceId?: string;

  @ApiPropertyOptional({ example: '2026-2027', pattern: '^\\d{4}-\\d{4}$' })
  @IsOptional()
  @IsSeason()
  season?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: CHILD_MESSAGE })
  childId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: HOUSEHOLD_MESSAGE })
  householdId?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    description: "Child's first or last name, starting with (accents ignored)",
    example: 'Leo',
  })
  @OptionalText("Le nom de l'enfant", 100)
  childName?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Submitted on or after this day (Europe/Paris)',
  })
  @IsOptional()
  @IsCalendarDay('La date de début doit être une date AAAA-MM-JJ.')
  submittedFrom?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Submitted on or before this day (Europe/Paris)',
  })
  @IsOptional()
  @IsCalendarDay('La date de fin doit être une date AAAA-MM-JJ.')
  submittedTo?: string;
}

// Commands

export class DocumentChoiceDto {
  @ApiProperty({ enum: DOCUMENT_TYPES, description: 'A document type the procedure asks for' })
  @IsIn(DOCUMENT_TYPES, {
    message: `Le type de pièce doit être l'un de : ${DOCUMENT_TYPES.join(', ')}.`,
  })
  documentType!: DocumentType;

  @ApiProperty({ format: 'uuid', description: "A document of the household's storage" })
  @IsUUID('all', { message: "L'identifiant du document doit être un UUID." })
  documentId!: string;
}

/** Step 2 of a draft: answers merged into those saved, documents replacing the selection. */
export class UpdateApplicationDto implements Pick<SaveDraftCommand, 'answers' | 'documents'> {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: ANSWER_SCHEMA,
    description: `${ANSWERS_DESCRIPTION} Merged into the saved answers; null removes one.`,
    example: { allergies: true, 'allergies-detail': 'Arachides', regime: 'sans-porc' },
  })
  @IsOptional()
  @IsAnswers()
  answers?: Answers;

  @ApiPropertyOptional({
    type: [DocumentChoiceDto],
    maxItems: 30,
    description: 'The supporting documents to attach; replaces the previous selection',
  })
  @IsOptional()
  @NestedArray(
    () => DocumentChoiceDto,
    "Les pièces jointes doivent être une liste d'objets { documentType, documentId }.",
    30,
    'Une demande compte 30 pièces jointes au plus.',
  )
  documents?: DocumentChoiceDto[];
}

export class StartApplicationDto extends UpdateApplicationDto {
  @ApiProperty({ format: 'uuid', description: 'An open procedure' })
  @IsUUID('all', { message: PROCEDURE_MESSAGE })
  procedureId!: string;

  @ApiProperty({ format: 'uuid', description: 'A child of the household' })
  @IsUUID('all', { message: CHILD_MESSAGE })
  childId!: string;
}

/** At the counter, an agent files for a family: it names the household. */
export class StartApplicationForHouseholdDto extends StartApplicationDto {
  @ApiProperty({ format: 'uuid', description: 'The family’s household' })
  @IsUUID('all', { message: HOUSEHOLD_MESSAGE })
  householdId!: string;
}

export class WithdrawApplicationDto implements Omit<WithdrawApplicationCommand, 'applicationId'> {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 })
  @OptionalText('Le motif', 1000)
  reason?: string | null;
}

export class DecideApplicationDto implements Omit<DecideApplicationCommand, 'applicationId'> {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS, { message: 'La décision est accept, reject ou request-information.' })
  decision!: Decision;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2000,
    description:
      'Required to reject (the reason) and to request information (what is missing); the family reads it',
  })
  @OptionalText('Le message', 2000)
  message?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      "Required to accept a school pre-registration: a school of the procedure's organisation",
  })
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de l'école doit être un UUID." })
  schoolId?: string | null;
}

// Views

export class ApplicationChildDto implements ApplicationChild {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Léo' }) firstName!: string;
  @ApiProperty({ example: 'MARTIN' }) lastName!: string;
  @ApiProperty({ format: 'date' }) birthDate!: string;
  @ApiProperty({ enum: SCHOOL_LEVELS, nullable: true }) schoolLevel!: SchoolLevel | null;
}

export class AttachedDocumentDto implements AttachedDocument {
  @ApiProperty({ enum: DOCUMENT_TYPES }) documentType!: DocumentType;
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty({ example: 'livret-de-famille.pdf' }) fileName!: string;
  @ApiProperty({ enum: DOCUMENT_CONTENT_TYPES }) contentType!: DocumentContentType;
  @ApiProperty({ description: 'Bytes' }) size!: number;
}

export class SchoolAssignmentDto implements SchoolAssignment {
  @ApiProperty({ format: 'uuid' }) schoolId!: string;
  @ApiProperty({ example: 'École élémentaire Jean Zay' }) schoolName!: string;
  @ApiProperty({ example: 'Rue de la Perche, 03200 Vichy' }) schoolAddress!: string;
}

export class SummaryLineDto implements SummaryLine {
  @ApiProperty({ example: 'Votre enfant a-t-il des allergies alimentaires ?' }) label!: string;
  @ApiProperty({ example: 'Oui' }) value!: string;
}

export class HistoryActorDto {
  @ApiProperty({ enum: ['family', 'agent', 'admin', 'system'] })
  kind!: 'family' | 'agent' | 'admin' | 'system';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) accountId!: string | null;
}

export class ApplicationHistoryEntryDto implements ApplicationHistoryEntry {
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: ApplicationStatus;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: HistoryActorDto }) actor!: HistoryActorDto;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Reason of a refusal, message of an information request, note of a decision',
  })
  message!: string | null;
}

export class FiledByDto {
  @ApiProperty({ enum: ['family', 'agent'], description: 'agent: filed at the counter' })
  kind!: 'family' | 'agent';
  @ApiProperty({ format: 'uuid' }) accountId!: string;
}

export class ApplicationListItemDto implements ApplicationListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'D-2026-000123', description: 'Reference to quote on the phone' })
  reference!: string;
  @ApiProperty({ format: 'uuid' }) procedureId!: string;
  @ApiProperty() procedureTitle!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ format: 'uuid' }) municipalServiceId!: string;
  @ApiProperty() municipalServiceName!: string;
  @ApiProperty({ example: '2026-2027' }) season!: string;
  @ApiProperty({ format: 'uuid' }) householdId!: string;
  @ApiProperty({ type: ApplicationChildDto }) child!: ApplicationChildDto;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: ApplicationStatus;
  @ApiProperty({ example: 'En cours d’instruction' }) statusLabel!: string;
  @ApiProperty({ enum: NEXT_ACTIONS }) nextAction!: NextAction;
  @ApiProperty({ example: 'Votre demande est en cours d’instruction par le service' })
  nextActionLabel!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The last refusal reason or information request, for the family to read',
  })
  message!: string | null;
  @ApiProperty({ type: SchoolAssignmentDto, nullable: true })
  schoolAssignment!: SchoolAssignmentDto | null;
  @ApiProperty({ type: FiledByDto }) filedBy!: FiledByDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ApplicationDto extends ApplicationListItemDto implements ApplicationView {
  @ApiProperty({
    type: 'object',
    additionalProperties: ANSWER_SCHEMA,
    description: `${ANSWERS_DESCRIPTION} Only the answers of fields shown.`,
  })
  answers!: Answers;
  @ApiProperty({ type: [AttachedDocumentDto] }) documents!: AttachedDocumentDto[];
  @ApiProperty({
    type: [SummaryLineDto],
    description: 'Step 3, the "récapitulatif": each answer as the family reads it',
  })
  summary!: SummaryLineDto[];
  @ApiProperty({ type: ProcedureGrantDto, description: 'What acceptance gives the child' })
  grant!: ProcedureGrantDto;
  @ApiProperty({ type: [ApplicationHistoryEntryDto], description: 'Oldest first' })
  history!: ApplicationHistoryEntryDto[];
}

export class ApplicationsPageDto implements ApplicationsPage {
  @ApiProperty({ type: [ApplicationListItemDto] }) items!: ApplicationListItemDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

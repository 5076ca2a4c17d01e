import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Max,
  Min,
  Validate,
  ValidateNested,
} from 'class-validator';
import {
  APPLICATION_STATUSES,
  DECISIONS,
  DOCUMENT_TYPES,
  isCalendarDate,
  isSeason,
  type Answers,
  type ApplicationStatus,
  type DecideApplicationCommand,
  type Decision,
  type DocumentType,
  type ListApplicationsQuery,
  type ListMyApplicationsQuery,
  type SaveDraftCommand,
  type WithdrawApplicationCommand,
} from '@portail/contracts';
import { OptionalText } from '@portail/validation';

export const MAX_APPLICATIONS_PAGE_SIZE = 100;
const APPLICATION_MESSAGE = "L'identifiant de la demande doit être un UUID.";

class SeasonConstraint {
  validate(value: unknown): boolean {
    return isSeason(value);
  }
}

class CalendarDateConstraint {
  validate(value: unknown): boolean {
    return isCalendarDate(value);
  }
}

export class ApplicationIdDto {
  @IsUUID('all', { message: APPLICATION_MESSAGE })
  applicationId!: string;
}

export class DocumentChoiceDto {
  @IsIn(DOCUMENT_TYPES, {
    message: `Le type de pièce doit être l'un de : ${DOCUMENT_TYPES.join(', ')}.`,
  })
  documentType!: DocumentType;

  @IsUUID('all', { message: "L'identifiant du document doit être un UUID." })
  documentId!: string;
}

export class SaveDraftDto implements SaveDraftCommand {
  @IsOptional()
  @IsUUID('all', { message: APPLICATION_MESSAGE })
  applicationId?: string;

  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de la démarche doit être un UUID." })
  procedureId?: string;

  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de l'enfant doit être un UUID." })
  childId?: string;

  @IsOptional()
  @IsUUID('all', { message: "L'identifiant du foyer doit être un UUID." })
  householdId?: string;

  /** Checked against the procedure's form by the domain rules. */
  @IsOptional()
  @IsObject({ message: 'Les réponses doivent être un objet { question: réponse }.' })
  answers?: Answers;

  @IsOptional()
  @IsArray({ message: 'Les pièces jointes doivent être une liste.' })
  @ArrayMaxSize(30, { message: 'Une demande compte 30 pièces jointes au plus.' })
  @ValidateNested({ each: true })
  @Type(() => DocumentChoiceDto)
  documents?: DocumentChoiceDto[];
}

export class WithdrawApplicationDto implements WithdrawApplicationCommand {
  @IsUUID('all', { message: APPLICATION_MESSAGE })
  applicationId!: string;

  @OptionalText('Le motif', 1000)
  reason?: string | null;
}

export class DecideApplicationDto implements DecideApplicationCommand {
  @IsUUID('all', { message: APPLICATION_MESSAGE })
  applicationId!: string;

  @IsIn(DECISIONS, { message: 'La décision est accept, reject ou request-information.' })
  decision!: Decision;

  @OptionalText('Le message', 2000)
  message?: string | null;

  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de l'école doit être un UUID." })
  schoolId?: string | null;
}

class PageDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La page doit être un entier.' })
  @Min(1, { message: 'La page commence à 1.' })
  @Max(100_000, { message: 'La page ne doit pas dépasser 100000.' })
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La taille de page doit être un entier.' })
  @Min(1, { message: 'La taille de page est au moins 1.' })
  @Max(MAX_APPLICATIONS_PAGE_SIZE, {
    message: `La taille de page ne doit pas dépasser ${MAX_APPLICATIONS_PAGE_SIZE}.`,
  })
  pageSize?: number;
}

const STATUS_MESSAGE = `Le statut doit être l'un de : ${APPLICATION_STATUSES.join(', ')}.`;

export class ListMyApplicationsDto extends PageDto implements ListMyApplicationsQuery {
  @IsOptional()
  @IsIn(APPLICATION_STATUSES, { message: STATUS_MESSAGE })
  status?: ApplicationStatus;

  @IsOptional()
  @Validate(SeasonConstraint, { message: 'La saison doit être de la forme 2026-2027.' })
  season?: string;
}

export class ListApplicationsDto extends PageDto implements ListApplicationsQuery {
  @IsOptional()
  @IsIn(APPLICATION_STATUSES, { message: STATUS_MESSAGE })
  status?: ApplicationStatus;

  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de la démarche doit être un UUID." })
  procedureId?: string;

  @IsOptional()
  @IsUUID('all', { message: "L'identifiant du service municipal doit être un UUID." })
  municipalServiceId?: string;

  @IsOptional()
  @Validate(SeasonConstraint, { message: 'La saison doit être de la forme 2026-2027.' })
  season?: string;

  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de l'enfant doit être un UUID." })
  childId?: string;

  @IsOptional()
  @IsUUID('all', { message: "L'identifiant du foyer doit être un UUID." })
  householdId?: string;

  @OptionalText("Le nom de l'enfant", 100)
  childName?: string;

  @IsOptional()
  @Validate(CalendarDateConstraint, { message: 'La date de début doit être une date AAAA-MM-JJ.' })
  submittedFrom?: string;

  @IsOptional()
  @Validate(CalendarDateConstraint, { message: 'La date de fin doit être une date AAAA-MM-JJ.' })
  submittedTo?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  DOCUMENT_TYPES,
  GRANT_KINDS,
  PROCEDURE_STATUSES,
  RESIDENCE_RULES,
  SCHOOL_LEVELS,
  VALIDATION_MODES,
  type CreateProcedureCommand,
  type DocumentType,
  type Eligibility,
  type GrantKind,
  type ListManagedProceduresQuery,
  type ListOpenProceduresQuery,
  type ProcedureGrant,
  type ProcedureStatus,
  type ProcedureSummaryView,
  type ProcedureView,
  type RequiredDocument,
  type ResidenceRule,
  type SchoolLevel,
  type UpdateProcedureCommand,
  type ValidationMode,
} from '@portail/contracts';
import { RequiredText } from '@portail/validation';
import {
  IsCalendarDay,
  IsSeason,
  NestedArray,
  NestedObject,
  PRESENT,
  SERVICE_MESSAGE,
} from './enrolment.dto';
import { FormDefinitionDto } from './form-definition.dto';

const MODE_MESSAGE = 'Le mode de validation est automatic ou manual.';
const STATUS_MESSAGE = 'Le statut est draft, published ou archived.';
const FORM_MESSAGE = 'Le formulaire doit être un objet { fields: [...] }.';
const DOCUMENTS_MESSAGE =
  'Les pièces demandées doivent être une liste d’objets { documentType, required }.';
const DOCUMENTS_MAX_MESSAGE = 'Les pièces demandées sont une liste de 20 types au plus.';
const ELIGIBILITY_MESSAGE = "Les conditions d'accès doivent être un objet.";
const GRANT_MESSAGE = "Ce que donne l'acceptation doit être un objet { kind, ... }.";
const AGE_MESSAGE = "L'âge est un nombre entier d'années entre 0 et 25.";
const CAPACITY_SET = (_object: object, value: unknown) => value !== undefined && value !== null;
const ACTIVITY_CODE = /^[a-z0-9][a-z0-9-]{1,62}$/;
const isActivityBooking = (grant: ProcedureGrantDto) => grant.kind === 'activity-booking';

// Queries

export class ListOpenProceduresQueryDto implements ListOpenProceduresQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'One organisation (a commune or the agglomeration)',
  })
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: SERVICE_MESSAGE })
  municipalServiceId?: string;

  @ApiPropertyOptional({ example: '2026-2027', pattern: '^\\d{4}-\\d{4}$' })
  @IsOptional()
  @IsSeason()
  season?: string;
}

export class ListManagedProceduresQueryDto implements ListManagedProceduresQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'One of your services' })
  @IsOptional()
  @IsUUID('all', { message: SERVICE_MESSAGE })
  municipalServiceId?: string;

  @ApiPropertyOptional({ example: '2026-2027', pattern: '^\\d{4}-\\d{4}$' })
  @IsOptional()
  @IsSeason()
  season?: string;

  @ApiPropertyOptional({ enum: PROCEDURE_STATUSES })
  @IsOptional()
  @IsIn(PROCEDURE_STATUSES, { message: STATUS_MESSAGE })
  status?: ProcedureStatus;
}

// Parts of a procedure (written by agents, read by everyone)

export class RequiredDocumentDto implements RequiredDocument {
  @ApiProperty({ enum: DOCUMENT_TYPES })
  @IsIn(DOCUMENT_TYPES, {
    message: `Le type de pièce doit être l'un de : ${DOCUMENT_TYPES.join(', ')}.`,
  })
  documentType!: DocumentType;

  @ApiProperty({ description: 'Needed to submit; otherwise offered' })
  @IsBoolean({ message: 'required doit valoir true ou false.' })
  required!: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 500,
    description: 'What the family should provide, when the type alone is not enough',
  })
  @IsOptional()
  @IsString({ message: "L'aide est un texte de 500 caractères au plus." })
  @MaxLength(500, { message: "L'aide est un texte de 500 caractères au plus." })
  help?: string | null;
}

export class EligibilityDto implements Eligibility {
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 25 })
  @IsOptional()
  @IsInt({ message: AGE_MESSAGE })
  @Min(0, { message: AGE_MESSAGE })
  @Max(25, { message: AGE_MESSAGE })
  minAgeYears?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 25 })
  @IsOptional()
  @IsInt({ message: AGE_MESSAGE })
  @Min(0, { message: AGE_MESSAGE })
  @Max(25, { message: AGE_MESSAGE })
  maxAgeYears?: number | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Day the age is reckoned on (default: the first day of the season, 1 September)',
  })
  @IsOptional()
  @IsCalendarDay('La date de référence de l’âge doit être une date AAAA-MM-JJ.')
  ageOn?: string | null;

  @ApiPropertyOptional({
    enum: SCHOOL_LEVELS,
    isArray: true,
    nullable: true,
    description: 'Class levels admitted; any when absent or empty',
  })
  @IsOptional()
  @IsArray({ message: `Les niveaux doivent être parmi : ${SCHOOL_LEVELS.join(', ')}.` })
  @IsIn(SCHOOL_LEVELS, {
    each: true,
    message: `Les niveaux doivent être parmi : ${SCHOOL_LEVELS.join(', ')}.`,
  })
  schoolLevels?: SchoolLevel[] | null;

  @ApiPropertyOptional({
    enum: RESIDENCE_RULES,
    default: 'any',
    description: "organisation: a guardian lives in a commune of the procedure's organisation",
  })
  @ValidateIf(PRESENT)
  @IsIn(RESIDENCE_RULES, { message: 'La condition de résidence doit être any ou organisation.' })
  residence?: ResidenceRule;
}

export class ProcedureGrantDto implements ProcedureGrant {
  @ApiProperty({
    enum: GRANT_KINDS,
    description:
      'activity-booking: the child may then book the activity for the season; school-assignment: the agent assigns a school (registration certificate)',
  })
  @IsIn(GRANT_KINDS, {
    message: `Ce que donne l'acceptation doit être l'un de : ${GRANT_KINDS.join(', ')}.`,
  })
  kind!: GrantKind;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'periscolaire-matin',
    pattern: ACTIVITY_CODE.source,
    description: 'activity-booking only (required then)',
  })
  @ValidateIf(isActivityBooking)
  @IsString({
    message:
      "Le code d'activité (minuscules, chiffres, tirets) est obligatoire pour un droit de réservation.",
  })
  @Matches(ACTIVITY_CODE, {
    message:
      "Le code d'activité (minuscules, chiffres, tirets) est obligatoire pour un droit de réservation.",
  })
  activityCode?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 200,
    example: 'Accueil périscolaire du matin',
    description: 'activity-booking only (required then)',
  })
  @ValidateIf(isActivityBooking)
  @IsString({ message: "Le nom de l'activité est obligatoire (200 caractères au plus)." })
  @IsNotEmpty({ message: "Le nom de l'activité est obligatoire (200 caractères au plus)." })
  @MaxLength(200, { message: "Le nom de l'activité est obligatoire (200 caractères au plus)." })
  activityName?: string | null;

  @ApiPropertyOptional({
    enum: ['pre-billing', 'post-billing'],
    nullable: true,
    description:
      'activity-booking only: billed at booking ("pré-facturation") or at month end (default)',
  })
  @IsOptional()
  @IsIn(['pre-billing', 'post-billing'], {
    message: 'La facturation est pre-billing ou post-billing.',
  })
  billing?: 'pre-billing' | 'post-billing' | null;
}

// Commands

export class CreateProcedureDto implements CreateProcedureCommand {
  @ApiProperty({ format: 'uuid', description: 'One of your services' })
  @IsUUID('all', { message: SERVICE_MESSAGE })
  municipalServiceId!: string;

  @ApiProperty({ example: '2026-2027', pattern: '^\\d{4}-\\d{4}$' })
  @IsSeason()
  season!: string;

  @ApiProperty({ example: 'Inscription à la restauration scolaire 2026-2027', maxLength: 200 })
  @RequiredText('Le titre', 200)
  title!: string;

  @ApiProperty({
    maxLength: 20_000,
    description: 'Step 1 ("avant de commencer"): what the family must know (plain text)',
  })
  @RequiredText('Le texte explicatif', 20_000)
  description!: string;

  @ApiProperty({ type: FormDefinitionDto, description: 'Step 2: the questions' })
  @NestedObject(() => FormDefinitionDto, FORM_MESSAGE)
  form!: FormDefinitionDto;

  @ApiProperty({ type: [RequiredDocumentDto], maxItems: 20 })
  @NestedArray(() => RequiredDocumentDto, DOCUMENTS_MESSAGE, 20, DOCUMENTS_MAX_MESSAGE)
  requiredDocuments!: RequiredDocumentDto[];

  @ApiProperty({ type: EligibilityDto })
  @NestedObject(() => EligibilityDto, ELIGIBILITY_MESSAGE)
  eligibility!: EligibilityDto;

  @ApiProperty({ format: 'date-time', example: '2026-05-04T08:00:00+02:00' })
  @IsISO8601({ strict: true }, { message: "La date d'ouverture doit être une date ISO 8601." })
  opensAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-07-03T18:00:00+02:00' })
  @IsISO8601({ strict: true }, { message: 'La date de clôture doit être une date ISO 8601.' })
  closesAt!: string;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 100_000,
    description: 'Places; unlimited when absent or null',
  })
  @ValidateIf(CAPACITY_SET)
  @Type(() => Number)
  @IsInt({ message: 'La capacité doit être un nombre entier de places.' })
  @Min(1, { message: 'La capacité est d’au moins une place.' })
  @Max(100_000, { message: 'La capacité ne doit pas dépasser 100000 places.' })
  capacity?: number | null;

  @ApiProperty({
    enum: VALIDATION_MODES,
    description: 'automatic: accepted at submission (within capacity); manual: an agent decides',
  })
  @IsIn(VALIDATION_MODES, { message: MODE_MESSAGE })
  validationMode!: ValidationMode;

  @ApiProperty({ type: ProcedureGrantDto })
  @NestedObject(() => ProcedureGrantDto, GRANT_MESSAGE)
  grant!: ProcedureGrantDto;

  @ApiPropertyOptional({ enum: PROCEDURE_STATUSES, default: 'draft' })
  @IsOptional()
  @IsIn(PROCEDURE_STATUSES, { message: STATUS_MESSAGE })
  status?: ProcedureStatus;
}

/** Every field may be omitted (unchanged); none may be null but the capacity (unlimited). */
export class UpdateProcedureDto implements Omit<UpdateProcedureCommand, 'id'> {
  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf(PRESENT)
  @RequiredText('Le titre', 200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 20_000 })
  @ValidateIf(PRESENT)
  @RequiredText('Le texte explicatif', 20_000)
  description?: string;

  @ApiPropertyOptional({
    type: FormDefinitionDto,
    description: 'Replaces the form; applications keep the answers they were given',
  })
  @ValidateIf(PRESENT)
  @NestedObject(() => FormDefinitionDto, FORM_MESSAGE)
  form?: FormDefinitionDto;

  @ApiPropertyOptional({ type: [RequiredDocumentDto], maxItems: 20 })
  @ValidateIf(PRESENT)
  @NestedArray(() => RequiredDocumentDto, DOCUMENTS_MESSAGE, 20, DOCUMENTS_MAX_MESSAGE)
  requiredDocuments?: RequiredDocumentDto[];

  @ApiPropertyOptional({ type: EligibilityDto })
  @ValidateIf(PRESENT)
  @NestedObject(() => EligibilityDto, ELIGIBILITY_MESSAGE)
  eligibility?: EligibilityDto;

  @ApiPropertyOptional({ format: 'date-time' })
  @ValidateIf(PRESENT)
  @IsISO8601({ strict: true }, { message: "La date d'ouverture doit être une date ISO 8601." })
  opensAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @ValidateIf(PRESENT)
  @IsISO8601({ strict: true }, { message: 'La date de clôture doit être une date ISO 8601.' })
  closesAt?: string;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 100_000,
    description: 'null: unlimited; never below the places already taken',
  })
  @ValidateIf(CAPACITY_SET)
  @Type(() => Number)
  @IsInt({ message: 'La capacité doit être un nombre entier de places.' })
  @Min(1, { message: 'La capacité est d’au moins une place.' })
  @Max(100_000, { message: 'La capacité ne doit pas dépasser 100000 places.' })
  capacity?: number | null;

  @ApiPropertyOptional({ enum: VALIDATION_MODES })
  @ValidateIf(PRESENT)
  @IsIn(VALIDATION_MODES, { message: MODE_MESSAGE })
  validationMode?: ValidationMode;

  @ApiPropertyOptional({ type: ProcedureGrantDto })
  @ValidateIf(PRESENT)
  @NestedObject(() => ProcedureGrantDto, GRANT_MESSAGE)
  grant?: ProcedureGrantDto;

  @ApiPropertyOptional({
    enum: PROCEDURE_STATUSES,
    description: 'published: families see it (and apply within its window); archived: hidden',
  })
  @ValidateIf(PRESENT)
  @IsIn(PROCEDURE_STATUSES, { message: STATUS_MESSAGE })
  status?: ProcedureStatus;
}

// Views

export class ProcedureSummaryDto implements ProcedureSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ example: 'Vichy' }) organisationName!: string;
  @ApiProperty({ format: 'uuid' }) municipalServiceId!: string;
  @ApiProperty({ example: 'Restauration scolaire' }) municipalServiceName!: string;
  @ApiProperty({ example: '2026-2027' }) season!: string;
  @ApiProperty({ example: 'Inscription à la restauration scolaire 2026-2027' }) title!: string;
  @ApiProperty({ format: 'date-time' }) opensAt!: string;
  @ApiProperty({ format: 'date-time' }) closesAt!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null: unlimited' })
  capacity!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null: unlimited' })
  placesLeft!: number | null;
  @ApiProperty({ enum: VALIDATION_MODES }) validationMode!: ValidationMode;
  @ApiProperty({ enum: GRANT_KINDS }) grantKind!: GrantKind;
  @ApiProperty({ enum: PROCEDURE_STATUSES }) status!: ProcedureStatus;
  @ApiProperty({ description: 'Open to families right now (published, within its window)' })
  open!: boolean;
}

export class ProcedureDto extends ProcedureSummaryDto implements ProcedureView {
  @ApiProperty({ description: 'Step 1: what the family must know before starting (plain text)' })
  description!: string;
  @ApiProperty({ type: FormDefinitionDto }) form!: FormDefinitionDto;
  @ApiProperty({ type: [RequiredDocumentDto] }) requiredDocuments!: RequiredDocumentDto[];
  @ApiProperty({ type: EligibilityDto }) eligibility!: EligibilityDto;
  @ApiProperty({ type: ProcedureGrantDto }) grant!: ProcedureGrantDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

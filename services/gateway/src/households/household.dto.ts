import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CAF_NUMBER_PATTERN,
  CIVILITIES,
  GUARDIAN_RELATIONSHIPS,
  INSEE_CODE_PATTERN,
  type CallerKind,
  type Civility,
  type CommuneOfResidence,
  type CommuneOfResidenceInput,
  type GuardianAddress,
  type GuardianInput,
  type GuardianRelationship,
  type GuardianView,
  type HouseholdChangeAction,
  type HouseholdChangeEntity,
  type HouseholdChangeView,
  type HouseholdView,
} from '@portail/contracts';
import { ChildDto } from './child.dto';
import {
  IsCalendarDate,
  NAME_MAX_LENGTH,
  OptionalPhone,
  OptionalText,
  POSTAL_CODE_PATTERN,
  RequiredPhone,
  RequiredText,
  TEXT_MAX_LENGTH,
} from '@portail/validation';

const HOUSEHOLD_ID = "L'identifiant du foyer doit être un UUID.";
const GUARDIAN_ID = "L'identifiant du responsable légal doit être un UUID.";
const CHILD_ID = "L'identifiant de l'enfant doit être un UUID.";

// Path parameters

export class HouseholdPathParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: HOUSEHOLD_ID })
  householdId!: string;
}

export class GuardianIdParams extends HouseholdPathParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: GUARDIAN_ID })
  guardianId!: string;
}

export class ChildIdParams extends HouseholdPathParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: CHILD_ID })
  childId!: string;
}

export class HistoryQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La limite doit être un nombre entier.' })
  @Min(1, { message: 'La limite doit être au moins 1.' })
  @Max(500, { message: 'La limite ne peut pas dépasser 500.' })
  limit?: number;
}

// Requests

export class GuardianAddressInputDto {
  @ApiProperty({ example: '12 rue de Flandre', maxLength: TEXT_MAX_LENGTH })
  @RequiredText("L'adresse", TEXT_MAX_LENGTH)
  line1!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: TEXT_MAX_LENGTH })
  @OptionalText("Le complément d'adresse", TEXT_MAX_LENGTH)
  line2?: string | null;

  @ApiProperty({ example: '03200', pattern: POSTAL_CODE_PATTERN.source })
  @Matches(POSTAL_CODE_PATTERN, { message: 'Le code postal doit comporter 5 chiffres.' })
  postalCode!: string;

  @ApiProperty({ example: 'Vichy', maxLength: NAME_MAX_LENGTH })
  @RequiredText('La ville', NAME_MAX_LENGTH)
  city!: string;
}

export class CommuneOfResidenceInputDto implements CommuneOfResidenceInput {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'A commune of the directory (GET /organisations); its name is then taken from it.',
  })
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de la commune doit être un UUID." })
  organisationId?: string | null;

  @ApiPropertyOptional({ example: '03310', nullable: true, pattern: INSEE_CODE_PATTERN.source })
  @IsOptional()
  @Matches(INSEE_CODE_PATTERN, { message: 'Le code INSEE de la commune est invalide.' })
  inseeCode?: string | null;

  @ApiPropertyOptional({
    example: 'Saint-Yorre',
    nullable: true,
    maxLength: NAME_MAX_LENGTH,
    description: 'Required for a commune outside the directory.',
  })
  @OptionalText('Le nom de la commune', NAME_MAX_LENGTH)
  name?: string | null;
}

export class GuardianInputDto implements GuardianInput {
  @ApiPropertyOptional({ enum: CIVILITIES, nullable: true })
  @IsOptional()
  @IsIn(CIVILITIES, { message: 'La civilité doit être madame ou monsieur.' })
  civility?: Civility | null;

  @ApiProperty({ example: 'Maman', maxLength: NAME_MAX_LENGTH })
  @RequiredText('Le prénom', NAME_MAX_LENGTH)
  firstName!: string;

  @ApiProperty({ example: 'Paillette', maxLength: NAME_MAX_LENGTH })
  @RequiredText('Le nom', NAME_MAX_LENGTH)
  lastName!: string;

  @ApiProperty({ enum: GUARDIAN_RELATIONSHIPS, description: 'Relationship to the children.' })
  @IsIn(GUARDIAN_RELATIONSHIPS, { message: 'Le lien avec les enfants est invalide.' })
  relationship!: GuardianRelationship;

  @ApiProperty({ example: '06 12 34 56 78' })
  @RequiredPhone('Le téléphone')
  phone!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '04 70 30 55 04' })
  @OptionalPhone('Le second téléphone')
  otherPhone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'email', maxLength: 254 })
  @IsOptional()
  @MaxLength(254, { message: "L'adresse e-mail ne doit pas dépasser 254 caractères." })
  @IsEmail({}, { message: "L'adresse e-mail est invalide." })
  email?: string | null;

  @ApiProperty({ type: GuardianAddressInputDto })
  @IsDefined({ message: "L'adresse postale est obligatoire." })
  @IsObject({ message: "L'adresse postale doit être un objet." })
  @ValidateNested()
  @Type(() => GuardianAddressInputDto)
  address!: GuardianAddressInputDto;

  @ApiProperty({
    type: CommuneOfResidenceInputDto,
    description: 'Commune of residence: tariffs depend on it.',
  })
  @IsDefined({ message: 'La commune de résidence est obligatoire.' })
  @IsObject({ message: 'La commune de résidence doit être un objet.' })
  @ValidateNested()
  @Type(() => CommuneOfResidenceInputDto)
  commune!: CommuneOfResidenceInputDto;
}

export class FamilyQuotientInputDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '1234567',
    description: 'Allocataire number at the CAF (7 digits).',
  })
  @IsOptional()
  @Matches(CAF_NUMBER_PATTERN, { message: 'Le numéro allocataire CAF doit comporter 7 chiffres.' })
  cafNumber?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 612,
    minimum: 0,
    maximum: 100000,
    description: 'Quotient familial, in whole euros.',
  })
  @IsOptional()
  @IsInt({ message: 'Le quotient familial doit être un nombre entier d’euros.' })
  @Min(0, { message: 'Le quotient familial ne peut pas être négatif.' })
  @Max(100000, { message: 'Le quotient familial ne peut pas dépasser 100 000 €.' })
  familyQuotient?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate('La date de validité du quotient familial')
  familyQuotientValidUntil?: string | null;
}

export class CreateHouseholdDto extends FamilyQuotientInputDto {
  @ApiProperty({
    type: GuardianInputDto,
    description: 'The first guardian: the person who owns the calling account.',
  })
  @IsDefined({ message: 'Le premier responsable légal est obligatoire.' })
  @IsObject({ message: 'Le responsable légal doit être un objet.' })
  @ValidateNested()
  @Type(() => GuardianInputDto)
  guardian!: GuardianInputDto;
}

/** Absent fields are kept; `null` clears a field. */
export class UpdateHouseholdDto extends FamilyQuotientInputDto {}

// Responses

export class GuardianAddressDto implements GuardianAddress {
  @ApiProperty()
  line1!: string;

  @ApiProperty({ type: String, nullable: true })
  line2!: string | null;

  @ApiProperty()
  postalCode!: string;

  @ApiProperty()
  city!: string;
}

export class CommuneOfResidenceDto implements CommuneOfResidence {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  organisationId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  inseeCode!: string | null;

  @ApiProperty()
  name!: string;
}

export class GuardianDto implements GuardianView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  householdId!: string;

  @ApiProperty({ description: 'The first guardian: account holder and billing addressee.' })
  primary!: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  accountId!: string | null;

  @ApiProperty({ enum: CIVILITIES, nullable: true })
  civility!: Civility | null;

  @ApiProperty()
  firstName!: string;

  @ApiProperty()
  lastName!: string;

  @ApiProperty({ enum: GUARDIAN_RELATIONSHIPS })
  relationship!: GuardianRelationship;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;

  @ApiProperty({ type: String, nullable: true })
  otherPhone!: string | null;

  @ApiProperty({ type: String, nullable: true })
  email!: string | null;

  @ApiProperty({ type: GuardianAddressDto, nullable: true })
  address!: GuardianAddressDto | null;

  @ApiProperty({ type: CommuneOfResidenceDto, nullable: true })
  commune!: CommuneOfResidenceDto | null;
}

export class HouseholdDto implements HouseholdView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true })
  cafNumber!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Whole euros.' })
  familyQuotient!: number | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  familyQuotientValidUntil!: string | null;

  @ApiProperty({ type: [GuardianDto] })
  guardians!: GuardianDto[];

  @ApiProperty({ type: [ChildDto] })
  children!: ChildDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

class ChangeActorDto {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({ enum: ['family', 'agent', 'admin'] })
  kind!: CallerKind;
}

export class HouseholdChangeDto implements HouseholdChangeView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  householdId!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: ChangeActorDto })
  actor!: ChangeActorDto;

  @ApiProperty({ enum: ['household', 'guardian', 'child'] })
  entity!: HouseholdChangeEntity;

  @ApiProperty({ format: 'uuid' })
  entityId!: string;

  @ApiProperty({ enum: ['created', 'updated', 'removed', 'anonymised'] })
  action!: HouseholdChangeAction;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Changed fields only for an update; the whole entity for a creation or removal.',
  })
  before!: Record<string, unknown> | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  after!: Record<string, unknown> | null;
}

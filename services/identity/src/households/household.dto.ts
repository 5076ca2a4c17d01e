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
  type AddGuardianCommand,
  type Civility,
  type CommuneOfResidenceInput,
  type CreateHouseholdCommand,
  type GuardianInput,
  type GuardianRelationship,
  type HouseholdHistoryQuery,
  type HouseholdProfileQuery,
  type HouseholdRef,
  type RemoveGuardianCommand,
  type UpdateGuardianCommand,
  type UpdateHouseholdCommand,
} from '@portail/contracts';
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

export class GuardianAddressDto {
  @RequiredText("L'adresse", TEXT_MAX_LENGTH)
  line1!: string;

  @OptionalText("Le complément d'adresse", TEXT_MAX_LENGTH)
  line2?: string | null;

  @Matches(POSTAL_CODE_PATTERN, { message: 'Le code postal doit comporter 5 chiffres.' })
  postalCode!: string;

  @RequiredText('La ville', NAME_MAX_LENGTH)
  city!: string;
}

export class CommuneOfResidenceDto implements CommuneOfResidenceInput {
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de la commune doit être un UUID." })
  organisationId?: string | null;

  @IsOptional()
  @Matches(INSEE_CODE_PATTERN, { message: 'Le code INSEE de la commune est invalide.' })
  inseeCode?: string | null;

  @OptionalText('Le nom de la commune', NAME_MAX_LENGTH)
  name?: string | null;
}

export class GuardianDto implements GuardianInput {
  @IsOptional()
  @IsIn(CIVILITIES, { message: 'La civilité doit être madame ou monsieur.' })
  civility?: Civility | null;

  @RequiredText('Le prénom', NAME_MAX_LENGTH)
  firstName!: string;

  @RequiredText('Le nom', NAME_MAX_LENGTH)
  lastName!: string;

  @IsIn(GUARDIAN_RELATIONSHIPS, { message: 'Le lien avec les enfants est invalide.' })
  relationship!: GuardianRelationship;

  @RequiredPhone('Le téléphone')
  phone!: string;

  @OptionalPhone('Le second téléphone')
  otherPhone?: string | null;

  @IsOptional()
  @MaxLength(254, { message: "L'adresse e-mail ne doit pas dépasser 254 caractères." })
  @IsEmail({}, { message: "L'adresse e-mail est invalide." })
  email?: string | null;

  @IsDefined({ message: "L'adresse postale est obligatoire." })
  @IsObject({ message: "L'adresse postale doit être un objet." })
  @ValidateNested()
  @Type(() => GuardianAddressDto)
  address!: GuardianAddressDto;

  @IsDefined({ message: 'La commune de résidence est obligatoire.' })
  @IsObject({ message: 'La commune de résidence doit être un objet.' })
  @ValidateNested()
  @Type(() => CommuneOfResidenceDto)
  commune!: CommuneOfResidenceDto;
}

export class FamilyQuotientFieldsDto {
  @IsOptional()
  @Matches(CAF_NUMBER_PATTERN, { message: 'Le numéro allocataire CAF doit comporter 7 chiffres.' })
  cafNumber?: string | null;

  @IsOptional()
  @IsInt({ message: 'Le quotient familial doit être un nombre entier d’euros.' })
  @Min(0, { message: 'Le quotient familial ne peut pas être négatif.' })
  @Max(100000, { message: 'Le quotient familial ne peut pas dépasser 100 000 €.' })
  familyQuotient?: number | null;

  @IsOptional()
  @IsCalendarDate('La date de validité du quotient familial')
  familyQuotientValidUntil?: string | null;
}

export class CreateHouseholdDto extends FamilyQuotientFieldsDto implements CreateHouseholdCommand {
  @IsDefined({ message: 'Le premier responsable légal est obligatoire.' })
  @IsObject({ message: 'Le responsable légal doit être un objet.' })
  @ValidateNested()
  @Type(() => GuardianDto)
  guardian!: GuardianDto;
}

export class HouseholdRefDto implements HouseholdRef {
  @IsUUID('all', { message: HOUSEHOLD_ID })
  householdId!: string;
}

export class UpdateHouseholdDto extends FamilyQuotientFieldsDto implements UpdateHouseholdCommand {
  @IsUUID('all', { message: HOUSEHOLD_ID })
  householdId!: string;
}

export class AddGuardianDto extends GuardianDto implements AddGuardianCommand {
  @IsUUID('all', { message: HOUSEHOLD_ID })
  householdId!: string;
}

export class UpdateGuardianDto extends GuardianDto implements UpdateGuardianCommand {
  @IsUUID('all', { message: HOUSEHOLD_ID })
  householdId!: string;

  @IsUUID('all', { message: GUARDIAN_ID })
  guardianId!: string;
}

export class RemoveGuardianDto implements RemoveGuardianCommand {
  @IsUUID('all', { message: HOUSEHOLD_ID })
  householdId!: string;

  @IsUUID('all', { message: GUARDIAN_ID })
  guardianId!: string;
}

export class HouseholdHistoryDto implements HouseholdHistoryQuery {
  @IsUUID('all', { message: HOUSEHOLD_ID })
  householdId!: string;

  @IsOptional()
  @IsInt({ message: 'La limite doit être un nombre entier.' })
  @Min(1, { message: 'La limite doit être au moins 1.' })
  @Max(500, { message: 'La limite ne peut pas dépasser 500.' })
  limit?: number;
}

/** Exactly one of the two (checked by GetHouseholdProfile: class-validator has no such rule). */
export class HouseholdProfileDto implements HouseholdProfileQuery {
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant du compte doit être un UUID." })
  accountId?: string;

  @IsOptional()
  @IsUUID('all', { message: HOUSEHOLD_ID })
  householdId?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  CHILD_SEXES,
  MAX_CHILD_AGE_YEARS,
  SCHOOL_LEVELS,
  type AuthorisedPickup,
  type ChildAuthorisations,
  type ChildHealth,
  type ChildInput,
  type ChildSex,
  type ChildView,
  type SchoolLevel,
} from '@portail/contracts';
import {
  IsPlausibleBirthDate,
  LONG_TEXT_MAX_LENGTH,
  NAME_MAX_LENGTH,
  OptionalPhone,
  OptionalText,
  RequiredPhone,
  RequiredText,
} from '@portail/validation';

const MAX_ALLERGIES = 30;
const MAX_PICKUPS = 10;

// Requests

export class AuthorisedPickupInputDto implements AuthorisedPickup {
  @ApiProperty({ example: 'Jeanne Paillette', maxLength: NAME_MAX_LENGTH })
  @RequiredText('Le nom de la personne autorisée', NAME_MAX_LENGTH)
  name!: string;

  @ApiProperty({ example: 'grand-mère', maxLength: NAME_MAX_LENGTH })
  @RequiredText('Le lien avec l’enfant', NAME_MAX_LENGTH)
  relationship!: string;

  @ApiProperty({ example: '06 98 76 54 32' })
  @RequiredPhone('Le téléphone de la personne autorisée')
  phone!: string;
}

export class ChildHealthInputDto implements Partial<ChildHealth> {
  @ApiPropertyOptional({ type: [String], maxItems: MAX_ALLERGIES, example: ['arachide'] })
  @IsOptional()
  @IsArray({ message: 'Les allergies doivent être une liste.' })
  @ArrayMaxSize(MAX_ALLERGIES, {
    message: `Au plus ${MAX_ALLERGIES} allergies peuvent être indiquées.`,
  })
  @IsString({ each: true, message: 'Chaque allergie doit être un texte.' })
  @IsNotEmpty({ each: true, message: 'Une allergie ne peut pas être vide.' })
  @MaxLength(NAME_MAX_LENGTH, {
    each: true,
    message: `Une allergie ne doit pas dépasser ${NAME_MAX_LENGTH} caractères.`,
  })
  allergies?: string[];

  @ApiPropertyOptional({ description: "Projet d'accueil individualisé.", default: false })
  @IsOptional()
  @IsBoolean({ message: 'Le PAI doit valoir true ou false.' })
  pai?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: LONG_TEXT_MAX_LENGTH })
  @OptionalText('Le détail du PAI', LONG_TEXT_MAX_LENGTH)
  paiDetails?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: NAME_MAX_LENGTH })
  @OptionalText('Le nom du médecin', NAME_MAX_LENGTH)
  doctorName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @OptionalPhone('Le téléphone du médecin')
  doctorPhone?: string | null;
}

export class ChildAuthorisationsInputDto implements Partial<ChildAuthorisations> {
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: "Le droit à l'image doit valoir true ou false." })
  imageRights?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: "L'autorisation de partir seul doit valoir true ou false." })
  mayLeaveAlone?: boolean;

  @ApiPropertyOptional({ type: [AuthorisedPickupInputDto], maxItems: MAX_PICKUPS })
  @IsOptional()
  @IsArray({ message: 'Les personnes autorisées doivent être une liste.' })
  @ArrayMaxSize(MAX_PICKUPS, {
    message: `Au plus ${MAX_PICKUPS} personnes autorisées peuvent être indiquées.`,
  })
  @ValidateNested({ each: true })
  @Type(() => AuthorisedPickupInputDto)
  authorisedPickups?: AuthorisedPickupInputDto[];
}

/** A child as the family declares it; on PUT, absent optional parts take their defaults again. */
export class ChildInputDto implements ChildInput {
  @ApiProperty({ example: 'Iris', maxLength: NAME_MAX_LENGTH })
  @RequiredText('Le prénom', NAME_MAX_LENGTH)
  firstName!: string;

  @ApiProperty({ example: 'Paillette', maxLength: NAME_MAX_LENGTH })
  @RequiredText('Le nom', NAME_MAX_LENGTH)
  lastName!: string;

  @ApiProperty({
    format: 'date',
    example: '2016-05-14',
    description: `Not in the future, less than ${MAX_CHILD_AGE_YEARS} years ago.`,
  })
  @IsPlausibleBirthDate()
  birthDate!: string;

  @ApiProperty({ enum: CHILD_SEXES })
  @IsIn(CHILD_SEXES, { message: 'Le sexe doit être female ou male.' })
  sex!: ChildSex;

  @ApiPropertyOptional({ enum: SCHOOL_LEVELS, nullable: true })
  @IsOptional()
  @IsIn(SCHOOL_LEVELS, {
    message: `Le niveau scolaire doit être l'un de : ${SCHOOL_LEVELS.join(', ')}.`,
  })
  schoolLevel?: SchoolLevel | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A school of the directory, when known.',
  })
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de l'école doit être un UUID." })
  schoolId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: NAME_MAX_LENGTH * 2 })
  @OptionalText("Le nom de l'école", NAME_MAX_LENGTH * 2)
  schoolName?: string | null;

  @ApiPropertyOptional({ type: ChildHealthInputDto })
  @IsOptional()
  @IsObject({ message: 'Les informations de santé doivent être un objet.' })
  @ValidateNested()
  @Type(() => ChildHealthInputDto)
  health?: ChildHealthInputDto;

  @ApiPropertyOptional({ type: ChildAuthorisationsInputDto })
  @IsOptional()
  @IsObject({ message: 'Les autorisations doivent être un objet.' })
  @ValidateNested()
  @Type(() => ChildAuthorisationsInputDto)
  authorisations?: ChildAuthorisationsInputDto;
}

// Responses

export class AuthorisedPickupDto implements AuthorisedPickup {
  @ApiProperty()
  name!: string;

  @ApiProperty()
  relationship!: string;

  @ApiProperty()
  phone!: string;
}

export class ChildHealthDto implements ChildHealth {
  @ApiProperty({ type: [String] })
  allergies!: string[];

  @ApiProperty({ description: "Projet d'accueil individualisé." })
  pai!: boolean;

  @ApiProperty({ type: String, nullable: true })
  paiDetails!: string | null;

  @ApiProperty({ type: String, nullable: true })
  doctorName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  doctorPhone!: string | null;
}

export class ChildAuthorisationsDto implements ChildAuthorisations {
  @ApiProperty()
  imageRights!: boolean;

  @ApiProperty()
  mayLeaveAlone!: boolean;

  @ApiProperty({ type: [AuthorisedPickupDto] })
  authorisedPickups!: AuthorisedPickupDto[];
}

export class ChildDto implements ChildView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  householdId!: string;

  @ApiProperty()
  firstName!: string;

  @ApiProperty()
  lastName!: string;

  @ApiProperty({ format: 'date' })
  birthDate!: string;

  @ApiProperty({ enum: CHILD_SEXES, nullable: true })
  sex!: ChildSex | null;

  @ApiProperty({ enum: SCHOOL_LEVELS, nullable: true })
  schoolLevel!: SchoolLevel | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  schoolId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  schoolName!: string | null;

  @ApiProperty({ type: ChildHealthDto })
  health!: ChildHealthDto;

  @ApiProperty({ type: ChildAuthorisationsDto })
  authorisations!: ChildAuthorisationsDto;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

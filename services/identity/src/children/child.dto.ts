import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
  IsNotEmpty,
} from 'class-validator';
import {
  CHILD_SEXES,
  SCHOOL_LEVELS,
  type AuthorisedPickup,
  type ChildAuthorisations,
  type ChildHealth,
  type ChildInput,
  type ChildSex,
  type CreateChildCommand,
  type GetChildQuery,
  type SchoolLevel,
  type UpdateChildCommand,
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

const HOUSEHOLD_ID = "L'identifiant du foyer doit être un UUID.";
const CHILD_ID = "L'identifiant de l'enfant doit être un UUID.";
export const MAX_ALLERGIES = 30;
export const MAX_PICKUPS = 10;

export class AuthorisedPickupDto implements AuthorisedPickup {
  @RequiredText('Le nom de la personne autorisée', NAME_MAX_LENGTH)
  name!: string;

  @RequiredText('Le lien avec l’enfant', NAME_MAX_LENGTH)
  relationship!: string;

  @RequiredPhone('Le téléphone de la personne autorisée')
  phone!: string;
}

export class ChildHealthDto implements Partial<ChildHealth> {
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

  @IsOptional()
  @IsBoolean({ message: 'Le PAI doit valoir true ou false.' })
  pai?: boolean;

  @OptionalText('Le détail du PAI', LONG_TEXT_MAX_LENGTH)
  paiDetails?: string | null;

  @OptionalText('Le nom du médecin', NAME_MAX_LENGTH)
  doctorName?: string | null;

  @OptionalPhone('Le téléphone du médecin')
  doctorPhone?: string | null;
}

export class ChildAuthorisationsDto implements Partial<ChildAuthorisations> {
  @IsOptional()
  @IsBoolean({ message: "Le droit à l'image doit valoir true ou false." })
  imageRights?: boolean;

  @IsOptional()
  @IsBoolean({ message: "L'autorisation de partir seul doit valoir true ou false." })
  mayLeaveAlone?: boolean;

  @IsOptional()
  @IsArray({ message: 'Les personnes autorisées doivent être une liste.' })
  @ArrayMaxSize(MAX_PICKUPS, {
    message: `Au plus ${MAX_PICKUPS} personnes autorisées peuvent être indiquées.`,
  })
  @ValidateNested({ each: true })
  @Type(() => AuthorisedPickupDto)
  authorisedPickups?: AuthorisedPickupDto[];
}

export class ChildDto implements ChildInput {
  @RequiredText('Le prénom', NAME_MAX_LENGTH)
  firstName!: string;

  @RequiredText('Le nom', NAME_MAX_LENGTH)
  lastName!: string;

  @IsPlausibleBirthDate()
  birthDate!: string;

  @IsIn(CHILD_SEXES, { message: 'Le sexe doit être female ou male.' })
  sex!: ChildSex;

  @IsOptional()
  @IsIn(SCHOOL_LEVELS, {
    message: `Le niveau scolaire doit être l'un de : ${SCHOOL_LEVELS.join(', ')}.`,
  })
  schoolLevel?: SchoolLevel | null;

  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de l'école doit être un UUID." })
  schoolId?: string | null;

  @OptionalText("Le nom de l'école", NAME_MAX_LENGTH * 2)
  schoolName?: string | null;

  @IsOptional()
  @IsObject({ message: 'Les informations de santé doivent être un objet.' })
  @ValidateNested()
  @Type(() => ChildHealthDto)
  health?: ChildHealthDto;

  @IsOptional()
  @IsObject({ message: 'Les autorisations doivent être un objet.' })
  @ValidateNested()
  @Type(() => ChildAuthorisationsDto)
  authorisations?: ChildAuthorisationsDto;
}

export class CreateChildDto extends ChildDto implements CreateChildCommand {
  @IsUUID('all', { message: HOUSEHOLD_ID })
  householdId!: string;
}

export class UpdateChildDto extends ChildDto implements UpdateChildCommand {
  @IsUUID('all', { message: HOUSEHOLD_ID })
  householdId!: string;

  @IsUUID('all', { message: CHILD_ID })
  childId!: string;
}

export class GetChildDto implements GetChildQuery {
  @IsUUID('all', { message: HOUSEHOLD_ID })
  householdId!: string;

  @IsUUID('all', { message: CHILD_ID })
  childId!: string;
}

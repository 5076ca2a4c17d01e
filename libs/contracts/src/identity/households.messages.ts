import {
  ApiProperty,
  ApiPropertyOptional,
  IntersectionType,
  OmitType,
  PickType,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  BirthDate,
  IsCalendarDate,
  LONG_TEXT_MAX_LENGTH,
  NAME_MAX_LENGTH,
  OptionalPhone,
  OptionalText,
  OptionalUuidField,
  POSTAL_CODE_PATTERN,
  RequiredPhone,
  RequiredText,
  TEXT_MAX_LENGTH,
  UuidField,
  UuidListField,
} from '@portail/validation';
import type { CallerKind } from '../caller';
import type { NoPayload, NoReply } from '../requests';
import { PASSWORD_MAX_LENGTH } from './accounts';
import {
  CAF_NUMBER_PATTERN,
  CHILD_SEXES,
  CIVILITIES,
  GUARDIAN_RELATIONSHIPS,
  HouseholdSubjects,
  INSEE_CODE_PATTERN,
  PrivacySubjects,
  SCHOOL_LEVELS,
  type ChildSex,
  type Civility,
  type GuardianRelationship,
  type HouseholdProfile,
  type SchoolLevel,
} from './households';

/*
 * Households, guardians, children and the family's RGPD rights: each command, query and reply
 * of identity's households domain, declared once. The class is the payload type, the validation
 * (gateway pipe, then identity's pipe) and the OpenAPI schema all at once.
 */

const HOUSEHOLD_ID = "L'identifiant du foyer";
const GUARDIAN_ID = "L'identifiant du responsable légal";
const CHILD_ID = "L'identifiant de l'enfant";
/** RFC 5321 bounds a mailbox to 254 characters. */
const EMAIL_MAX_LENGTH = 254;
const FAMILY_QUOTIENT_MAX = 100000;
const HISTORY_LIMIT_MAX = 500;
const MAX_ALLERGIES = 30;
const MAX_PICKUPS = 10;

// Addresses and communes of residence

export class GuardianAddressInput {
  @RequiredText("L'adresse", TEXT_MAX_LENGTH, { example: '12 rue de Flandre' })
  line1!: string;

  @OptionalText("Le complément d'adresse", TEXT_MAX_LENGTH, { example: 'Résidence Les Célestins' })
  line2?: string | null;

  @ApiProperty({ example: '03200', pattern: POSTAL_CODE_PATTERN.source, maxLength: 5 })
  @Matches(POSTAL_CODE_PATTERN, { message: 'Le code postal doit comporter 5 chiffres.' })
  postalCode!: string;

  @RequiredText('La ville', NAME_MAX_LENGTH, { example: 'Vichy' })
  city!: string;
}

/** A guardian's postal address, shaped like the address of a personal space. */
export class GuardianAddress {
  @ApiProperty({ example: '12 rue de Flandre' })
  line1!: string;

  @ApiProperty({ type: String, nullable: true })
  line2!: string | null;

  @ApiProperty({ example: '03200' })
  postalCode!: string;

  @ApiProperty({ example: 'Vichy' })
  city!: string;
}

export class CommuneOfResidenceInput {
  // `string | null` reflects as Object: name the type.
  @ApiPropertyOptional({ type: String, nullable: true })
  @OptionalUuidField(
    "L'identifiant de la commune",
    'A commune of the directory (GET /organisations); its name is then taken from it.',
  )
  organisationId?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '03310',
    pattern: INSEE_CODE_PATTERN.source,
    maxLength: 5,
  })
  @IsOptional()
  @Matches(INSEE_CODE_PATTERN, { message: 'Le code INSEE de la commune est invalide.' })
  inseeCode?: string | null;

  /** Required unless organisationId is given (checked by identity, which knows the directory). */
  @OptionalText('Le nom de la commune', NAME_MAX_LENGTH, {
    example: 'Saint-Yorre',
    description: 'Required for a commune outside the directory.',
  })
  name?: string | null;
}

/**
 * Commune of residence: tariffs depend on it. A commune of the directory is referenced by
 * its organisation id; a commune outside is free text, with its INSEE code when known.
 */
export class CommuneOfResidence {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  organisationId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '03310' })
  inseeCode!: string | null;

  @ApiProperty({ example: 'Vichy' })
  name!: string;
}

// Households and guardians: requests

/** The household of a path, and the query of one household. */
export class HouseholdRef {
  @UuidField(HOUSEHOLD_ID)
  householdId!: string;
}

export class GuardianInput {
  @ApiPropertyOptional({ enum: CIVILITIES, nullable: true })
  @IsOptional()
  @IsIn(CIVILITIES, { message: 'La civilité doit être madame ou monsieur.' })
  civility?: Civility | null;

  @RequiredText('Le prénom', NAME_MAX_LENGTH, { example: 'Camille' })
  firstName!: string;

  @RequiredText('Le nom', NAME_MAX_LENGTH, { example: 'Lefèvre' })
  lastName!: string;

  @ApiProperty({ enum: GUARDIAN_RELATIONSHIPS, description: 'Relationship to the children.' })
  @IsIn(GUARDIAN_RELATIONSHIPS, { message: 'Le lien avec les enfants est invalide.' })
  relationship!: GuardianRelationship;

  @RequiredPhone('Le téléphone', { example: '06 12 34 56 78' })
  phone!: string;

  @OptionalPhone('Le second téléphone', { example: '04 70 30 55 04' })
  otherPhone?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'email',
    maxLength: EMAIL_MAX_LENGTH,
    example: 'camille.lefevre@example.fr',
  })
  @IsOptional()
  @MaxLength(EMAIL_MAX_LENGTH, {
    message: `L'adresse e-mail ne doit pas dépasser ${EMAIL_MAX_LENGTH} caractères.`,
  })
  @IsEmail({}, { message: "L'adresse e-mail est invalide." })
  email?: string | null;

  @ApiProperty({ type: GuardianAddressInput })
  @IsDefined({ message: "L'adresse postale est obligatoire." })
  @IsObject({ message: "L'adresse postale doit être un objet." })
  @ValidateNested()
  @Type(() => GuardianAddressInput)
  address!: GuardianAddressInput;

  @ApiProperty({
    type: CommuneOfResidenceInput,
    description: 'Commune of residence: tariffs depend on it.',
  })
  @IsDefined({ message: 'La commune de résidence est obligatoire.' })
  @IsObject({ message: 'La commune de résidence doit être un objet.' })
  @ValidateNested()
  @Type(() => CommuneOfResidenceInput)
  commune!: CommuneOfResidenceInput;
}

/** The CAF number and the family quotient: absent fields are kept, `null` clears one. */
export class FamilyQuotientInput {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '1234567',
    pattern: CAF_NUMBER_PATTERN.source,
    maxLength: 7,
    description: 'Allocataire number at the CAF (7 digits).',
  })
  @IsOptional()
  @Matches(CAF_NUMBER_PATTERN, { message: 'Le numéro allocataire CAF doit comporter 7 chiffres.' })
  cafNumber?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    example: 612,
    minimum: 0,
    maximum: FAMILY_QUOTIENT_MAX,
    description: 'Quotient familial, in whole euros.',
  })
  @IsOptional()
  @IsInt({ message: 'Le quotient familial doit être un nombre entier d’euros.' })
  @Min(0, { message: 'Le quotient familial ne peut pas être négatif.' })
  @Max(FAMILY_QUOTIENT_MAX, { message: 'Le quotient familial ne peut pas dépasser 100 000 €.' })
  familyQuotient?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date', example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate('La date de validité du quotient familial')
  familyQuotientValidUntil?: string | null;
}

export class CreateHouseholdCommand extends FamilyQuotientInput {
  @ApiProperty({
    type: GuardianInput,
    description: 'The first guardian: the person who owns the calling account.',
  })
  @IsDefined({ message: 'Le premier responsable légal est obligatoire.' })
  @IsObject({ message: 'Le responsable légal doit être un objet.' })
  @ValidateNested()
  @Type(() => GuardianInput)
  guardian!: GuardianInput;
}

/** Absent fields are kept; `null` clears a field. */
export class UpdateHouseholdCommand extends IntersectionType(HouseholdRef, FamilyQuotientInput) {}
export class UpdateHouseholdBody extends OmitType(UpdateHouseholdCommand, [
  'householdId',
] as const) {}

export class HouseholdHistoryQuery extends HouseholdRef {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: HISTORY_LIMIT_MAX,
    default: 100,
    description: 'Most recent first; at most this many.',
  })
  @IsOptional()
  // A query string carries text: "20" becomes 20 (a number over NATS stays a number).
  @Type(() => Number)
  @IsInt({ message: 'La limite doit être un nombre entier.' })
  @Min(1, { message: 'La limite doit être au moins 1.' })
  @Max(HISTORY_LIMIT_MAX, { message: 'La limite ne peut pas dépasser 500.' })
  limit?: number;
}
/** The query string of GET /households/:householdId/history. */
export class HouseholdHistoryParams extends OmitType(HouseholdHistoryQuery, [
  'householdId',
] as const) {}

export class AddGuardianCommand extends IntersectionType(HouseholdRef, GuardianInput) {}

export class RemoveGuardianCommand extends HouseholdRef {
  @UuidField(GUARDIAN_ID)
  guardianId!: string;
}

/** A full replacement (PUT): the history keeps only the fields that changed. */
export class UpdateGuardianCommand extends IntersectionType(RemoveGuardianCommand, GuardianInput) {}
export class GuardianPath extends PickType(UpdateGuardianCommand, [
  'householdId',
  'guardianId',
] as const) {}

/**
 * Service to service (enrolment): a family's own household by `accountId`, or one by
 * `householdId`. Exactly one of the two (checked by identity: class-validator has no such rule).
 */
export class HouseholdProfileQuery {
  @OptionalUuidField("L'identifiant du compte", 'A family account: the household it belongs to.')
  accountId?: string;

  @OptionalUuidField(HOUSEHOLD_ID)
  householdId?: string;
}

/** At most this many children per `identity.children.profiles` query (a site's daily list). */
export const MAX_CHILD_PROFILES = 500;

export class ChildrenProfilesQuery {
  @ArrayNotEmpty({ message: 'Au moins un enfant doit être demandé.' })
  @UuidListField('Les identifiants des enfants', MAX_CHILD_PROFILES)
  childIds!: string[];
}

// Households and guardians: replies

export class GuardianView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  householdId!: string;

  @ApiProperty({ description: 'The first guardian: account holder and billing addressee.' })
  primary!: boolean;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The family account of this guardian, when linked.',
  })
  accountId!: string | null;

  @ApiProperty({ enum: CIVILITIES, nullable: true })
  civility!: Civility | null;

  @ApiProperty({ example: 'Camille' })
  firstName!: string;

  @ApiProperty({ example: 'Lefèvre' })
  lastName!: string;

  @ApiProperty({ enum: GUARDIAN_RELATIONSHIPS })
  relationship!: GuardianRelationship;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '06 12 34 56 78',
    description: 'Null only once the household was anonymised (account closed).',
  })
  phone!: string | null;

  @ApiProperty({ type: String, nullable: true })
  otherPhone!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'email' })
  email!: string | null;

  @ApiProperty({ type: GuardianAddress, nullable: true })
  address!: GuardianAddress | null;

  @ApiProperty({ type: CommuneOfResidence, nullable: true })
  commune!: CommuneOfResidence | null;
}

// Children: requests

export class AuthorisedPickup {
  @RequiredText('Le nom de la personne autorisée', NAME_MAX_LENGTH, { example: 'Jeanne Lefèvre' })
  name!: string;

  @RequiredText('Le lien avec l’enfant', NAME_MAX_LENGTH, { example: 'grand-mère' })
  relationship!: string;

  @RequiredPhone('Le téléphone de la personne autorisée', { example: '06 98 76 54 32' })
  phone!: string;
}

export class ChildHealthInput {
  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_ALLERGIES,
    maxLength: NAME_MAX_LENGTH,
    example: ['arachide'],
    description: `Each at most ${NAME_MAX_LENGTH} characters.`,
  })
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

  @OptionalText('Le détail du PAI', LONG_TEXT_MAX_LENGTH, {
    example: 'Trousse d’urgence (stylo d’adrénaline) dans le sac.',
  })
  paiDetails?: string | null;

  @OptionalText('Le nom du médecin', NAME_MAX_LENGTH, { example: 'Dr Anne Morel' })
  doctorName?: string | null;

  @OptionalPhone('Le téléphone du médecin', { example: '04 70 98 12 34' })
  doctorPhone?: string | null;
}

export class ChildAuthorisationsInput {
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: "Le droit à l'image doit valoir true ou false." })
  imageRights?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: "L'autorisation de partir seul doit valoir true ou false." })
  mayLeaveAlone?: boolean;

  @ApiPropertyOptional({ type: [AuthorisedPickup], maxItems: MAX_PICKUPS })
  @IsOptional()
  @IsArray({ message: 'Les personnes autorisées doivent être une liste.' })
  @ArrayMaxSize(MAX_PICKUPS, {
    message: `Au plus ${MAX_PICKUPS} personnes autorisées peuvent être indiquées.`,
  })
  @ValidateNested({ each: true })
  @Type(() => AuthorisedPickup)
  authorisedPickups?: AuthorisedPickup[];
}

/** A child as the family declares it; on PUT, absent optional parts take their defaults again. */
export class ChildInput {
  @RequiredText('Le prénom', NAME_MAX_LENGTH, { example: 'Iris' })
  firstName!: string;

  @RequiredText('Le nom', NAME_MAX_LENGTH, { example: 'Lefèvre' })
  lastName!: string;

  @BirthDate()
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

  // `string | null` reflects as Object: name the type.
  @ApiPropertyOptional({ type: String, nullable: true })
  @OptionalUuidField("L'identifiant de l'école", 'A school of the directory, when known.')
  schoolId?: string | null;

  @OptionalText("Le nom de l'école", NAME_MAX_LENGTH * 2, {
    example: 'École élémentaire Jean Zay, Cusset',
    description: 'Taken from the directory when schoolId is given and this is not.',
  })
  schoolName?: string | null;

  @ApiPropertyOptional({ type: ChildHealthInput })
  @IsOptional()
  @IsObject({ message: 'Les informations de santé doivent être un objet.' })
  @ValidateNested()
  @Type(() => ChildHealthInput)
  health?: ChildHealthInput;

  @ApiPropertyOptional({ type: ChildAuthorisationsInput })
  @IsOptional()
  @IsObject({ message: 'Les autorisations doivent être un objet.' })
  @ValidateNested()
  @Type(() => ChildAuthorisationsInput)
  authorisations?: ChildAuthorisationsInput;
}

export class CreateChildCommand extends IntersectionType(HouseholdRef, ChildInput) {}

export class GetChildQuery extends HouseholdRef {
  @UuidField(CHILD_ID)
  childId!: string;
}

/** A full replacement (PUT): absent optional parts take their defaults again. */
export class UpdateChildCommand extends IntersectionType(GetChildQuery, ChildInput) {}
export class ChildPath extends PickType(UpdateChildCommand, ['householdId', 'childId'] as const) {}

// Children: replies

export class ChildHealth {
  @ApiProperty({ type: [String], example: ['arachide'] })
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

export class ChildAuthorisations {
  @ApiProperty()
  imageRights!: boolean;

  @ApiProperty()
  mayLeaveAlone!: boolean;

  @ApiProperty({ type: [AuthorisedPickup] })
  authorisedPickups!: AuthorisedPickup[];
}

export class ChildView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  householdId!: string;

  @ApiProperty({ example: 'Iris' })
  firstName!: string;

  @ApiProperty({ example: 'Lefèvre' })
  lastName!: string;

  @ApiProperty({ format: 'date', example: '2016-05-14' })
  birthDate!: string;

  @ApiProperty({
    enum: CHILD_SEXES,
    nullable: true,
    description: 'Null only once the household was anonymised (account closed).',
  })
  sex!: ChildSex | null;

  @ApiProperty({ enum: SCHOOL_LEVELS, nullable: true })
  schoolLevel!: SchoolLevel | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  schoolId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  schoolName!: string | null;

  @ApiProperty({ type: ChildHealth })
  health!: ChildHealth;

  @ApiProperty({ type: ChildAuthorisations })
  authorisations!: ChildAuthorisations;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class HouseholdView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '1234567',
    description: 'Allocataire number at the CAF (7 digits).',
  })
  cafNumber!: string | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 612,
    description: 'Quotient familial, in whole euros.',
  })
  familyQuotient!: number | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  familyQuotientValidUntil!: string | null;

  @ApiProperty({ type: [GuardianView] })
  guardians!: GuardianView[];

  @ApiProperty({ type: [ChildView] })
  children!: ChildView[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

// History

export const HOUSEHOLD_CHANGE_ENTITIES = ['household', 'guardian', 'child'] as const;
export type HouseholdChangeEntity = (typeof HOUSEHOLD_CHANGE_ENTITIES)[number];
export const HOUSEHOLD_CHANGE_ACTIONS = ['created', 'updated', 'removed', 'anonymised'] as const;
export type HouseholdChangeAction = (typeof HOUSEHOLD_CHANGE_ACTIONS)[number];

export class HouseholdChangeActor {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({ enum: ['family', 'agent', 'admin'] })
  kind!: CallerKind;
}

/** One change of a household, its guardians or children: who, when, what before and after. */
export class HouseholdChangeView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  householdId!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: HouseholdChangeActor })
  actor!: HouseholdChangeActor;

  @ApiProperty({ enum: HOUSEHOLD_CHANGE_ENTITIES })
  entity!: HouseholdChangeEntity;

  @ApiProperty({ format: 'uuid' })
  entityId!: string;

  @ApiProperty({ enum: HOUSEHOLD_CHANGE_ACTIONS })
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

// Privacy (RGPD)

export class PersonalDataAddress {
  @ApiProperty({ type: String, nullable: true, example: '12 rue de Flandre' })
  line1!: string | null;

  @ApiProperty({ type: String, nullable: true })
  line2!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '03200' })
  postalCode!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Vichy' })
  city!: string | null;
}

export class PersonalDataAccount {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'email', example: 'camille.lefevre@example.fr' })
  email!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'email',
    description: 'A new address waiting for its verification.',
  })
  pendingEmail!: string | null;

  @ApiProperty({ example: 'Camille' })
  firstName!: string;

  @ApiProperty({ example: 'Lefèvre' })
  lastName!: string;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;

  @ApiProperty({ type: PersonalDataAddress })
  address!: PersonalDataAddress;

  @ApiProperty({ example: 'active' })
  status!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  emailVerifiedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class PersonalDataConsents {
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  termsAcceptedAt!: string | null;
}

/** Everything identity knows about a family, as `GET /me/personal-data` hands it over. */
export class PersonalDataExport {
  @ApiProperty({ format: 'date-time' })
  exportedAt!: string;

  @ApiProperty({ type: PersonalDataAccount })
  account!: PersonalDataAccount;

  @ApiProperty({ type: PersonalDataConsents })
  consents!: PersonalDataConsents;

  @ApiProperty({ type: HouseholdView, nullable: true })
  household!: HouseholdView | null;

  @ApiProperty({ type: [HouseholdChangeView] })
  history!: HouseholdChangeView[];

  @ApiProperty({
    description:
      'What other services hold (requests, bookings, invoices) and how to obtain it, in French.',
  })
  notice!: string;
}

export class CloseAccountCommand {
  @ApiProperty({ description: 'Must be true: closing an account cannot be undone.', example: true })
  @IsBoolean({ message: 'La confirmation doit valoir true ou false.' })
  confirm!: boolean;

  /** Not trimmed: a password is compared as typed. */
  @ApiProperty({
    description: 'The current password: closing needs the person, not only a session.',
    format: 'password',
    maxLength: PASSWORD_MAX_LENGTH,
  })
  @IsString({ message: 'Le mot de passe doit être un texte.' })
  @IsNotEmpty({ message: 'Le mot de passe actuel est obligatoire.' })
  @MaxLength(PASSWORD_MAX_LENGTH, {
    message: `Le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`,
  })
  password!: string;
}

export class AccountClosedView {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({ format: 'date-time' })
  closedAt!: string;

  @ApiProperty({ description: 'For the family, in French: what was erased, what is kept and why.' })
  message!: string;

  @ApiProperty({ type: [String], description: 'What the law requires to keep, and why (French).' })
  kept!: string[];
}

declare module '../requests' {
  interface RequestReplies {
    [HouseholdSubjects.create]: { request: CreateHouseholdCommand; reply: HouseholdView };
    [HouseholdSubjects.getMine]: { request: NoPayload; reply: HouseholdView };
    /** Service to service: the municipal services the calling family's household deals with. */
    [HouseholdSubjects.myServiceIds]: { request: NoPayload; reply: string[] };
    /** Service to service (enrolment), never routed by the gateway. */
    [HouseholdSubjects.enrolmentProfile]: {
      request: HouseholdProfileQuery;
      reply: HouseholdProfile;
    };
    [HouseholdSubjects.get]: { request: HouseholdRef; reply: HouseholdView };
    [HouseholdSubjects.update]: { request: UpdateHouseholdCommand; reply: HouseholdView };
    [HouseholdSubjects.history]: { request: HouseholdHistoryQuery; reply: HouseholdChangeView[] };
    [HouseholdSubjects.guardiansAdd]: { request: AddGuardianCommand; reply: GuardianView };
    [HouseholdSubjects.guardiansUpdate]: { request: UpdateGuardianCommand; reply: GuardianView };
    [HouseholdSubjects.guardiansRemove]: { request: RemoveGuardianCommand; reply: NoReply };
    [HouseholdSubjects.childrenCreate]: { request: CreateChildCommand; reply: ChildView };
    [HouseholdSubjects.childrenGet]: { request: GetChildQuery; reply: ChildView };
    [HouseholdSubjects.childrenUpdate]: { request: UpdateChildCommand; reply: ChildView };
    /** Service to service (reservation), never routed by the gateway; unknown ids are left out. */
    [HouseholdSubjects.childrenProfiles]: { request: ChildrenProfilesQuery; reply: ChildView[] };
    [PrivacySubjects.exportPersonalData]: { request: NoPayload; reply: PersonalDataExport };
    [PrivacySubjects.closeAccount]: { request: CloseAccountCommand; reply: AccountClosedView };
  }
}

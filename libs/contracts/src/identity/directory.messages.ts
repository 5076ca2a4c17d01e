import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsUrl,
  Matches,
  ValidateNested,
} from 'class-validator';
import type { JSONWebKeySet } from 'jose';
import {
  CODE_PATTERN,
  IfPresent,
  OptionalFrenchPhone,
  OptionalText,
  POSTAL_CODE_PATTERN,
  QueryBoolean,
  RequiredCode,
  RequiredText,
  UuidField,
} from '@portail/validation';
import { OrganisationView } from '../organisation';
import type { NoPayload } from '../requests';
import { Subjects } from '../subjects';
import {
  CODE_MAX_LENGTH,
  DIRECTORY_NAME_MAX_LENGTH,
  DirectorySubjects,
  MUNICIPAL_SERVICE_CATEGORIES,
  ORGANISATION_KINDS,
  SCHOOL_KINDS,
  type MunicipalServiceCategory,
  type OrganisationKind,
  type SchoolKind,
} from './directory';
import { INSEE_CODE_PATTERN } from './households';

/*
 * The directory (organisations, their municipal services and their schools): each command,
 * query and reply declared once. The class is the payload type, the validation (gateway pipe,
 * then identity's pipe) and the OpenAPI schema all at once.
 */

const NAME_MAX = DIRECTORY_NAME_MAX_LENGTH;
const CATEGORY_MESSAGE = `La catégorie doit être l'une de : ${MUNICIPAL_SERVICE_CATEGORIES.join(', ')}.`;
const SCHOOL_KIND_MESSAGE = 'Le type d’école doit être maternelle ou elementaire.';
const ORGANISATION_ID = "L'identifiant de la collectivité";
const DEACTIVATES = 'false deactivates (nothing is ever deleted).';
const CONTACT_INVALID = { message: 'Les coordonnées sont invalides.' };
const ADDRESS_INVALID = { message: "L'adresse est invalide." };

/** A commune's INSEE code (communes only; null removes it). */
function InseeCodeField(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({
      type: String,
      nullable: true,
      example: '03310',
      pattern: INSEE_CODE_PATTERN.source,
      description:
        'Communes only: its INSEE code, by which communes typed in households and forms are linked to it.',
    })(target, key);
    IsOptional()(target, key);
    Matches(INSEE_CODE_PATTERN, { message: 'Le code INSEE de la commune est invalide.' })(
      target,
      key,
    );
  };
}

// ---------------------------------------------------------------------------------------------
// Parts shared by requests and replies.

/** Postal address; every part optional, as directories often know only part of it. */
export class DirectoryAddress {
  @ApiPropertyOptional({
    type: String,
    example: '37 rue Charloing',
    maxLength: 200,
    nullable: true,
  })
  @OptionalText("L'adresse", 200)
  addressLine1?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Bâtiment B', maxLength: 200, nullable: true })
  @OptionalText("Le complément d'adresse", 200)
  addressLine2?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '03700',
    pattern: POSTAL_CODE_PATTERN.source,
    maxLength: 5,
    nullable: true,
  })
  @OptionalText('Le code postal', 5)
  @Matches(POSTAL_CODE_PATTERN, { message: 'Le code postal doit comporter 5 chiffres.' })
  postalCode?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'Bellerive-sur-Allier',
    maxLength: 100,
    nullable: true,
  })
  @OptionalText('La commune', 100)
  city?: string | null;
}

/** How to reach an organisation or one of its services. */
export class ContactDetails extends DirectoryAddress {
  @ApiPropertyOptional({ type: String, example: '04 70 30 55 04', maxLength: 30, nullable: true })
  @OptionalFrenchPhone('Le téléphone')
  phone?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '04 70 30 55 90',
    maxLength: 30,
    nullable: true,
    description: 'Voicemail number ("messagerie vocale").',
  })
  @OptionalFrenchPhone('La messagerie vocale')
  voicemail?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'email',
    example: 'restauration@ville-vichy.fr',
    maxLength: 254,
    nullable: true,
  })
  @OptionalText("L'adresse e-mail", 254)
  @IsEmail({}, { message: "L'adresse e-mail est invalide." })
  email?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uri',
    example: 'https://www.ville-vichy.fr',
    maxLength: 300,
    nullable: true,
  })
  @OptionalText('Le site internet', 300)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'Le site internet doit être une adresse http ou https valide.' },
  )
  website?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: 'Du lundi au vendredi de 8h30 à 12h00 et de 13h30 à 17h00',
    maxLength: 500,
    nullable: true,
  })
  @OptionalText("Les horaires d'ouverture", 500)
  openingHours?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: 'People to ask for.',
    example: 'Claire MARTIN et Paul DUMAS',
    maxLength: 300,
    nullable: true,
  })
  @OptionalText('Les interlocuteurs', 300)
  contactNames?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Replies.

export class MunicipalServiceView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({
    example: 'school-catering',
    description: 'Stable within its organisation: other services refer to it.',
  })
  code!: string;

  @ApiProperty({ example: 'Restauration scolaire' })
  name!: string;

  @ApiProperty({ enum: MUNICIPAL_SERVICE_CATEGORIES })
  category!: MunicipalServiceCategory;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ type: ContactDetails })
  contact!: ContactDetails;

  @ApiProperty()
  active!: boolean;
}

export class OrganisationDetailsView extends OrganisationView {
  @ApiProperty({ type: ContactDetails })
  contact!: ContactDetails;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({
    type: [MunicipalServiceView],
    description: 'Active services only, unless inactive entries are asked for.',
  })
  services!: MunicipalServiceView[];
}

export class SchoolView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({ example: 'École maternelle Alexandre Varenne' })
  name!: string;

  @ApiProperty({ enum: SCHOOL_KINDS })
  kind!: SchoolKind;

  @ApiProperty({ type: DirectoryAddress })
  address!: DirectoryAddress;

  @ApiProperty({ type: String, nullable: true, example: '04 70 32 05 42' })
  phone!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Sophie BERNARD' })
  directorName!: string | null;

  @ApiProperty()
  active!: boolean;
}

// ---------------------------------------------------------------------------------------------
// Organisations.

export class ListOrganisationsQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'Also list deactivated entries.' })
  @QueryBoolean('includeInactive')
  includeInactive?: boolean;
}

export class GetOrganisationQuery {
  @UuidField(ORGANISATION_ID)
  id!: string;
}

/** `/organisations/{id}/…`: the organisation of the path. */
export class OrganisationPath extends PickType(GetOrganisationQuery, ['id'] as const) {}

export class CreateOrganisationCommand {
  @ApiProperty({ example: 'vichy', pattern: CODE_PATTERN.source, maxLength: CODE_MAX_LENGTH })
  @RequiredCode("L'identifiant court", CODE_MAX_LENGTH)
  slug!: string;

  @ApiProperty({ example: 'Vichy', maxLength: NAME_MAX })
  @RequiredText('Le nom', NAME_MAX)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS, { message: 'Le type doit être intercommunality ou commune.' })
  kind!: OrganisationKind;

  @InseeCodeField()
  inseeCode?: string | null;

  @ApiPropertyOptional({ type: ContactDetails })
  @IsOptional()
  @ValidateNested(CONTACT_INVALID)
  @Type(() => ContactDetails)
  contact?: ContactDetails;
}

export class UpdateOrganisationCommand {
  @UuidField(ORGANISATION_ID)
  id!: string;

  @ApiPropertyOptional({ example: 'Vichy', maxLength: NAME_MAX })
  @IfPresent()
  @RequiredText('Le nom', NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ type: ContactDetails, description: 'Replaces the contact details.' })
  @IsOptional()
  @ValidateNested(CONTACT_INVALID)
  @Type(() => ContactDetails)
  contact?: ContactDetails;

  @ApiPropertyOptional({ description: DEACTIVATES })
  @IfPresent()
  @IsBoolean({ message: 'active doit être un booléen.' })
  active?: boolean;

  @InseeCodeField()
  inseeCode?: string | null;
}

export class UpdateOrganisationBody extends OmitType(UpdateOrganisationCommand, ['id'] as const) {}

// ---------------------------------------------------------------------------------------------
// Municipal services.

export class GetMunicipalServiceQuery {
  @UuidField("L'identifiant du service")
  id!: string;
}

/** `/municipal-services/{id}`. */
export class MunicipalServicePath extends PickType(GetMunicipalServiceQuery, ['id'] as const) {}

export class CreateMunicipalServiceCommand {
  @UuidField(ORGANISATION_ID)
  organisationId!: string;

  @ApiProperty({
    example: 'school-catering',
    pattern: CODE_PATTERN.source,
    maxLength: CODE_MAX_LENGTH,
  })
  @RequiredCode('Le code', CODE_MAX_LENGTH)
  code!: string;

  @ApiProperty({ example: 'Restauration scolaire', maxLength: NAME_MAX })
  @RequiredText('Le nom', NAME_MAX)
  name!: string;

  @ApiProperty({ enum: MUNICIPAL_SERVICE_CATEGORIES })
  @IsIn(MUNICIPAL_SERVICE_CATEGORIES, { message: CATEGORY_MESSAGE })
  category!: MunicipalServiceCategory;

  @ApiPropertyOptional({
    type: String,
    example: 'Repas des écoles maternelles et élémentaires de Vichy.',
    maxLength: 2000,
    nullable: true,
  })
  @OptionalText('La description', 2000)
  description?: string | null;

  @ApiPropertyOptional({ type: ContactDetails })
  @IsOptional()
  @ValidateNested(CONTACT_INVALID)
  @Type(() => ContactDetails)
  contact?: ContactDetails;
}

/** `POST /organisations/{id}/services`: the organisation comes from the path. */
export class CreateMunicipalServiceBody extends OmitType(CreateMunicipalServiceCommand, [
  'organisationId',
] as const) {}

export class UpdateMunicipalServiceCommand {
  @UuidField("L'identifiant du service")
  id!: string;

  @ApiPropertyOptional({ example: 'Restauration scolaire', maxLength: NAME_MAX })
  @IfPresent()
  @RequiredText('Le nom', NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ enum: MUNICIPAL_SERVICE_CATEGORIES })
  @IfPresent()
  @IsIn(MUNICIPAL_SERVICE_CATEGORIES, { message: CATEGORY_MESSAGE })
  category?: MunicipalServiceCategory;

  @ApiPropertyOptional({ type: String, maxLength: 2000, nullable: true })
  @OptionalText('La description', 2000)
  description?: string | null;

  @ApiPropertyOptional({ type: ContactDetails, description: 'Replaces the contact details.' })
  @IsOptional()
  @ValidateNested(CONTACT_INVALID)
  @Type(() => ContactDetails)
  contact?: ContactDetails;

  @ApiPropertyOptional({ description: DEACTIVATES })
  @IfPresent()
  @IsBoolean({ message: 'active doit être un booléen.' })
  active?: boolean;
}

export class UpdateMunicipalServiceBody extends OmitType(UpdateMunicipalServiceCommand, [
  'id',
] as const) {}

// ---------------------------------------------------------------------------------------------
// Schools.

export class ListSchoolsQuery {
  @UuidField(ORGANISATION_ID)
  organisationId!: string;

  @ApiPropertyOptional({ enum: SCHOOL_KINDS })
  @IsOptional()
  @IsIn(SCHOOL_KINDS, { message: SCHOOL_KIND_MESSAGE })
  kind?: SchoolKind;

  @ApiPropertyOptional({
    description: 'Part of the name or city, case-insensitive.',
    example: 'Cusset',
    maxLength: 100,
  })
  @OptionalText('La recherche', 100)
  search?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Also list deactivated entries.' })
  @QueryBoolean('includeInactive')
  includeInactive?: boolean;
}

/** `GET /organisations/{id}/schools?…`: the filters of the query string. */
export class ListSchoolsFilter extends OmitType(ListSchoolsQuery, ['organisationId'] as const) {}

export class GetSchoolQuery {
  @UuidField("L'identifiant de l'école")
  id!: string;
}

/** `/schools/{id}`. */
export class SchoolPath extends PickType(GetSchoolQuery, ['id'] as const) {}

export class CreateSchoolCommand {
  @UuidField(ORGANISATION_ID)
  organisationId!: string;

  @ApiProperty({ example: 'École maternelle Jean Zay', maxLength: NAME_MAX })
  @RequiredText('Le nom', NAME_MAX)
  name!: string;

  @ApiProperty({ enum: SCHOOL_KINDS })
  @IsIn(SCHOOL_KINDS, { message: SCHOOL_KIND_MESSAGE })
  kind!: SchoolKind;

  @ApiPropertyOptional({ type: DirectoryAddress })
  @IsOptional()
  @ValidateNested(ADDRESS_INVALID)
  @Type(() => DirectoryAddress)
  address?: DirectoryAddress;

  @ApiPropertyOptional({ type: String, example: '04 70 32 31 42', maxLength: 30, nullable: true })
  @OptionalFrenchPhone('Le téléphone')
  phone?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Sophie BERNARD', maxLength: 120, nullable: true })
  @OptionalText('Le nom du directeur ou de la directrice', 120)
  directorName?: string | null;
}

/** `POST /organisations/{id}/schools`: the organisation comes from the path. */
export class CreateSchoolBody extends OmitType(CreateSchoolCommand, ['organisationId'] as const) {}

export class UpdateSchoolCommand {
  @UuidField("L'identifiant de l'école")
  id!: string;

  @ApiPropertyOptional({ example: 'École maternelle Jean Zay', maxLength: NAME_MAX })
  @IfPresent()
  @RequiredText('Le nom', NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ enum: SCHOOL_KINDS })
  @IfPresent()
  @IsIn(SCHOOL_KINDS, { message: SCHOOL_KIND_MESSAGE })
  kind?: SchoolKind;

  @ApiPropertyOptional({ type: DirectoryAddress, description: 'Replaces the address.' })
  @IsOptional()
  @ValidateNested(ADDRESS_INVALID)
  @Type(() => DirectoryAddress)
  address?: DirectoryAddress;

  @ApiPropertyOptional({ type: String, example: '04 70 32 31 42', maxLength: 30, nullable: true })
  @OptionalFrenchPhone('Le téléphone')
  phone?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Sophie BERNARD', maxLength: 120, nullable: true })
  @OptionalText('Le nom du directeur ou de la directrice', 120)
  directorName?: string | null;

  @ApiPropertyOptional({ description: DEACTIVATES })
  @IfPresent()
  @IsBoolean({ message: 'active doit être un booléen.' })
  active?: boolean;
}

export class UpdateSchoolBody extends OmitType(UpdateSchoolCommand, ['id'] as const) {}

declare module '../requests' {
  interface RequestReplies {
    [Subjects.identity.organisationsList]: {
      request: ListOrganisationsQuery;
      reply: OrganisationDetailsView[];
    };
    [Subjects.identity.organisationsGet]: {
      request: GetOrganisationQuery;
      reply: OrganisationDetailsView;
    };
    /** The public keys of access tokens (the gateway verifies tokens with them). */
    [Subjects.identity.keysJwks]: { request: NoPayload; reply: JSONWebKeySet };
    [DirectorySubjects.organisationsCreate]: {
      request: CreateOrganisationCommand;
      reply: OrganisationDetailsView;
    };
    [DirectorySubjects.organisationsUpdate]: {
      request: UpdateOrganisationCommand;
      reply: OrganisationDetailsView;
    };
    [DirectorySubjects.municipalServicesGet]: {
      request: GetMunicipalServiceQuery;
      reply: MunicipalServiceView;
    };
    [DirectorySubjects.municipalServicesCreate]: {
      request: CreateMunicipalServiceCommand;
      reply: MunicipalServiceView;
    };
    [DirectorySubjects.municipalServicesUpdate]: {
      request: UpdateMunicipalServiceCommand;
      reply: MunicipalServiceView;
    };
    [DirectorySubjects.schoolsList]: { request: ListSchoolsQuery; reply: SchoolView[] };
    [DirectorySubjects.schoolsGet]: { request: GetSchoolQuery; reply: SchoolView };
    [DirectorySubjects.schoolsCreate]: { request: CreateSchoolCommand; reply: SchoolView };
    [DirectorySubjects.schoolsUpdate]: { request: UpdateSchoolCommand; reply: SchoolView };
  }
}

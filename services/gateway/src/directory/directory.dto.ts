import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  MUNICIPAL_SERVICE_CATEGORIES,
  ORGANISATION_KINDS,
  SCHOOL_KINDS,
  type ContactDetails,
  type CreateMunicipalServiceCommand,
  type CreateOrganisationCommand,
  type CreateSchoolCommand,
  type DirectoryAddress,
  type MunicipalServiceCategory,
  type MunicipalServiceView,
  type OrganisationDetailsView,
  type OrganisationKind,
  type SchoolKind,
  type SchoolView,
  type UpdateMunicipalServiceCommand,
  type UpdateOrganisationCommand,
  type UpdateSchoolCommand,
} from '@portail/contracts';
import {
  CODE_PATTERN,
  IfPresent,
  OptionalPhone,
  OptionalText,
  QueryBoolean,
  RequiredText,
} from './validation';

const CATEGORY_MESSAGE = `La catégorie doit être l'une de : ${MUNICIPAL_SERVICE_CATEGORIES.join(', ')}.`;
const SCHOOL_KIND_MESSAGE = 'Le type d’école doit être maternelle ou elementaire.';

export class DirectoryAddressDto implements DirectoryAddress {
  @ApiPropertyOptional({ example: '37 rue Charloing', maxLength: 200, nullable: true })
  @OptionalText("L'adresse", 200)
  addressLine1?: string | null;

  @ApiPropertyOptional({ maxLength: 200, nullable: true })
  @OptionalText("Le complément d'adresse", 200)
  addressLine2?: string | null;

  @ApiPropertyOptional({ example: '03700', pattern: '^\\d{5}$', nullable: true })
  @OptionalText('Le code postal', 5)
  @Matches(/^\d{5}$/, { message: 'Le code postal doit comporter 5 chiffres.' })
  postalCode?: string | null;

  @ApiPropertyOptional({ example: 'Bellerive-sur-Allier', maxLength: 100, nullable: true })
  @OptionalText('La commune', 100)
  city?: string | null;
}

export class ContactDetailsDto extends DirectoryAddressDto implements ContactDetails {
  @ApiPropertyOptional({ example: '04 70 30 55 04', nullable: true })
  @OptionalPhone('Le téléphone')
  phone?: string | null;

  @ApiPropertyOptional({
    example: '04 70 30 55 90',
    nullable: true,
    description: 'Voicemail number ("messagerie vocale").',
  })
  @OptionalPhone('La messagerie vocale')
  voicemail?: string | null;

  @ApiPropertyOptional({ example: 'restauration@ville-vichy.fr', maxLength: 254, nullable: true })
  @OptionalText("L'adresse e-mail", 254)
  @IsEmail({}, { message: "L'adresse e-mail est invalide." })
  email?: string | null;

  @ApiPropertyOptional({ example: 'https://www.ville-vichy.fr', maxLength: 300, nullable: true })
  @OptionalText('Le site internet', 300)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'Le site internet doit être une adresse http(s) valide.' },
  )
  website?: string | null;

  @ApiPropertyOptional({
    example: 'Du lundi au vendredi de 8h30 à 12h00 et de 13h30 à 17h00',
    maxLength: 500,
    nullable: true,
  })
  @OptionalText("Les horaires d'ouverture", 500)
  openingHours?: string | null;

  @ApiPropertyOptional({
    description: 'People to ask for.',
    example: 'Claire MARTIN et Paul DUMAS',
    maxLength: 300,
    nullable: true,
  })
  @OptionalText('Les interlocuteurs', 300)
  contactNames?: string | null;
}

export class MunicipalServiceDto implements MunicipalServiceView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({ example: 'school-catering', description: 'Stable within its organisation.' })
  code!: string;

  @ApiProperty({ example: 'Restauration scolaire' })
  name!: string;

  @ApiProperty({ enum: MUNICIPAL_SERVICE_CATEGORIES })
  category!: MunicipalServiceCategory;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ type: ContactDetailsDto })
  contact!: ContactDetailsDto;

  @ApiProperty()
  active!: boolean;
}

export class OrganisationDetailsDto implements OrganisationDetailsView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'vichy' })
  slug!: string;

  @ApiProperty({ example: 'Vichy' })
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  kind!: OrganisationKind;

  @ApiProperty({ type: ContactDetailsDto })
  contact!: ContactDetailsDto;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ type: [MunicipalServiceDto] })
  services!: MunicipalServiceDto[];
}

export class SchoolDto implements SchoolView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({ example: 'École maternelle Alexandre Varenne' })
  name!: string;

  @ApiProperty({ enum: SCHOOL_KINDS })
  kind!: SchoolKind;

  @ApiProperty({ type: DirectoryAddressDto })
  address!: DirectoryAddressDto;

  @ApiProperty({ type: String, nullable: true, example: '04 70 32 05 42' })
  phone!: string | null;

  @ApiProperty({ type: String, nullable: true })
  directorName!: string | null;

  @ApiProperty()
  active!: boolean;
}

export class IncludeInactiveQuery {
  @ApiPropertyOptional({ description: 'Also list deactivated entries.', type: Boolean })
  @QueryBoolean('includeInactive')
  includeInactive?: boolean;
}

export class ListSchoolsQueryDto extends IncludeInactiveQuery {
  @ApiPropertyOptional({ enum: SCHOOL_KINDS })
  @IsOptional()
  @IsIn(SCHOOL_KINDS, { message: SCHOOL_KIND_MESSAGE })
  kind?: SchoolKind;

  @ApiPropertyOptional({ description: 'Part of the name or city.', maxLength: 100 })
  @OptionalText('La recherche', 100)
  search?: string;
}

export class CreateOrganisationDto implements CreateOrganisationCommand {
  @ApiProperty({ example: 'vichy', pattern: CODE_PATTERN.source, maxLength: 60 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @MaxLength(60, { message: "L'identifiant court ne doit pas dépasser 60 caractères." })
  @Matches(CODE_PATTERN, {
    message: "L'identifiant court ne contient que des minuscules, des chiffres et des tirets.",
  })
  slug!: string;

  @ApiProperty({ example: 'Vichy', maxLength: 200 })
  @RequiredText('Le nom', 200)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS, { message: 'Le type doit être intercommunality ou commune.' })
  kind!: OrganisationKind;

  @ApiPropertyOptional({ type: ContactDetailsDto })
  @IsOptional()
  @ValidateNested({ message: 'Les coordonnées sont invalides.' })
  @Type(() => ContactDetailsDto)
  contact?: ContactDetailsDto;
}

export class UpdateOrganisationDto implements Omit<UpdateOrganisationCommand, 'id'> {
  @ApiPropertyOptional({ maxLength: 200 })
  @IfPresent()
  @RequiredText('Le nom', 200)
  name?: string;

  @ApiPropertyOptional({ type: ContactDetailsDto, description: 'Replaces the contact details.' })
  @IsOptional()
  @ValidateNested({ message: 'Les coordonnées sont invalides.' })
  @Type(() => ContactDetailsDto)
  contact?: ContactDetailsDto;

  @ApiPropertyOptional({ description: 'false deactivates (nothing is ever deleted).' })
  @IfPresent()
  @IsBoolean({ message: 'active doit être un booléen.' })
  active?: boolean;
}

export class CreateMunicipalServiceDto implements Omit<
  CreateMunicipalServiceCommand,
  'organisationId'
> {
  @ApiProperty({ example: 'school-catering', pattern: CODE_PATTERN.source, maxLength: 60 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @MaxLength(60, { message: 'Le code ne doit pas dépasser 60 caractères.' })
  @Matches(CODE_PATTERN, {
    message: 'Le code ne contient que des minuscules, des chiffres et des tirets.',
  })
  code!: string;

  @ApiProperty({ example: 'Restauration scolaire', maxLength: 200 })
  @RequiredText('Le nom', 200)
  name!: string;

  @ApiProperty({ enum: MUNICIPAL_SERVICE_CATEGORIES })
  @IsIn(MUNICIPAL_SERVICE_CATEGORIES, { message: CATEGORY_MESSAGE })
  category!: MunicipalServiceCategory;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @OptionalText('La description', 2000)
  description?: string | null;

  @ApiPropertyOptional({ type: ContactDetailsDto })
  @IsOptional()
  @ValidateNested({ message: 'Les coordonnées sont invalides.' })
  @Type(() => ContactDetailsDto)
  contact?: ContactDetailsDto;
}

export class UpdateMunicipalServiceDto implements Omit<UpdateMunicipalServiceCommand, 'id'> {
  @ApiPropertyOptional({ maxLength: 200 })
  @IfPresent()
  @RequiredText('Le nom', 200)
  name?: string;

  @ApiPropertyOptional({ enum: MUNICIPAL_SERVICE_CATEGORIES })
  @IfPresent()
  @IsIn(MUNICIPAL_SERVICE_CATEGORIES, { message: CATEGORY_MESSAGE })
  category?: MunicipalServiceCategory;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @OptionalText('La description', 2000)
  description?: string | null;

  @ApiPropertyOptional({ type: ContactDetailsDto, description: 'Replaces the contact details.' })
  @IsOptional()
  @ValidateNested({ message: 'Les coordonnées sont invalides.' })
  @Type(() => ContactDetailsDto)
  contact?: ContactDetailsDto;

  @ApiPropertyOptional({ description: 'false deactivates (nothing is ever deleted).' })
  @IfPresent()
  @IsBoolean({ message: 'active doit être un booléen.' })
  active?: boolean;
}

export class CreateSchoolDto implements Omit<CreateSchoolCommand, 'organisationId'> {
  @ApiProperty({ example: 'École maternelle Jean Zay', maxLength: 200 })
  @RequiredText('Le nom', 200)
  name!: string;

  @ApiProperty({ enum: SCHOOL_KINDS })
  @IsIn(SCHOOL_KINDS, { message: SCHOOL_KIND_MESSAGE })
  kind!: SchoolKind;

  @ApiPropertyOptional({ type: DirectoryAddressDto })
  @IsOptional()
  @ValidateNested({ message: "L'adresse est invalide." })
  @Type(() => DirectoryAddressDto)
  address?: DirectoryAddressDto;

  @ApiPropertyOptional({ example: '04 70 32 31 42', nullable: true })
  @OptionalPhone('Le téléphone')
  phone?: string | null;

  @ApiPropertyOptional({ maxLength: 120, nullable: true })
  @OptionalText('Le nom du directeur ou de la directrice', 120)
  directorName?: string | null;
}

export class UpdateSchoolDto implements Omit<UpdateSchoolCommand, 'id'> {
  @ApiPropertyOptional({ maxLength: 200 })
  @IfPresent()
  @RequiredText('Le nom', 200)
  name?: string;

  @ApiPropertyOptional({ enum: SCHOOL_KINDS })
  @IfPresent()
  @IsIn(SCHOOL_KINDS, { message: SCHOOL_KIND_MESSAGE })
  kind?: SchoolKind;

  @ApiPropertyOptional({ type: DirectoryAddressDto, description: 'Replaces the address.' })
  @IsOptional()
  @ValidateNested({ message: "L'adresse est invalide." })
  @Type(() => DirectoryAddressDto)
  address?: DirectoryAddressDto;

  @ApiPropertyOptional({ nullable: true })
  @OptionalPhone('Le téléphone')
  phone?: string | null;

  @ApiPropertyOptional({ maxLength: 120, nullable: true })
  @OptionalText('Le nom du directeur ou de la directrice', 120)
  directorName?: string | null;

  @ApiPropertyOptional({ description: 'false deactivates (nothing is ever deleted).' })
  @IfPresent()
  @IsBoolean({ message: 'active doit être un booléen.' })
  active?: boolean;
}

export class UuidParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: "L'identifiant doit être un UUID." })
  id!: string;
}

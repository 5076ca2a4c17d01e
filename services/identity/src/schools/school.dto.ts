import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import {
  SCHOOL_KINDS,
  type CreateSchoolCommand,
  type ListSchoolsQuery,
  type SchoolKind,
  type SchoolView,
  type UpdateSchoolCommand,
} from '@portail/contracts';
import {
  IfPresent,
  OptionalPhone,
  OptionalText,
  DirectoryAddressDto,
  RequiredText,
} from '../organisations/contact-details.dto';
import type { School } from './school.entity';

const KIND_MESSAGE = 'Le type d’école doit être maternelle ou elementaire.';

export class SchoolIdDto {
  @IsUUID('all', { message: "L'identifiant de l'école doit être un UUID." })
  id!: string;
}

export class ListSchoolsDto implements ListSchoolsQuery {
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  organisationId!: string;

  @IsOptional()
  @IsIn(SCHOOL_KINDS, { message: KIND_MESSAGE })
  kind?: SchoolKind;

  @OptionalText('La recherche', 100)
  search?: string;

  @IsOptional()
  @IsBoolean({ message: 'includeInactive doit être un booléen.' })
  includeInactive?: boolean;
}

export class CreateSchoolDto implements CreateSchoolCommand {
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  organisationId!: string;

  @RequiredText('Le nom', 200)
  name!: string;

  @IsIn(SCHOOL_KINDS, { message: KIND_MESSAGE })
  kind!: SchoolKind;

  @IsOptional()
  @ValidateNested({ message: "L'adresse est invalide." })
  @Type(() => DirectoryAddressDto)
  address?: DirectoryAddressDto;

  @OptionalPhone('Le téléphone')
  phone?: string | null;

  @OptionalText('Le nom du directeur ou de la directrice', 120)
  directorName?: string | null;
}

export class UpdateSchoolDto implements UpdateSchoolCommand {
  @IsUUID('all', { message: "L'identifiant de l'école doit être un UUID." })
  id!: string;

  @IfPresent()
  @RequiredText('Le nom', 200)
  name?: string;

  @IfPresent()
  @IsIn(SCHOOL_KINDS, { message: KIND_MESSAGE })
  kind?: SchoolKind;

  @IsOptional()
  @ValidateNested({ message: "L'adresse est invalide." })
  @Type(() => DirectoryAddressDto)
  address?: DirectoryAddressDto;

  @OptionalPhone('Le téléphone')
  phone?: string | null;

  @OptionalText('Le nom du directeur ou de la directrice', 120)
  directorName?: string | null;

  @IfPresent()
  @IsBoolean({ message: 'active doit être un booléen.' })
  active?: boolean;
}

export function toSchoolView(school: School): SchoolView {
  return {
    id: school.id,
    organisationId: school.organisationId,
    name: school.name,
    kind: school.kind,
    address: school.address,
    phone: school.phone,
    directorName: school.directorName,
    active: school.active,
  };
}

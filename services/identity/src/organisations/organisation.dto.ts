import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  ORGANISATION_KINDS,
  type CreateOrganisationCommand,
  type GetOrganisationQuery,
  type ListOrganisationsQuery,
  type MunicipalServiceView,
  type OrganisationDetailsView,
  type OrganisationKind,
  type UpdateOrganisationCommand,
} from '@portail/contracts';
import {
  CODE_PATTERN,
  ContactDetailsDto,
  IfPresent,
  RequiredText,
  trim,
} from './contact-details.dto';
import type { Organisation } from './organisation.entity';

export class GetOrganisationDto implements GetOrganisationQuery {
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  id!: string;
}

export class ListOrganisationsDto implements ListOrganisationsQuery {
  @IsOptional()
  @IsBoolean({ message: 'includeInactive doit être un booléen.' })
  includeInactive?: boolean;
}

export class CreateOrganisationDto implements CreateOrganisationCommand {
  @Transform(trim)
  @MaxLength(60, { message: "L'identifiant court ne doit pas dépasser 60 caractères." })
  @Matches(CODE_PATTERN, {
    message: "L'identifiant court ne contient que des minuscules, des chiffres et des tirets.",
  })
  slug!: string;

  @RequiredText('Le nom', 200)
  name!: string;

  @IsIn(ORGANISATION_KINDS, { message: 'Le type doit être intercommunality ou commune.' })
  kind!: OrganisationKind;

  @IsOptional()
  @ValidateNested({ message: 'Les coordonnées sont invalides.' })
  @Type(() => ContactDetailsDto)
  contact?: ContactDetailsDto;
}

export class UpdateOrganisationDto implements UpdateOrganisationCommand {
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  id!: string;

  @IfPresent()
  @RequiredText('Le nom', 200)
  name?: string;

  @IsOptional()
  @ValidateNested({ message: 'Les coordonnées sont invalides.' })
  @Type(() => ContactDetailsDto)
  contact?: ContactDetailsDto;

  @IfPresent()
  @IsBoolean({ message: 'active doit être un booléen.' })
  active?: boolean;
}

export function toOrganisationView(
  organisation: Organisation,
  services: MunicipalServiceView[] = [],
): OrganisationDetailsView {
  return {
    id: organisation.id,
    slug: organisation.slug,
    name: organisation.name,
    kind: organisation.kind,
    contact: organisation.contact,
    active: organisation.active,
    services,
  };
}

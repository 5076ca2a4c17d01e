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
  MUNICIPAL_SERVICE_CATEGORIES,
  type CreateMunicipalServiceCommand,
  type MunicipalServiceCategory,
  type MunicipalServiceView,
  type UpdateMunicipalServiceCommand,
} from '@portail/contracts';
import {
  CODE_PATTERN,
  ContactDetailsDto,
  IfPresent,
  OptionalText,
  RequiredText,
  trim,
} from '../organisations/contact-details.dto';
import type { MunicipalService } from './municipal-service.entity';

const CATEGORY_MESSAGE = `La catégorie doit être l'une de : ${MUNICIPAL_SERVICE_CATEGORIES.join(', ')}.`;

export class MunicipalServiceIdDto {
  @IsUUID('all', { message: "L'identifiant du service doit être un UUID." })
  id!: string;
}

export class CreateMunicipalServiceDto implements CreateMunicipalServiceCommand {
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  organisationId!: string;

  @Transform(trim)
  @MaxLength(60, { message: 'Le code ne doit pas dépasser 60 caractères.' })
  @Matches(CODE_PATTERN, {
    message: 'Le code ne contient que des minuscules, des chiffres et des tirets.',
  })
  code!: string;

  @RequiredText('Le nom', 200)
  name!: string;

  @IsIn(MUNICIPAL_SERVICE_CATEGORIES, { message: CATEGORY_MESSAGE })
  category!: MunicipalServiceCategory;

  @OptionalText('La description', 2000)
  description?: string | null;

  @IsOptional()
  @ValidateNested({ message: 'Les coordonnées sont invalides.' })
  @Type(() => ContactDetailsDto)
  contact?: ContactDetailsDto;
}

export class UpdateMunicipalServiceDto implements UpdateMunicipalServiceCommand {
  @IsUUID('all', { message: "L'identifiant du service doit être un UUID." })
  id!: string;

  @IfPresent()
  @RequiredText('Le nom', 200)
  name?: string;

  @IfPresent()
  @IsIn(MUNICIPAL_SERVICE_CATEGORIES, { message: CATEGORY_MESSAGE })
  category?: MunicipalServiceCategory;

  @OptionalText('La description', 2000)
  description?: string | null;

  @IsOptional()
  @ValidateNested({ message: 'Les coordonnées sont invalides.' })
  @Type(() => ContactDetailsDto)
  contact?: ContactDetailsDto;

  @IfPresent()
  @IsBoolean({ message: 'active doit être un booléen.' })
  active?: boolean;
}

export function toMunicipalServiceView(service: MunicipalService): MunicipalServiceView {
  return {
    id: service.id,
    organisationId: service.organisationId,
    code: service.code,
    name: service.name,
    category: service.category,
    description: service.description,
    contact: service.contact,
    active: service.active,
  };
}

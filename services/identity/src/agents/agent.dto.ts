import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  AGENT_ROLES,
  MAX_PAGE_SIZE,
  PASSWORD_MAX_LENGTH,
  type AgentRole,
  type AgentsOfServicesQuery,
  type CreateAdministratorCommand,
  type CreateAgentCommand,
  type ListAgentsQuery,
  type UpdateAgentCommand,
} from '@portail/contracts';
import { IsAcceptablePassword } from '@portail/validation';
import { IfPresent, OptionalPhone, RequiredText, trim } from '../organisations/contact-details.dto';

const ROLE_MESSAGE = 'Chaque rôle doit être agent ou supervisor.';

export class AgentIdDto {
  @IsUUID('all', { message: "L'identifiant de l'agent doit être un UUID." })
  id!: string;
}

class StaffAccountFields {
  @Transform(trim)
  @IsString({ message: "L'adresse e-mail doit être un texte." })
  @MaxLength(254, { message: "L'adresse e-mail ne doit pas dépasser 254 caractères." })
  @IsEmail({}, { message: "L'adresse e-mail est invalide." })
  email!: string;

  @IsString({ message: 'Le mot de passe doit être un texte.' })
  @MaxLength(PASSWORD_MAX_LENGTH, {
    message: `Le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`,
  })
  @IsAcceptablePassword('email')
  password!: string;

  @RequiredText('Le prénom', 100)
  firstName!: string;

  @RequiredText('Le nom', 100)
  lastName!: string;
}

export class CreateAdministratorDto
  extends StaffAccountFields
  implements CreateAdministratorCommand {}

export class CreateAgentDto extends StaffAccountFields implements CreateAgentCommand {
  @OptionalPhone('Le téléphone')
  phone?: string | null;

  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  organisationId!: string;

  @IsArray({ message: 'serviceIds doit être une liste.' })
  @ArrayMinSize(1, { message: 'Un agent travaille pour au moins un service.' })
  @ArrayMaxSize(50, { message: 'Un agent travaille pour 50 services au plus.' })
  @ArrayUnique({ message: 'Un service ne figure qu’une fois.' })
  @IsUUID('all', { each: true, message: 'Chaque service doit être un UUID.' })
  serviceIds!: string[];

  @IsArray({ message: 'roles doit être une liste.' })
  @ArrayMinSize(1, { message: 'Un agent a au moins un rôle.' })
  @ArrayUnique({ message: 'Un rôle ne figure qu’une fois.' })
  @IsIn(AGENT_ROLES, { each: true, message: ROLE_MESSAGE })
  roles!: AgentRole[];
}

export class UpdateAgentDto implements UpdateAgentCommand {
  @IsUUID('all', { message: "L'identifiant de l'agent doit être un UUID." })
  id!: string;

  @IfPresent()
  @RequiredText('Le prénom', 100)
  firstName?: string;

  @IfPresent()
  @RequiredText('Le nom', 100)
  lastName?: string;

  @OptionalPhone('Le téléphone')
  phone?: string | null;

  @IfPresent()
  @IsArray({ message: 'serviceIds doit être une liste.' })
  @ArrayMinSize(1, { message: 'Un agent travaille pour au moins un service.' })
  @ArrayMaxSize(50, { message: 'Un agent travaille pour 50 services au plus.' })
  @ArrayUnique({ message: 'Un service ne figure qu’une fois.' })
  @IsUUID('all', { each: true, message: 'Chaque service doit être un UUID.' })
  serviceIds?: string[];

  @IfPresent()
  @IsArray({ message: 'roles doit être une liste.' })
  @ArrayMinSize(1, { message: 'Un agent a au moins un rôle.' })
  @ArrayUnique({ message: 'Un rôle ne figure qu’une fois.' })
  @IsIn(AGENT_ROLES, { each: true, message: ROLE_MESSAGE })
  roles?: AgentRole[];
}

export class ListAgentsDto implements ListAgentsQuery {
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  organisationId?: string;

  @IsOptional()
  @IsUUID('all', { message: "L'identifiant du service doit être un UUID." })
  serviceId?: string;

  @IsOptional()
  @IsBoolean({ message: 'includeInactive doit être un booléen.' })
  includeInactive?: boolean;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page doit être un entier.' })
  @Min(1, { message: 'page doit être au moins 1.' })
  @Max(100000, { message: 'page ne doit pas dépasser 100000.' })
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize doit être un entier.' })
  @Min(1, { message: 'pageSize doit être au moins 1.' })
  @Max(MAX_PAGE_SIZE, { message: `pageSize ne doit pas dépasser ${MAX_PAGE_SIZE}.` })
  pageSize?: number;
}

export class HouseholdServiceLinkDto {
  @IsUUID('all', { message: "L'identifiant du foyer doit être un UUID." })
  householdId!: string;

  @IsUUID('all', { message: "L'identifiant du service doit être un UUID." })
  municipalServiceId!: string;
}

export class ListHouseholdLinksDto {
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant du service doit être un UUID." })
  municipalServiceId?: string;
}

export class HouseholdIdDto {
  @IsUUID('all', { message: "L'identifiant du foyer doit être un UUID." })
  householdId!: string;
}

export class AgentsOfServicesDto implements AgentsOfServicesQuery {
  @IsArray({ message: 'municipalServiceIds doit être une liste.' })
  @ArrayMaxSize(100, { message: 'Au plus 100 services à la fois.' })
  @IsUUID('all', { each: true, message: 'Chaque service doit être un UUID.' })
  municipalServiceIds!: string[];
}

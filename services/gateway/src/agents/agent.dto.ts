import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import {
  AGENT_ROLES,
  MAX_PAGE_SIZE,
  PASSWORD_MAX_LENGTH,
  passwordWeakness,
  type AdministratorView,
  type AgentRole,
  type AgentView,
  type CreateAdministratorCommand,
  type CreateAgentCommand,
  type HouseholdLinkView,
  type ListAgentsQuery,
  type Page,
  type UpdateAgentCommand,
} from '@portail/contracts';
import { IfPresent, OptionalPhone, QueryBoolean, RequiredText } from '../directory/validation';

const ROLE_MESSAGE = 'Chaque rôle doit être agent ou supervisor.';

/** The accounts' password rules (`passwordWeakness`), the e-mail of the same body included. */
function IsAcceptablePassword(): PropertyDecorator {
  const weakness = (value: unknown, object: object): string | undefined => {
    if (typeof value !== 'string') return 'Le mot de passe doit être un texte.';
    const email = (object as { email?: unknown }).email;
    return passwordWeakness(value, typeof email === 'string' ? email : undefined);
  };
  return ValidateBy({
    name: 'isAcceptablePassword',
    validator: {
      validate: (value: unknown, args) => weakness(value, args?.object ?? {}) === undefined,
      defaultMessage: (args) => weakness(args?.value, args?.object ?? {}) ?? '',
    },
  });
}

class StaffAccountBody {
  @ApiProperty({ example: 'claire.martin@ville-vichy.fr', maxLength: 254 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: "L'adresse e-mail doit être un texte." })
  @MaxLength(254, { message: "L'adresse e-mail ne doit pas dépasser 254 caractères." })
  @IsEmail({}, { message: "L'adresse e-mail est invalide." })
  email!: string;

  @ApiProperty({
    description:
      'Initial password: at least 12 characters with letters and digits, or 16 characters.',
    maxLength: PASSWORD_MAX_LENGTH,
    format: 'password',
  })
  @IsString({ message: 'Le mot de passe doit être un texte.' })
  @MaxLength(PASSWORD_MAX_LENGTH, {
    message: `Le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`,
  })
  @IsAcceptablePassword()
  password!: string;

  @ApiProperty({ example: 'Claire', maxLength: 100 })
  @RequiredText('Le prénom', 100)
  firstName!: string;

  @ApiProperty({ example: 'MARTIN', maxLength: 100 })
  @RequiredText('Le nom', 100)
  lastName!: string;
}

export class CreateAdministratorDto
  extends StaffAccountBody
  implements CreateAdministratorCommand {}

export class CreateAgentDto extends StaffAccountBody implements CreateAgentCommand {
  @ApiPropertyOptional({ example: '04 70 30 55 04', nullable: true })
  @OptionalPhone('Le téléphone')
  phone?: string | null;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  organisationId!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Municipal services of that organisation.',
  })
  @IsArray({ message: 'serviceIds doit être une liste.' })
  @ArrayMinSize(1, { message: 'Un agent travaille pour au moins un service.' })
  @ArrayMaxSize(50, { message: 'Un agent travaille pour 50 services au plus.' })
  @ArrayUnique({ message: 'Un service ne figure qu’une fois.' })
  @IsUUID('all', { each: true, message: 'Chaque service doit être un UUID.' })
  serviceIds!: string[];

  @ApiProperty({ enum: AGENT_ROLES, isArray: true })
  @IsArray({ message: 'roles doit être une liste.' })
  @ArrayMinSize(1, { message: 'Un agent a au moins un rôle.' })
  @ArrayUnique({ message: 'Un rôle ne figure qu’une fois.' })
  @IsIn(AGENT_ROLES, { each: true, message: ROLE_MESSAGE })
  roles!: AgentRole[];
}

export class UpdateAgentDto implements Omit<UpdateAgentCommand, 'id'> {
  @ApiPropertyOptional({ maxLength: 100 })
  @IfPresent()
  @RequiredText('Le prénom', 100)
  firstName?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IfPresent()
  @RequiredText('Le nom', 100)
  lastName?: string;

  @ApiPropertyOptional({ nullable: true })
  @OptionalPhone('Le téléphone')
  phone?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Replaces the services.' })
  @IfPresent()
  @IsArray({ message: 'serviceIds doit être une liste.' })
  @ArrayMinSize(1, { message: 'Un agent travaille pour au moins un service.' })
  @ArrayMaxSize(50, { message: 'Un agent travaille pour 50 services au plus.' })
  @ArrayUnique({ message: 'Un service ne figure qu’une fois.' })
  @IsUUID('all', { each: true, message: 'Chaque service doit être un UUID.' })
  serviceIds?: string[];

  @ApiPropertyOptional({ enum: AGENT_ROLES, isArray: true })
  @IfPresent()
  @IsArray({ message: 'roles doit être une liste.' })
  @ArrayMinSize(1, { message: 'Un agent a au moins un rôle.' })
  @ArrayUnique({ message: 'Un rôle ne figure qu’une fois.' })
  @IsIn(AGENT_ROLES, { each: true, message: ROLE_MESSAGE })
  roles?: AgentRole[];
}

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page doit être un entier.' })
  @Min(1, { message: 'page doit être au moins 1.' })
  @Max(100000, { message: 'page ne doit pas dépasser 100000.' })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize doit être un entier.' })
  @Min(1, { message: 'pageSize doit être au moins 1.' })
  @Max(MAX_PAGE_SIZE, { message: `pageSize ne doit pas dépasser ${MAX_PAGE_SIZE}.` })
  pageSize?: number;
}

export class ListAgentsQueryDto extends PageQuery implements ListAgentsQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant du service doit être un UUID." })
  serviceId?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Also list deactivated agents.' })
  @QueryBoolean('includeInactive')
  includeInactive?: boolean;
}

export class AgentDto implements AgentView {
  @ApiProperty({ format: 'uuid', description: "The agent's account id." })
  id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty()
  firstName!: string;

  @ApiProperty()
  lastName!: string;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;

  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  serviceIds!: string[];

  @ApiProperty({ enum: AGENT_ROLES, isArray: true })
  roles!: AgentRole[];

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class AgentPageDto implements Page<AgentView> {
  @ApiProperty({ type: [AgentDto] })
  items!: AgentDto[];

  @ApiProperty()
  total!: number;

  @ApiProperty()
  page!: number;

  @ApiProperty()
  pageSize!: number;
}

export class AdministratorDto implements AdministratorView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty()
  firstName!: string;

  @ApiProperty()
  lastName!: string;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class AgentIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: "L'identifiant de l'agent doit être un UUID." })
  id!: string;
}

export class HouseholdIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: "L'identifiant du foyer doit être un UUID." })
  householdId!: string;
}

export class ListHouseholdLinksQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One of your services; all when absent.' })
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant du service doit être un UUID." })
  municipalServiceId?: string;
}

export class HouseholdLinkDto implements HouseholdLinkView {
  @ApiProperty({ format: 'uuid' })
  householdId!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Your services that the household deals with.',
  })
  municipalServiceIds!: string[];
}

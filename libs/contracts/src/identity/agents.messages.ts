import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import {
  IfPresent,
  IsAcceptablePassword,
  NAME_MAX_LENGTH,
  OptionalFrenchPhone,
  OptionalText,
  OptionalUuidField,
  QueryBoolean,
  RequiredText,
  UuidField,
  PageNumberField,
  PageSizeField,
} from '@portail/validation';
import type { AgentRole, CallerKind } from '../caller';
import {
  AgentSubjects,
  AGENT_ROLES,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  MAX_SERVICES_PER_AGENT,
  type Page,
} from './agents';
import { PASSWORD_MAX_LENGTH } from './accounts';

/*
 * Agents and administrators, the household ↔ municipal service links and the audit log: each
 * command, query and reply declared once (payload type, validation on both sides, OpenAPI).
 */

const EMAIL_MAX_LENGTH = 254;
/** Pages beyond this are refused rather than scanned. */
const MAX_PAGE = 100000;
/** A `from`/`to` instant is an ISO 8601 string; longer input is not a date. */
const INSTANT_MAX_LENGTH = 40;
/** Most services one query may ask about (notification's look-up of whom to tell). */
const MAX_SERVICES_PER_QUERY = 100;
const AGENT_ID = "L'identifiant de l'agent";
const ORGANISATION_ID = "L'identifiant de la collectivité";
const SERVICE_ID = "L'identifiant du service";
const HOUSEHOLD_ID = "L'identifiant du foyer";

/** The services of an agent: one at least, each once. */
function AgentServiceIds(): PropertyDecorator {
  return applyDecorators(
    IsArray({ message: 'serviceIds doit être une liste.' }),
    ArrayMinSize(1, { message: 'Un agent travaille pour au moins un service.' }),
    ArrayMaxSize(MAX_SERVICES_PER_AGENT, {
      message: `Un agent travaille pour ${MAX_SERVICES_PER_AGENT} services au plus.`,
    }),
    ArrayUnique({ message: 'Un service ne figure qu’une fois.' }),
    IsUUID('all', { each: true, message: 'Chaque service doit être un UUID.' }),
  );
}

/** The roles of an agent: one at least, each once. */
function AgentRoles(): PropertyDecorator {
  return applyDecorators(
    IsArray({ message: 'roles doit être une liste.' }),
    ArrayMinSize(1, { message: 'Un agent a au moins un rôle.' }),
    ArrayMaxSize(AGENT_ROLES.length, {
      message: `Un agent a ${AGENT_ROLES.length} rôles au plus.`,
    }),
    ArrayUnique({ message: 'Un rôle ne figure qu’une fois.' }),
    IsIn(AGENT_ROLES, {
      each: true,
      message: 'Chaque rôle doit être agent, supervisor ou editor.',
    }),
  );
}

/** Page and size of a listing (`?page=2&pageSize=50`); numbers in JSON are accepted too. */
class PageQuery {
  @PageNumberField(MAX_PAGE)
  page?: number;

  @PageSizeField(MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE)
  pageSize?: number;
}

// ---------------------------------------------------------------------------------------------
// Agents and administrators.

/** What every staff account is made of; the initial password is argon2-hashed at once. */
class StaffAccountFields {
  @ApiProperty({
    example: 'claire.martin@ville-vichy.fr',
    format: 'email',
    maxLength: EMAIL_MAX_LENGTH,
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: "L'adresse e-mail doit être un texte." })
  @MaxLength(EMAIL_MAX_LENGTH, {
    message: `L'adresse e-mail ne doit pas dépasser ${EMAIL_MAX_LENGTH} caractères.`,
  })
  @IsEmail({}, { message: "L'adresse e-mail est invalide." })
  email!: string;

  @ApiProperty({
    description:
      'Initial password, given to the staff member by the administrator: at least 12 characters with letters and digits, or 16 characters; not the e-mail address.',
    maxLength: PASSWORD_MAX_LENGTH,
    format: 'password',
  })
  @IsString({ message: 'Le mot de passe doit être un texte.' })
  @MaxLength(PASSWORD_MAX_LENGTH, {
    message: `Le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`,
  })
  @IsAcceptablePassword('email')
  password!: string;

  @ApiProperty({ example: 'Claire', maxLength: NAME_MAX_LENGTH })
  @RequiredText('Le prénom', NAME_MAX_LENGTH)
  firstName!: string;

  @ApiProperty({ example: 'MARTIN', maxLength: NAME_MAX_LENGTH })
  @RequiredText('Le nom', NAME_MAX_LENGTH)
  lastName!: string;
}

export class CreateAdministratorCommand extends StaffAccountFields {}

export class CreateAgentCommand extends StaffAccountFields {
  @ApiPropertyOptional({ type: String, example: '04 70 30 55 04', maxLength: 30, nullable: true })
  @OptionalFrenchPhone('Le téléphone')
  phone?: string | null;

  @UuidField(ORGANISATION_ID)
  organisationId!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_SERVICES_PER_AGENT,
    uniqueItems: true,
    description: 'Municipal services of that organisation.',
  })
  @AgentServiceIds()
  serviceIds!: string[];

  @ApiProperty({
    enum: AGENT_ROLES,
    isArray: true,
    minItems: 1,
    maxItems: AGENT_ROLES.length,
    uniqueItems: true,
  })
  @AgentRoles()
  roles!: AgentRole[];
}

/** One agent by id: read, deactivate, reactivate. */
export class AgentRef {
  @UuidField(AGENT_ID, "The agent's account id.")
  id!: string;
}

/** `/admin/agents/{id}`. */
export class AgentPath extends PickType(AgentRef, ['id'] as const) {}

export class UpdateAgentCommand {
  @UuidField(AGENT_ID, "The agent's account id.")
  id!: string;

  @ApiPropertyOptional({ example: 'Claire', maxLength: NAME_MAX_LENGTH })
  @IfPresent()
  @RequiredText('Le prénom', NAME_MAX_LENGTH)
  firstName?: string;

  @ApiPropertyOptional({ example: 'MARTIN', maxLength: NAME_MAX_LENGTH })
  @IfPresent()
  @RequiredText('Le nom', NAME_MAX_LENGTH)
  lastName?: string;

  @ApiPropertyOptional({ type: String, example: '04 70 30 55 04', maxLength: 30, nullable: true })
  @OptionalFrenchPhone('Le téléphone')
  phone?: string | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_SERVICES_PER_AGENT,
    uniqueItems: true,
    description: 'Replaces the services.',
  })
  @IfPresent()
  @AgentServiceIds()
  serviceIds?: string[];

  @ApiPropertyOptional({
    enum: AGENT_ROLES,
    isArray: true,
    minItems: 1,
    maxItems: AGENT_ROLES.length,
    uniqueItems: true,
    description: 'Replaces the roles.',
  })
  @IfPresent()
  @AgentRoles()
  roles?: AgentRole[];
}

export class UpdateAgentBody extends OmitType(UpdateAgentCommand, ['id'] as const) {}

/** Grants (`editor: true`) or withdraws the `editor` role of an agent; its other roles stay. */
export class SetEditorRoleCommand {
  @UuidField(AGENT_ID, "The agent's account id.")
  id!: string;

  @ApiProperty({
    description:
      'Whether the agent edits the public content (news, tiles, files) of its organisation; effective at its next token refresh.',
  })
  @IsBoolean({ message: 'editor doit être true ou false.' })
  editor!: boolean;
}

export class SetEditorRoleBody extends OmitType(SetEditorRoleCommand, ['id'] as const) {}

export class ListAgentsQuery extends PageQuery {
  @OptionalUuidField(ORGANISATION_ID)
  organisationId?: string;

  @OptionalUuidField(SERVICE_ID)
  serviceId?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Also list deactivated agents.' })
  @QueryBoolean('includeInactive')
  includeInactive?: boolean;
}

export class AgentView {
  @ApiProperty({ format: 'uuid', description: "The agent's account id." })
  id!: string;

  @ApiProperty({ format: 'email', example: 'claire.martin@ville-vichy.fr' })
  email!: string;

  @ApiProperty({ example: 'Claire' })
  firstName!: string;

  @ApiProperty({ example: 'MARTIN' })
  lastName!: string;

  @ApiProperty({ type: String, nullable: true, example: '04 70 30 55 04' })
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

export class AgentPage implements Page<AgentView> {
  @ApiProperty({ type: [AgentView] })
  items!: AgentView[];

  @ApiProperty({ example: 12 })
  total!: number;

  @ApiProperty({ example: 1 })
  page!: number;

  @ApiProperty({ example: 20 })
  pageSize!: number;
}

export class AdministratorView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'email', example: 'paul.dumas@vichy-communaute.fr' })
  email!: string;

  @ApiProperty({ example: 'Paul' })
  firstName!: string;

  @ApiProperty({ example: 'DUMAS' })
  lastName!: string;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

/** Service to service (notification): the active agents of some municipal services. */
export class AgentsOfServicesQuery {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: MAX_SERVICES_PER_QUERY })
  @IsArray({ message: 'municipalServiceIds doit être une liste.' })
  @ArrayMaxSize(MAX_SERVICES_PER_QUERY, {
    message: `Au plus ${MAX_SERVICES_PER_QUERY} services à la fois.`,
  })
  @IsUUID('all', { each: true, message: 'Chaque service doit être un UUID.' })
  municipalServiceIds!: string[];
}

export class AgentContact {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({ format: 'email' })
  email!: string;

  @ApiProperty()
  firstName!: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Those of the queried services.' })
  municipalServiceIds!: string[];
}

// ---------------------------------------------------------------------------------------------
// Households' links to municipal services.

/** Service to service: a household deals (or no longer deals) with a municipal service. */
export class HouseholdServiceLinkCommand {
  @UuidField(HOUSEHOLD_ID)
  householdId!: string;

  @UuidField(SERVICE_ID)
  municipalServiceId!: string;
}

/** Whether the link exists after the command (both commands are idempotent). */
export class HouseholdServiceLinkState {
  @ApiProperty()
  linked!: boolean;
}

export class ListHouseholdLinksQuery {
  @OptionalUuidField(SERVICE_ID, 'One of your services; all of them when absent.')
  municipalServiceId?: string;
}

export class GetHouseholdLinkQuery {
  @UuidField(HOUSEHOLD_ID)
  householdId!: string;
}

/** `/agent/household-links/{householdId}`. */
export class HouseholdLinkPath extends PickType(GetHouseholdLinkQuery, ['householdId'] as const) {}

export class HouseholdLinkView {
  @ApiProperty({ format: 'uuid' })
  householdId!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Your services that the household deals with.',
  })
  municipalServiceIds!: string[];
}

// ---------------------------------------------------------------------------------------------
// The audit log.

export class ListAuditLogQuery extends PageQuery {
  @OptionalUuidField("L'identifiant du compte", 'Account that read or wrote.')
  actorAccountId?: string;

  @OptionalUuidField(HOUSEHOLD_ID)
  householdId?: string;

  @OptionalUuidField(ORGANISATION_ID, "The agent's organisation.")
  organisationId?: string;

  @ApiPropertyOptional({ example: 'household.read', maxLength: 100 })
  @OptionalText("L'action", 100)
  action?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Inclusive.',
    example: '2026-09-01T00:00:00+02:00',
    maxLength: INSTANT_MAX_LENGTH,
  })
  @IsOptional()
  @MaxLength(INSTANT_MAX_LENGTH, { message: 'from doit être une date ISO 8601.' })
  @IsISO8601({ strict: true }, { message: 'from doit être une date ISO 8601.' })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Exclusive.',
    example: '2026-10-01T00:00:00+02:00',
    maxLength: INSTANT_MAX_LENGTH,
  })
  @IsOptional()
  @MaxLength(INSTANT_MAX_LENGTH, { message: 'to doit être une date ISO 8601.' })
  @IsISO8601({ strict: true }, { message: 'to doit être une date ISO 8601.' })
  to?: string;
}

export class AuditEntryView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ format: 'uuid' })
  actorAccountId!: string;

  @ApiProperty({ enum: ['family', 'agent', 'admin'] })
  actorKind!: CallerKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  organisationId!: string | null;

  @ApiProperty({ example: 'household.read' })
  action!: string;

  @ApiProperty({ example: 'household' })
  subjectType!: string;

  @ApiProperty({ type: String, nullable: true })
  subjectId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  householdId!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the action concerned, e.g. `{ "fields": ["phone"] }`.',
  })
  details!: Record<string, unknown>;
}

export class AuditEntryPage implements Page<AuditEntryView> {
  @ApiProperty({ type: [AuditEntryView] })
  items!: AuditEntryView[];

  @ApiProperty({ example: 42 })
  total!: number;

  @ApiProperty({ example: 1 })
  page!: number;

  @ApiProperty({ example: 20 })
  pageSize!: number;
}

declare module '../requests' {
  interface RequestReplies {
    [AgentSubjects.agentsCreate]: { request: CreateAgentCommand; reply: AgentView };
    [AgentSubjects.agentsList]: { request: ListAgentsQuery; reply: AgentPage };
    [AgentSubjects.agentsGet]: { request: AgentRef; reply: AgentView };
    [AgentSubjects.agentsUpdate]: { request: UpdateAgentCommand; reply: AgentView };
    [AgentSubjects.agentsSetEditorRole]: { request: SetEditorRoleCommand; reply: AgentView };
    [AgentSubjects.agentsDeactivate]: { request: AgentRef; reply: AgentView };
    [AgentSubjects.agentsReactivate]: { request: AgentRef; reply: AgentView };
    [AgentSubjects.administratorsCreate]: {
      request: CreateAdministratorCommand;
      reply: AdministratorView;
    };
    [AgentSubjects.householdsLinkService]: {
      request: HouseholdServiceLinkCommand;
      reply: HouseholdServiceLinkState;
    };
    [AgentSubjects.householdsUnlinkService]: {
      request: HouseholdServiceLinkCommand;
      reply: HouseholdServiceLinkState;
    };
    [AgentSubjects.householdLinksList]: {
      request: ListHouseholdLinksQuery;
      reply: HouseholdLinkView[];
    };
    [AgentSubjects.householdLinksGet]: {
      request: GetHouseholdLinkQuery;
      reply: HouseholdLinkView;
    };
    [AgentSubjects.auditLogList]: { request: ListAuditLogQuery; reply: AuditEntryPage };
    [AgentSubjects.agentsOfServices]: { request: AgentsOfServicesQuery; reply: AgentContact[] };
  }
}

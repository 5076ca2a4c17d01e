import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsUUID,
  Max,
  Min,
  Validate,
  ValidateIf,
} from 'class-validator';
import {
  isSeason,
  PROCEDURE_STATUSES,
  VALIDATION_MODES,
  type CreateProcedureCommand,
  type Eligibility,
  type FormDefinition,
  type ListManagedProceduresQuery,
  type ListOpenProceduresQuery,
  type ProcedureGrant,
  type ProcedureStatus,
  type ProcedureSummaryView,
  type ProcedureView,
  type RequiredDocument,
  type UpdateProcedureCommand,
  type ValidationMode,
} from '@portail/contracts';
import { RequiredText } from '@portail/validation';
import type { Procedure } from './procedure.entity';
import { isOpen } from './procedure-rules';

const SERVICE_MESSAGE = "L'identifiant du service municipal doit être un UUID.";
const SEASON_MESSAGE = 'La saison doit être de la forme 2026-2027.';
const MODE_MESSAGE = 'Le mode de validation est automatic ou manual.';
const STATUS_MESSAGE = 'Le statut est draft, published ou archived.';
const IF_PRESENT = (_object: object, value: unknown) => value !== undefined;

class SeasonConstraint {
  validate(value: unknown): boolean {
    return isSeason(value);
  }
}

export class ProcedureIdDto {
  @IsUUID('all', { message: "L'identifiant de la démarche doit être un UUID." })
  id!: string;
}

export class ListOpenProceduresDto implements ListOpenProceduresQuery {
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  organisationId?: string;

  @IsOptional()
  @IsUUID('all', { message: SERVICE_MESSAGE })
  municipalServiceId?: string;

  @IsOptional()
  @Validate(SeasonConstraint, { message: SEASON_MESSAGE })
  season?: string;
}

export class ListManagedProceduresDto implements ListManagedProceduresQuery {
  @IsOptional()
  @IsUUID('all', { message: SERVICE_MESSAGE })
  municipalServiceId?: string;

  @IsOptional()
  @Validate(SeasonConstraint, { message: SEASON_MESSAGE })
  season?: string;

  @IsOptional()
  @IsIn(PROCEDURE_STATUSES, { message: STATUS_MESSAGE })
  status?: ProcedureStatus;
}

/** Top-level shape; the form, eligibility and grant are checked by the domain rules. */
export class CreateProcedureDto implements CreateProcedureCommand {
  @IsUUID('all', { message: SERVICE_MESSAGE })
  municipalServiceId!: string;

  @Validate(SeasonConstraint, { message: SEASON_MESSAGE })
  season!: string;

  @RequiredText('Le titre', 200)
  title!: string;

  @RequiredText('Le texte explicatif', 20_000)
  description!: string;

  @IsObject({ message: 'Le formulaire doit être un objet { fields: [...] }.' })
  form!: FormDefinition;

  @IsArray({ message: 'Les pièces demandées doivent être une liste.' })
  requiredDocuments!: RequiredDocument[];

  @IsObject({ message: "Les conditions d'accès doivent être un objet." })
  eligibility!: Eligibility;

  @IsISO8601({ strict: true }, { message: "La date d'ouverture doit être une date ISO 8601." })
  opensAt!: string;

  @IsISO8601({ strict: true }, { message: 'La date de clôture doit être une date ISO 8601.' })
  closesAt!: string;

  @ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null)
  @Type(() => Number)
  @IsInt({ message: 'La capacité doit être un nombre entier de places.' })
  @Min(1, { message: 'La capacité est d’au moins une place.' })
  @Max(100_000, { message: 'La capacité ne doit pas dépasser 100000 places.' })
  capacity?: number | null;

  @IsIn(VALIDATION_MODES, { message: MODE_MESSAGE })
  validationMode!: ValidationMode;

  @IsObject({ message: "Ce que donne l'acceptation doit être un objet { kind, ... }." })
  grant!: ProcedureGrant;

  @IsOptional()
  @IsIn(PROCEDURE_STATUSES, { message: STATUS_MESSAGE })
  status?: ProcedureStatus;
}

export class UpdateProcedureDto implements UpdateProcedureCommand {
  @IsUUID('all', { message: "L'identifiant de la démarche doit être un UUID." })
  id!: string;

  @IsOptional()
  @RequiredText('Le titre', 200)
  title?: string;

  @IsOptional()
  @RequiredText('Le texte explicatif', 20_000)
  description?: string;

  @ValidateIf(IF_PRESENT)
  @IsObject({ message: 'Le formulaire doit être un objet { fields: [...] }.' })
  form?: FormDefinition;

  @ValidateIf(IF_PRESENT)
  @IsArray({ message: 'Les pièces demandées doivent être une liste.' })
  requiredDocuments?: RequiredDocument[];

  @ValidateIf(IF_PRESENT)
  @IsObject({ message: "Les conditions d'accès doivent être un objet." })
  eligibility?: Eligibility;

  @ValidateIf(IF_PRESENT)
  @IsISO8601({ strict: true }, { message: "La date d'ouverture doit être une date ISO 8601." })
  opensAt?: string;

  @ValidateIf(IF_PRESENT)
  @IsISO8601({ strict: true }, { message: 'La date de clôture doit être une date ISO 8601.' })
  closesAt?: string;

  @ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null)
  @Type(() => Number)
  @IsInt({ message: 'La capacité doit être un nombre entier de places.' })
  @Min(1, { message: 'La capacité est d’au moins une place.' })
  @Max(100_000, { message: 'La capacité ne doit pas dépasser 100000 places.' })
  capacity?: number | null;

  @ValidateIf(IF_PRESENT)
  @IsIn(VALIDATION_MODES, { message: MODE_MESSAGE })
  validationMode?: ValidationMode;

  @ValidateIf(IF_PRESENT)
  @IsObject({ message: "Ce que donne l'acceptation doit être un objet { kind, ... }." })
  grant?: ProcedureGrant;

  @ValidateIf(IF_PRESENT)
  @IsIn(PROCEDURE_STATUSES, { message: STATUS_MESSAGE })
  status?: ProcedureStatus;
}

function placesLeft(procedure: Procedure): number | null {
  return procedure.capacity === null
    ? null
    : Math.max(0, procedure.capacity - procedure.placesTaken);
}

export function toProcedureSummaryView(
  procedure: Procedure,
  now = new Date(),
): ProcedureSummaryView {
  return {
    id: procedure.id,
    organisationId: procedure.organisationId,
    organisationName: procedure.organisationName,
    municipalServiceId: procedure.municipalServiceId,
    municipalServiceName: procedure.municipalServiceName,
    season: procedure.season,
    title: procedure.title,
    opensAt: procedure.opensAt.toISOString(),
    closesAt: procedure.closesAt.toISOString(),
    capacity: procedure.capacity,
    placesLeft: placesLeft(procedure),
    validationMode: procedure.validationMode,
    grantKind: procedure.grant.kind,
    status: procedure.status,
    open: isOpen(procedure, now),
  };
}

export function toProcedureView(procedure: Procedure, now = new Date()): ProcedureView {
  return {
    ...toProcedureSummaryView(procedure, now),
    description: procedure.description,
    form: procedure.form,
    requiredDocuments: procedure.requiredDocuments,
    eligibility: procedure.eligibility,
    grant: procedure.grant,
    createdAt: procedure.createdAt.toISOString(),
    updatedAt: procedure.updatedAt.toISOString(),
  };
}

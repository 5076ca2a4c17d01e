import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  PUBLICATION_STATUSES,
  TILE_KINDS,
  type AttachmentBlock,
  type ContactBlock,
  type CreateTileCommand,
  type ListTilesQuery,
  type OpeningHoursBlock,
  type PublicationStatus,
  type SchoolBlock,
  type TileBlocks,
  type TileKind,
  type TileView,
  type UpdateTileCommand,
} from '@portail/contracts';
import {
  IfPresent,
  OptionalPhone,
  OptionalText,
  RequiredText,
} from '../publishing/publication.dto';
import type { Tile } from './tile.entity';

const KIND_MESSAGE = 'Le type de dalle doit être activity ou contact.';
const STATUS_MESSAGE = 'Le statut doit être draft ou published.';
const NULLABLE = (_object: object, value: unknown) => value !== undefined && value !== null;

export class TileIdDto {
  @IsUUID('all', { message: "L'identifiant de la dalle doit être un UUID." })
  id!: string;
}

export class ListTilesDto implements ListTilesQuery {
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  organisationId?: string;

  @IsOptional()
  @IsIn(TILE_KINDS, { message: KIND_MESSAGE })
  kind?: TileKind;
}

export class SchoolBlockDto implements SchoolBlock {
  @RequiredText("Le nom de l'école", 200)
  name!: string;

  @OptionalText('Le niveau', 60)
  level?: string | null;

  @OptionalText("L'adresse", 300)
  address?: string | null;

  @OptionalPhone('Le téléphone')
  phone?: string | null;

  @OptionalText('La fonction', 60)
  directorRole?: string | null;

  @OptionalText('Le nom', 120)
  directorName?: string | null;
}

export class OpeningHoursBlockDto implements OpeningHoursBlock {
  @RequiredText('Le libellé', 120)
  label!: string;

  @RequiredText('Les horaires', 500)
  hours!: string;
}

export class AttachmentBlockDto implements AttachmentBlock {
  @IsUUID('all', { message: "L'identifiant du fichier doit être un UUID." })
  fileId!: string;

  @RequiredText('Le libellé', 200)
  label!: string;
}

export class ContactBlockDto implements ContactBlock {
  @RequiredText('Le service', 200)
  service!: string;

  @OptionalText('Les interlocuteurs', 300)
  names?: string | null;

  @OptionalPhone('Le téléphone')
  phone?: string | null;

  @OptionalPhone('La messagerie vocale')
  voicemail?: string | null;

  @OptionalText("L'adresse e-mail", 200)
  @ValidateIf(NULLABLE)
  @IsEmail({}, { message: "L'adresse e-mail est invalide." })
  email?: string | null;

  @OptionalText("Les horaires d'ouverture", 500)
  openingHours?: string | null;
}

export class TileBlocksDto implements TileBlocks {
  @IsOptional()
  @IsArray({ message: 'Les écoles doivent être une liste.' })
  @ArrayMaxSize(50, { message: 'Au plus 50 écoles.' })
  @ValidateNested({ each: true })
  @Type(() => SchoolBlockDto)
  schools?: SchoolBlockDto[];

  @IsOptional()
  @IsArray({ message: 'Les horaires doivent être une liste.' })
  @ArrayMaxSize(20, { message: 'Au plus 20 horaires.' })
  @ValidateNested({ each: true })
  @Type(() => OpeningHoursBlockDto)
  openingHours?: OpeningHoursBlockDto[];

  @IsOptional()
  @IsArray({ message: 'Les pièces jointes doivent être une liste.' })
  @ArrayMaxSize(20, { message: 'Au plus 20 pièces jointes.' })
  @ValidateNested({ each: true })
  @Type(() => AttachmentBlockDto)
  attachments?: AttachmentBlockDto[];

  @IsOptional()
  @IsArray({ message: 'Les contacts doivent être une liste.' })
  @ArrayMaxSize(50, { message: 'Au plus 50 contacts.' })
  @ValidateNested({ each: true })
  @Type(() => ContactBlockDto)
  contacts?: ContactBlockDto[];
}

class TileFieldsDto {
  @OptionalText('Le texte', 50_000)
  bodyMarkdown?: string;

  @IsOptional()
  @ValidateNested({ message: 'Les blocs sont invalides.' })
  @Type(() => TileBlocksDto)
  blocks?: TileBlocksDto;

  @IsOptional()
  @IsInt({ message: 'La position doit être un entier.' })
  @Min(0, { message: 'La position doit être positive.' })
  @Max(10_000, { message: 'La position ne doit pas dépasser 10000.' })
  position?: number;

  @IsOptional()
  @IsIn(PUBLICATION_STATUSES, { message: STATUS_MESSAGE })
  status?: PublicationStatus;
}

export class CreateTileDto extends TileFieldsDto implements CreateTileCommand {
  @IsUUID('all', { message: "L'identifiant de la collectivité doit être un UUID." })
  organisationId!: string;

  @IsIn(TILE_KINDS, { message: KIND_MESSAGE })
  kind!: TileKind;

  @RequiredText('Le titre', 200)
  title!: string;
}

export class UpdateTileDto extends TileFieldsDto implements UpdateTileCommand {
  @IsUUID('all', { message: "L'identifiant de la dalle doit être un UUID." })
  id!: string;

  @IfPresent()
  @RequiredText('Le titre', 200)
  title?: string;
}

export function toTileView(tile: Tile, forEditor: boolean): TileView {
  return {
    id: tile.id,
    organisationId: tile.organisationId,
    kind: tile.kind,
    title: tile.title,
    bodyHtml: tile.bodyHtml,
    ...(forEditor ? { bodyMarkdown: tile.bodyMarkdown } : {}),
    blocks: tile.blocks,
    position: tile.position,
    status: tile.status,
    updatedAt: tile.updatedAt.toISOString(),
  };
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  FILE_KINDS,
  MAX_NEWS_PAGE_SIZE,
  NEWS_CATEGORIES,
  PUBLICATION_STATUSES,
  TILE_KINDS,
  type FileKind,
  type NewsCategory,
  type PublicationStatus,
  type TileKind,
} from '@portail/contracts';

const ORGANISATION_MESSAGE = "L'identifiant de la collectivité doit être un UUID.";
const CATEGORY_MESSAGE = `La catégorie doit être l'une de : ${NEWS_CATEGORIES.join(', ')}.`;
const STATUS_MESSAGE = 'Le statut doit être draft ou published.';
const NULLABLE = (_object: object, value: unknown) => value !== undefined && value !== null;
const PRESENT = (_object: object, value: unknown) => value !== undefined;

function Text(label: string, max: number, required: boolean): PropertyDecorator {
  return (target, key) => {
    if (!required) ValidateIf(PRESENT)(target, key);
    IsString({ message: `${label} doit être un texte.` })(target, key);
    IsNotEmpty({ message: `${label} est obligatoire.` })(target, key);
    MaxLength(max, { message: `${label} ne doit pas dépasser ${max} caractères.` })(target, key);
  };
}

export class IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: "L'identifiant doit être un UUID." })
  id!: string;
}

export class HomeQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One organisation; all when absent' })
  @IsOptional()
  @IsUUID('all', { message: ORGANISATION_MESSAGE })
  organisationId?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_NEWS_PAGE_SIZE, default: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'latest doit être un entier.' })
  @Min(0, { message: 'latest doit être positif.' })
  @Max(MAX_NEWS_PAGE_SIZE, { message: `latest ne doit pas dépasser ${MAX_NEWS_PAGE_SIZE}.` })
  latest?: number;
}

export class ListNewsQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: ORGANISATION_MESSAGE })
  organisationId?: string;

  @ApiPropertyOptional({ enum: NEWS_CATEGORIES })
  @IsOptional()
  @IsIn(NEWS_CATEGORIES, { message: CATEGORY_MESSAGE })
  category?: NewsCategory;

  @ApiPropertyOptional({ description: 'French full-text search, accents ignored', maxLength: 200 })
  @IsOptional()
  @IsString({ message: 'La recherche doit être un texte.' })
  @MaxLength(200, { message: 'La recherche ne doit pas dépasser 200 caractères.' })
  q?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La page doit être un entier.' })
  @Min(1, { message: 'La page commence à 1.' })
  @Max(10_000, { message: 'La page ne doit pas dépasser 10000.' })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_NEWS_PAGE_SIZE, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La taille de page doit être un entier.' })
  @Min(1, { message: 'La taille de page doit être au moins 1.' })
  @Max(MAX_NEWS_PAGE_SIZE, {
    message: `La taille de page ne doit pas dépasser ${MAX_NEWS_PAGE_SIZE}.`,
  })
  pageSize?: number;
}

export class ListTilesQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: ORGANISATION_MESSAGE })
  organisationId?: string;

  @ApiPropertyOptional({ enum: TILE_KINDS })
  @IsOptional()
  @IsIn(TILE_KINDS, { message: 'Le type de dalle doit être activity ou contact.' })
  kind?: TileKind;
}

class NewsFieldsDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'An uploaded image' })
  @IsOptional()
  @ValidateIf(NULLABLE)
  @IsUUID('all', { message: "L'identifiant de l'image doit être un UUID." })
  imageId?: string | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Municipal services whose families see it; empty or absent: everyone',
  })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'Le public ne doit pas dépasser 50 services.' })
  @IsUUID('all', { each: true, message: 'Chaque service du public doit être un UUID.' })
  audienceServiceIds?: string[];

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  @IsOptional()
  @ValidateIf(NULLABLE)
  @IsISO8601({ strict: true }, { message: 'Le début de publication doit être une date ISO 8601.' })
  publishFrom?: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  @IsOptional()
  @ValidateIf(NULLABLE)
  @IsISO8601({ strict: true }, { message: 'La fin de publication doit être une date ISO 8601.' })
  publishUntil?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'pinned doit être un booléen.' })
  pinned?: boolean;

  @ApiPropertyOptional({ enum: PUBLICATION_STATUSES, default: 'draft' })
  @IsOptional()
  @IsIn(PUBLICATION_STATUSES, { message: STATUS_MESSAGE })
  status?: PublicationStatus;
}

export class CreateNewsDto extends NewsFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: ORGANISATION_MESSAGE })
  organisationId!: string;

  @ApiProperty({ example: 'Inscriptions périscolaires 2021-2022', maxLength: 200 })
  @Text('Le titre', 200, true)
  title!: string;

  @ApiProperty({ maxLength: 500 })
  @Text('Le résumé', 500, true)
  summary!: string;

  @ApiProperty({
    description: 'Markdown (headings, lists, bold, italic, links); raw HTML is removed',
    maxLength: 50_000,
  })
  @Text('Le texte', 50_000, true)
  bodyMarkdown!: string;

  @ApiProperty({ enum: NEWS_CATEGORIES })
  @IsIn(NEWS_CATEGORIES, { message: CATEGORY_MESSAGE })
  category!: NewsCategory;
}

export class UpdateNewsDto extends NewsFieldsDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @Text('Le titre', 200, false)
  title?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @Text('Le résumé', 500, false)
  summary?: string;

  @ApiPropertyOptional({ maxLength: 50_000 })
  @Text('Le texte', 50_000, false)
  bodyMarkdown?: string;

  @ApiPropertyOptional({ enum: NEWS_CATEGORIES })
  @ValidateIf(PRESENT)
  @IsIn(NEWS_CATEGORIES, { message: CATEGORY_MESSAGE })
  category?: NewsCategory;
}

export class NewsSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) imageId!: string | null;
  @ApiProperty({ enum: NEWS_CATEGORIES }) category!: NewsCategory;
  @ApiProperty({ type: [String] }) audienceServiceIds!: string[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishFrom!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishUntil!: string | null;
  @ApiProperty() pinned!: boolean;
  @ApiProperty({ enum: PUBLICATION_STATUSES }) status!: PublicationStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class NewsItemDto extends NewsSummaryDto {
  @ApiProperty({ description: 'Sanitised HTML rendered from the Markdown' }) bodyHtml!: string;
  @ApiPropertyOptional({ description: 'Editors of its organisation only' }) bodyMarkdown?: string;
}

export class NewsPageDto {
  @ApiProperty({ type: [NewsSummaryDto] }) items!: NewsSummaryDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class SchoolBlockDto {
  @ApiProperty({ example: 'École maternelle Alexandre Varenne' }) name!: string;
  @ApiPropertyOptional({ example: 'maternelle' }) level?: string | null;
  @ApiPropertyOptional({ example: '37 rue Charloing' }) address?: string | null;
  @ApiPropertyOptional({ example: '04 70 32 05 42' }) phone?: string | null;
  @ApiPropertyOptional({ example: 'Directrice' }) directorRole?: string | null;
  @ApiPropertyOptional() directorName?: string | null;
}

export class OpeningHoursBlockDto {
  @ApiProperty({ example: 'Écoles maternelles' }) label!: string;
  @ApiProperty({ example: 'Lundi, mardi, jeudi et vendredi de 8h30 à 11h45 et de 13h45 à 16h30' })
  hours!: string;
}

export class AttachmentBlockDto {
  @ApiProperty({
    format: 'uuid',
    description: 'An uploaded file, served by GET /content/files/{id}',
  })
  fileId!: string;
  @ApiProperty({ example: 'Formulaire de dérogation scolaire 2021/2022' }) label!: string;
}

export class ContactBlockDto {
  @ApiProperty({ example: 'Restauration scolaire' }) service!: string;
  @ApiPropertyOptional() names?: string | null;
  @ApiPropertyOptional({ example: '04 70 30 55 04' }) phone?: string | null;
  @ApiPropertyOptional({ example: '04 70 30 55 90' }) voicemail?: string | null;
  @ApiPropertyOptional() email?: string | null;
  @ApiPropertyOptional() openingHours?: string | null;
}

export class TileBlocksDto {
  @ApiPropertyOptional({ type: [SchoolBlockDto] }) schools?: SchoolBlockDto[];
  @ApiPropertyOptional({ type: [OpeningHoursBlockDto] }) openingHours?: OpeningHoursBlockDto[];
  @ApiPropertyOptional({ type: [AttachmentBlockDto] }) attachments?: AttachmentBlockDto[];
  @ApiPropertyOptional({ type: [ContactBlockDto] }) contacts?: ContactBlockDto[];
}

class TileFieldsDto {
  @ApiPropertyOptional({ description: 'Markdown; raw HTML is removed', maxLength: 50_000 })
  @IsOptional()
  @IsString({ message: 'Le texte doit être un texte.' })
  @MaxLength(50_000, { message: 'Le texte ne doit pas dépasser 50000 caractères.' })
  bodyMarkdown?: string;

  @ApiPropertyOptional({
    type: TileBlocksDto,
    description: 'Structured blocks, validated in detail by the content service',
  })
  @IsOptional()
  @IsObject({ message: 'Les blocs doivent être un objet.' })
  blocks?: TileBlocksDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 10_000 })
  @IsOptional()
  @IsInt({ message: 'La position doit être un entier.' })
  @Min(0, { message: 'La position doit être positive.' })
  @Max(10_000, { message: 'La position ne doit pas dépasser 10000.' })
  position?: number;

  @ApiPropertyOptional({ enum: PUBLICATION_STATUSES, default: 'draft' })
  @IsOptional()
  @IsIn(PUBLICATION_STATUSES, { message: STATUS_MESSAGE })
  status?: PublicationStatus;
}

export class CreateTileDto extends TileFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: ORGANISATION_MESSAGE })
  organisationId!: string;

  @ApiProperty({ enum: TILE_KINDS })
  @IsIn(TILE_KINDS, { message: 'Le type de dalle doit être activity ou contact.' })
  kind!: TileKind;

  @ApiProperty({ maxLength: 200 })
  @Text('Le titre', 200, true)
  title!: string;
}

export class UpdateTileDto extends TileFieldsDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @Text('Le titre', 200, false)
  title?: string;
}

export class TileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ enum: TILE_KINDS }) kind!: TileKind;
  @ApiProperty() title!: string;
  @ApiProperty() bodyHtml!: string;
  @ApiPropertyOptional({ description: 'Editors only' }) bodyMarkdown?: string;
  @ApiProperty({ type: TileBlocksDto }) blocks!: TileBlocksDto;
  @ApiProperty() position!: number;
  @ApiProperty({ enum: PUBLICATION_STATUSES }) status!: PublicationStatus;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class HomeDto {
  @ApiProperty({ type: [NewsSummaryDto] }) pinned!: NewsSummaryDto[];
  @ApiProperty({ type: [NewsSummaryDto] }) latest!: NewsSummaryDto[];
  @ApiProperty({ type: [TileDto] }) tiles!: TileDto[];
}

export class UploadFileDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: ORGANISATION_MESSAGE })
  organisationId!: string;

  @ApiProperty({
    enum: FILE_KINDS,
    description: 'image: PNG, JPEG, WebP; attachment: those or PDF',
  })
  @IsIn(FILE_KINDS, { message: 'Le type doit être image ou attachment.' })
  kind!: FileKind;

  @ApiProperty({ example: 'derogation-2021-2022.pdf', maxLength: 200 })
  @Text('Le nom du fichier', 200, true)
  fileName!: string;

  @ApiProperty({ description: 'The bytes, base64; the type is sniffed from them' })
  @IsString({ message: 'Le contenu du fichier doit être un texte base64.' })
  @IsNotEmpty({ message: 'Le contenu du fichier est obligatoire.' })
  contentBase64!: string;
}

export class FileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ enum: FILE_KINDS }) kind!: FileKind;
  @ApiProperty() fileName!: string;
  @ApiProperty({ example: 'image/png' }) contentType!: string;
  @ApiProperty() size!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class DeletedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class ListEditableNewsQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: ORGANISATION_MESSAGE })
  organisationId!: string;

  @ApiPropertyOptional({ enum: PUBLICATION_STATUSES })
  @IsOptional()
  @IsIn(PUBLICATION_STATUSES, { message: STATUS_MESSAGE })
  status?: PublicationStatus;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La page doit être un entier.' })
  @Min(1, { message: 'La page commence à 1.' })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_NEWS_PAGE_SIZE, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La taille de page doit être un entier.' })
  @Min(1, { message: 'La taille de page doit être au moins 1.' })
  @Max(MAX_NEWS_PAGE_SIZE, {
    message: `La taille de page ne doit pas dépasser ${MAX_NEWS_PAGE_SIZE}.`,
  })
  pageSize?: number;
}

export class ListContentChangesQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: ORGANISATION_MESSAGE })
  organisationId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One news item, tile or file' })
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant du contenu doit être un UUID." })
  subjectId?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La page doit être un entier.' })
  @Min(1, { message: 'La page commence à 1.' })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_NEWS_PAGE_SIZE, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'La taille de page doit être un entier.' })
  @Min(1, { message: 'La taille de page doit être au moins 1.' })
  @Max(MAX_NEWS_PAGE_SIZE, {
    message: `La taille de page ne doit pas dépasser ${MAX_NEWS_PAGE_SIZE}.`,
  })
  pageSize?: number;
}

export class ContentChangeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ enum: ['news', 'tile', 'file'] }) subjectType!: 'news' | 'tile' | 'file';
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ enum: ['create', 'update', 'publish', 'unpublish', 'delete', 'upload'] })
  action!: 'create' | 'update' | 'publish' | 'unpublish' | 'delete' | 'upload';
  @ApiProperty({ format: 'uuid' }) actorAccountId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ContentChangesPageDto {
  @ApiProperty({ type: [ContentChangeDto] }) items!: ContentChangeDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  OptionalPhone,
  OptionalText,
  OptionalUuidField,
  PHONE_PATTERN,
  RequiredText,
  UuidField,
  PageNumberField,
  PageSizeField,
} from '@portail/validation';
import {
  ATTACHMENT_CONTENT_TYPES,
  CONTENT_CHANGE_ACTIONS,
  CONTENT_CHANGE_SUBJECT_TYPES,
  CONTENT_FILE_BYTES_LIMIT,
  ContentSubjects,
  DEFAULT_NEWS_PAGE_SIZE,
  FILE_KINDS,
  MAX_NEWS_PAGE_SIZE,
  NEWS_CATEGORIES,
  PUBLICATION_STATUSES,
  TILE_KINDS,
  type ContentChangeAction,
  type ContentChangeSubjectType,
  type FileContentType,
  type FileKind,
  type NewsCategory,
  type PublicationStatus,
  type TileKind,
} from './content';

/*
 * The public portal home: each command and query of the content service, declared once. The
 * class is the payload type, the validation (gateway pipe, then content's pipe) and the OpenAPI
 * schema all at once. Every text, number and list is bounded, and tile blocks are nested at one
 * known depth, so an oversized request is refused with a short list of errors.
 */

const TITLE_MAX = 200;
const SUMMARY_MAX = 500;
const BODY_MAX = 50_000;
const SEARCH_MAX = 200;
const FILE_NAME_MAX = 200;
/** A date-time with its offset and milliseconds is about 30 characters. */
const DATE_TIME_MAX = 40;
/** Municipal services a news item may be reserved to. */
const AUDIENCE_MAX = 50;
const POSITION_MAX = 10_000;
/** The longest base64 text of an accepted file (4 characters per 3 bytes). */
const CONTENT_BASE64_MAX = 4 * Math.ceil(CONTENT_FILE_BYTES_LIMIT / 3);

const ORGANISATION = "L'identifiant de la collectivité";
const CATEGORY = { message: `La catégorie doit être l'une de : ${NEWS_CATEGORIES.join(', ')}.` };
const STATUS = { message: 'Le statut doit être draft ou published.' };
const TILE_KIND = { message: 'Le type de dalle doit être activity ou contact.' };
const BLOCKS_OBJECT = { message: 'Les blocs doivent être un objet.' };

/** Absent is skipped; `null` is validated, hence refused, for fields that cannot be cleared. */
const IfPresent = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

interface FieldDoc {
  description?: string;
  example?: string;
  format?: string;
}

/** A trimmed, non-empty text that the message must carry. */
function RequiredTextField(label: string, max: number, doc: FieldDoc = {}): PropertyDecorator {
  return applyDecorators(ApiProperty({ maxLength: max, ...doc }), RequiredText(label, max));
}

/** May be absent; when given, a trimmed non-empty text (never `null`: it cannot be cleared). */
function PresentTextField(label: string, max: number, doc: FieldDoc = {}): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ maxLength: max, ...doc }),
    IfPresent(),
    RequiredText(label, max),
  );
}

/** May be absent, empty or `null` (block details that are not known). */
function NullableTextField(label: string, max: number, doc: FieldDoc = {}): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, maxLength: max, ...doc }),
    OptionalText(label, max),
  );
}

function NullablePhoneField(label: string, example: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, pattern: PHONE_PATTERN.source, example }),
    OptionalPhone(label),
  );
}

function PublicationStatusField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ enum: PUBLICATION_STATUSES, default: 'draft' }),
    IfPresent(),
    IsIn(PUBLICATION_STATUSES, STATUS),
  );
}

function DateTimeField(label: string, description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      format: 'date-time',
      nullable: true,
      maxLength: DATE_TIME_MAX,
      description,
      example: '2026-09-01T06:00:00.000Z',
    }),
    IsOptional(),
    MaxLength(DATE_TIME_MAX, {
      message: `${label} ne doit pas dépasser ${DATE_TIME_MAX} caractères.`,
    }),
    IsISO8601({ strict: true }, { message: `${label} doit être une date ISO 8601.` }),
  );
}

/**
 * Stands for the elements of a list longer than allowed: validation then reports the length
 * alone (ArrayMaxSize), instead of one error per element of a list of any length.
 */
class ElementOverLimit {
  @Allow()
  readonly overLimit = true;
}

/** `@Type(() => item)` for one object: anything but an object is left for the rules to refuse. */
function toInstance<T extends object>(item: new () => T, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  // an array where an object is expected is refused as a whole, without looking inside
  if (Array.isArray(value)) return null;
  return plainToInstance(item, value);
}

/** `@Type(() => item)` for a list, that does not expand the elements of a list over `max`. */
function toBoundedList<T extends object>(item: new () => T, max: number, value: unknown): unknown {
  if (!Array.isArray(value)) return toInstance(item, value);
  if (value.length > max) {
    return value.slice(0, max + 1).map(() => new ElementOverLimit());
  }
  return value.map((element: unknown) => toInstance(item, element));
}

/** An optional list of at most `max` objects of a class, each validated (`null` refused). */
function BlockList<T extends object>(
  item: new () => T,
  max: number,
  label: { plural: string; each: string },
): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [item], maxItems: max }),
    IfPresent(),
    Transform(({ value }: { value: unknown }) => toBoundedList(item, max, value)),
    IsArray({ message: `${label.plural} doivent être une liste.` }),
    ArrayMaxSize(max, { message: `Au plus ${max} ${label.each}.` }),
    ValidateNested({ each: true, message: `${label.plural} doivent être des objets.` }),
  );
}

// ---------------------------------------------------------------------------------------------
// News ("actualités")

/** What a news item may carry beyond its texts, the same when written and when edited. */
class NewsOptions {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'An uploaded image of the organisation (kind `image`); `null` removes it.',
  })
  @IsOptional()
  @IsUUID('all', { message: "L'identifiant de l'image doit être un UUID." })
  imageId?: string | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: AUDIENCE_MAX,
    description:
      'Municipal services whose families see it (and its agents); empty or absent: everyone.',
  })
  @IfPresent()
  @IsArray({ message: 'Le public doit être une liste de services.' })
  @ArrayMaxSize(AUDIENCE_MAX, {
    message: `Le public ne doit pas dépasser ${AUDIENCE_MAX} services.`,
  })
  @IsUUID('all', { each: true, message: 'Chaque service du public doit être un UUID.' })
  audienceServiceIds?: string[];

  @DateTimeField('Le début de publication', 'Shown from then on; `null` or absent: at once.')
  publishFrom?: string | null;

  @DateTimeField(
    'La fin de publication',
    'Hidden from then on; `null` or absent: no end. After `publishFrom`.',
  )
  publishUntil?: string | null;

  @ApiPropertyOptional({ description: 'Shown first, and apart on the home page.', default: false })
  @IfPresent()
  @IsBoolean({ message: 'pinned doit être un booléen.' })
  pinned?: boolean;

  @PublicationStatusField()
  status?: PublicationStatus;
}

export class CreateNewsCommand extends NewsOptions {
  @UuidField(ORGANISATION, 'The organisation (commune, agglomeration) that publishes it.')
  organisationId!: string;

  @RequiredTextField('Le titre', TITLE_MAX, { example: 'Inscriptions périscolaires 2026-2027' })
  title!: string;

  @RequiredTextField('Le résumé', SUMMARY_MAX, {
    description: 'Shown in lists, before "Lire la suite".',
    example: 'Inscriptions ouvertes à partir du 1er juillet 2026',
  })
  summary!: string;

  @RequiredTextField('Le texte', BODY_MAX, {
    description: 'Markdown (headings, lists, bold, italic, links); raw HTML is removed.',
    example: 'Les inscriptions se font sur le **portail famille**.',
  })
  bodyMarkdown!: string;

  @ApiProperty({ enum: NEWS_CATEGORIES })
  @IsIn(NEWS_CATEGORIES, CATEGORY)
  category!: NewsCategory;
}

export class UpdateNewsCommand extends NewsOptions {
  @UuidField("L'identifiant de l'actualité")
  id!: string;

  @PresentTextField('Le titre', TITLE_MAX, { example: 'Inscriptions périscolaires 2026-2027' })
  title?: string;

  @PresentTextField('Le résumé', SUMMARY_MAX)
  summary?: string;

  @PresentTextField('Le texte', BODY_MAX, { description: 'Markdown; raw HTML is removed.' })
  bodyMarkdown?: string;

  @ApiPropertyOptional({ enum: NEWS_CATEGORIES })
  @IfPresent()
  @IsIn(NEWS_CATEGORIES, CATEGORY)
  category?: NewsCategory;
}

/** The body of PATCH /content/news/{id}: every field may be left out. */
export class UpdateNewsBody extends OmitType(UpdateNewsCommand, ['id'] as const) {}

/** One news item: to read, publish, unpublish or delete it (also the path of its routes). */
export class NewsIdQuery extends PickType(UpdateNewsCommand, ['id'] as const) {}

export class ListNewsQuery {
  @OptionalUuidField(ORGANISATION, 'One organisation; all when absent.')
  organisationId?: string;

  @ApiPropertyOptional({ enum: NEWS_CATEGORIES })
  @IsOptional()
  @IsIn(NEWS_CATEGORIES, CATEGORY)
  category?: NewsCategory;

  @ApiPropertyOptional({
    description: 'Full-text search, French stemming, accents ignored; results by relevance.',
    maxLength: SEARCH_MAX,
    example: 'séjour été',
  })
  @OptionalText('La recherche', SEARCH_MAX)
  q?: string;

  @PageNumberField()
  page?: number;

  @PageSizeField(MAX_NEWS_PAGE_SIZE, DEFAULT_NEWS_PAGE_SIZE)
  pageSize?: number;
}

/** Every item of one organisation, drafts and schedules included, for its editors. */
export class ListEditableNewsQuery {
  @UuidField(ORGANISATION)
  organisationId!: string;

  @ApiPropertyOptional({ enum: PUBLICATION_STATUSES })
  @IsOptional()
  @IsIn(PUBLICATION_STATUSES, STATUS)
  status?: PublicationStatus;

  @PageNumberField()
  page?: number;

  @PageSizeField(MAX_NEWS_PAGE_SIZE, DEFAULT_NEWS_PAGE_SIZE)
  pageSize?: number;
}

/** A list item: everything but the body ("Lire la suite" fetches the detail). */
export class NewsSummaryView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({ example: 'Inscriptions périscolaires 2026-2027' })
  title!: string;

  @ApiProperty({ example: 'Inscriptions ouvertes à partir du 1er juillet 2026' })
  summary!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  imageId!: string | null;

  @ApiProperty({ enum: NEWS_CATEGORIES })
  category!: NewsCategory;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Empty: everyone. Otherwise only families linked to one of these services.',
  })
  audienceServiceIds!: string[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishFrom!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishUntil!: string | null;

  @ApiProperty()
  pinned!: boolean;

  @ApiProperty({ enum: PUBLICATION_STATUSES })
  status!: PublicationStatus;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it was (last) published; lists sort on `publishFrom ?? publishedAt`.',
  })
  publishedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class NewsItemView extends NewsSummaryView {
  @ApiProperty({ description: 'Sanitised HTML rendered from the Markdown; safe to insert.' })
  bodyHtml!: string;

  @ApiPropertyOptional({
    description: 'Markdown as written (raw HTML removed); editors of its organisation only.',
  })
  bodyMarkdown?: string;
}

export class NewsPage {
  @ApiProperty({ type: [NewsSummaryView] })
  items!: NewsSummaryView[];

  @ApiProperty({ type: 'integer', example: 1 })
  page!: number;

  @ApiProperty({ type: 'integer', example: DEFAULT_NEWS_PAGE_SIZE })
  pageSize!: number;

  @ApiProperty({ type: 'integer', example: 42 })
  total!: number;
}

/** What a delete answers. */
export class ContentDeleted {
  @ApiProperty({ format: 'uuid' })
  id!: string;
}

// ---------------------------------------------------------------------------------------------
// Tiles ("dalles") and their blocks

export class SchoolBlock {
  @RequiredTextField("Le nom de l'école", 200, { example: 'École maternelle Jean Zay' })
  name!: string;

  @NullableTextField('Le niveau', 60, { example: 'maternelle' })
  level?: string | null;

  @NullableTextField("L'adresse", 300, { example: 'Rue de la Perche' })
  address?: string | null;

  @NullablePhoneField('Le téléphone', '04 70 32 31 42')
  phone?: string | null;

  @NullableTextField('La fonction', 60, { example: 'Directrice' })
  directorRole?: string | null;

  @NullableTextField('Le nom', 120, { example: 'Claire DUVAL' })
  directorName?: string | null;
}

export class OpeningHoursBlock {
  @RequiredTextField('Le libellé', 120, { example: 'Écoles maternelles' })
  label!: string;

  @RequiredTextField('Les horaires', 500, {
    example: 'Lundi, mardi, jeudi et vendredi de 8h30 à 11h45 et de 13h45 à 16h30',
  })
  hours!: string;
}

export class AttachmentBlock {
  @UuidField(
    "L'identifiant du fichier",
    'An uploaded file of the organisation, served by GET /content/files/{id}.',
  )
  fileId!: string;

  @RequiredTextField('Le libellé', 200, {
    example: 'Formulaire de dérogation scolaire 2026/2027',
  })
  label!: string;
}

export class ContactBlock {
  @RequiredTextField('Le service', 200, { example: 'Restauration scolaire' })
  service!: string;

  @NullableTextField('Les interlocuteurs', 300, { example: 'Martine LEROUX et Sophie BLANCHET' })
  names?: string | null;

  @NullablePhoneField('Le téléphone', '04 70 30 55 04')
  phone?: string | null;

  @NullablePhoneField('La messagerie vocale', '04 70 30 55 90')
  voicemail?: string | null;

  @NullableTextField("L'adresse e-mail", 200, {
    example: 'ecoles@ville-vichy.fr',
    format: 'email',
  })
  @IsEmail({}, { message: "L'adresse e-mail est invalide." })
  email?: string | null;

  @NullableTextField("Les horaires d'ouverture", 500, {
    example: 'Du lundi au vendredi de 8h30 à 12h00',
  })
  openingHours?: string | null;
}

/** Structured parts of a tile, shown after its body; each list is bounded. */
export class TileBlocks {
  @BlockList(SchoolBlock, 50, { plural: 'Les écoles', each: 'écoles' })
  schools?: SchoolBlock[];

  @BlockList(OpeningHoursBlock, 20, { plural: 'Les horaires', each: 'horaires' })
  openingHours?: OpeningHoursBlock[];

  @BlockList(AttachmentBlock, 20, { plural: 'Les pièces jointes', each: 'pièces jointes' })
  attachments?: AttachmentBlock[];

  @BlockList(ContactBlock, 50, { plural: 'Les contacts', each: 'contacts' })
  contacts?: ContactBlock[];
}

/** What a tile may carry beyond its title, the same when written and when edited. */
class TileOptions {
  @ApiPropertyOptional({
    description: 'Markdown; raw HTML is removed.',
    maxLength: BODY_MAX,
    example: 'Les préinscriptions scolaires sont possibles tout au long de l’année.',
  })
  @IfPresent()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'Le texte doit être un texte.' })
  @MaxLength(BODY_MAX, { message: `Le texte ne doit pas dépasser ${BODY_MAX} caractères.` })
  bodyMarkdown?: string;

  @ApiPropertyOptional({ type: TileBlocks, description: 'Replaces every block when given.' })
  @IfPresent()
  @Transform(({ value }: { value: unknown }) => toInstance(TileBlocks, value))
  @ValidateNested(BLOCKS_OBJECT)
  blocks?: TileBlocks;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: POSITION_MAX,
    description: 'Order within its organisation, smallest first.',
  })
  @IfPresent()
  @IsInt({ message: 'La position doit être un entier.' })
  @Min(0, { message: 'La position doit être positive.' })
  @Max(POSITION_MAX, { message: `La position ne doit pas dépasser ${POSITION_MAX}.` })
  position?: number;

  @PublicationStatusField()
  status?: PublicationStatus;
}

export class CreateTileCommand extends TileOptions {
  @UuidField(ORGANISATION)
  organisationId!: string;

  @ApiProperty({ enum: TILE_KINDS })
  @IsIn(TILE_KINDS, TILE_KIND)
  kind!: TileKind;

  @RequiredTextField('Le titre', TITLE_MAX, {
    example: 'Préinscriptions scolaires à Bellerive-sur-Allier',
  })
  title!: string;
}

export class UpdateTileCommand extends TileOptions {
  @UuidField("L'identifiant de la dalle")
  id!: string;

  @PresentTextField('Le titre', TITLE_MAX, {
    example: 'Coordonnées des différents services gestionnaires',
  })
  title?: string;
}

/** The body of PATCH /content/tiles/{id}: every field may be left out. */
export class UpdateTileBody extends OmitType(UpdateTileCommand, ['id'] as const) {}

/** One tile: to publish, unpublish or delete it (also the path of its routes). */
export class TileIdCommand extends PickType(UpdateTileCommand, ['id'] as const) {}

export class ListTilesQuery {
  @OptionalUuidField(ORGANISATION, 'One organisation; all when absent.')
  organisationId?: string;

  @ApiPropertyOptional({ enum: TILE_KINDS })
  @IsOptional()
  @IsIn(TILE_KINDS, TILE_KIND)
  kind?: TileKind;
}

export class TileView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({ enum: TILE_KINDS })
  kind!: TileKind;

  @ApiProperty({ example: 'Préinscriptions scolaires à Bellerive-sur-Allier' })
  title!: string;

  @ApiPropertyOptional({ description: 'Markdown as written; editors only.' })
  bodyMarkdown?: string;

  @ApiProperty({ description: 'Sanitised HTML rendered from the Markdown; safe to insert.' })
  bodyHtml!: string;

  @ApiProperty({ type: TileBlocks })
  blocks!: TileBlocks;

  @ApiProperty({
    type: 'integer',
    description: 'Order within its organisation, smallest first.',
    example: 1,
  })
  position!: number;

  @ApiProperty({ enum: PUBLICATION_STATUSES })
  status!: PublicationStatus;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

// ---------------------------------------------------------------------------------------------
// The home page

export class HomeQuery {
  @OptionalUuidField(ORGANISATION, 'One organisation; all when absent.')
  organisationId?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_NEWS_PAGE_SIZE,
    default: 5,
    description: 'How many of the latest (not pinned) news items to show.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Le nombre d’actualités doit être un entier.' })
  @Min(0, { message: 'Le nombre d’actualités doit être positif.' })
  @Max(MAX_NEWS_PAGE_SIZE, {
    message: `Le nombre d’actualités ne doit pas dépasser ${MAX_NEWS_PAGE_SIZE}.`,
  })
  latest?: number;
}

export class HomeView {
  @ApiProperty({ type: [NewsSummaryView] })
  pinned!: NewsSummaryView[];

  @ApiProperty({ type: [NewsSummaryView] })
  latest!: NewsSummaryView[];

  @ApiProperty({ type: [TileView] })
  tiles!: TileView[];
}

// ---------------------------------------------------------------------------------------------
// Files (images and attachments)

export class UploadFileCommand {
  @UuidField(ORGANISATION)
  organisationId!: string;

  @ApiProperty({
    enum: FILE_KINDS,
    description: 'image: PNG, JPEG, WebP; attachment: those or PDF.',
  })
  @IsIn(FILE_KINDS, { message: 'Le type doit être image ou attachment.' })
  kind!: FileKind;

  @RequiredTextField('Le nom du fichier', FILE_NAME_MAX, {
    example: 'derogation-scolaire-2026-2027.pdf',
  })
  fileName!: string;

  @ApiProperty({
    format: 'byte',
    maxLength: CONTENT_BASE64_MAX,
    description:
      'The bytes, base64; the type is recognised from them, never from the name. Larger than ' +
      'the configured limit (512 Kio by default): 413 FILE_TOO_LARGE.',
  })
  @IsString({ message: 'Le contenu du fichier doit être un texte base64.' })
  @IsNotEmpty({ message: 'Le contenu du fichier est obligatoire.' })
  @MaxLength(CONTENT_BASE64_MAX, {
    message: `Le contenu du fichier ne doit pas dépasser ${CONTENT_BASE64_MAX} caractères.`,
  })
  @IsBase64({}, { message: 'Le contenu du fichier doit être encodé en base64.' })
  contentBase64!: string;
}

/** One file (also the path of GET /content/files/{id}). */
export class FileIdQuery {
  @UuidField("L'identifiant du fichier")
  id!: string;
}

export class FileView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({ enum: FILE_KINDS })
  kind!: FileKind;

  @ApiProperty({ example: 'derogation-scolaire-2026-2027.pdf' })
  fileName!: string;

  @ApiProperty({ enum: ATTACHMENT_CONTENT_TYPES, description: 'Recognised from the bytes.' })
  contentType!: FileContentType;

  @ApiProperty({ type: 'integer', description: 'In bytes.', example: 48_213 })
  size!: number;

  @ApiProperty({ description: 'SHA-256 of the bytes, hexadecimal.', pattern: '^[0-9a-f]{64}$' })
  sha256!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

/** A file with its bytes, for the gateway to serve. */
export class FileContentView extends FileView {
  @ApiProperty({ format: 'byte' })
  contentBase64!: string;
}

// ---------------------------------------------------------------------------------------------
// The change log

export class ListContentChangesQuery {
  @UuidField(ORGANISATION)
  organisationId!: string;

  @OptionalUuidField("L'identifiant du contenu", 'One news item, tile or file.')
  subjectId?: string;

  @PageNumberField()
  page?: number;

  @PageSizeField(MAX_NEWS_PAGE_SIZE, DEFAULT_NEWS_PAGE_SIZE)
  pageSize?: number;
}

export class ContentChangeView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({ enum: CONTENT_CHANGE_SUBJECT_TYPES })
  subjectType!: ContentChangeSubjectType;

  @ApiProperty({ format: 'uuid' })
  subjectId!: string;

  @ApiProperty({ enum: CONTENT_CHANGE_ACTIONS })
  action!: ContentChangeAction;

  @ApiProperty({ format: 'uuid' })
  actorAccountId!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class ContentChangesPage {
  @ApiProperty({ type: [ContentChangeView] })
  items!: ContentChangeView[];

  @ApiProperty({ type: 'integer', example: 1 })
  page!: number;

  @ApiProperty({ type: 'integer', example: DEFAULT_NEWS_PAGE_SIZE })
  pageSize!: number;

  @ApiProperty({ type: 'integer', example: 42 })
  total!: number;
}

declare module './requests' {
  interface RequestReplies {
    [ContentSubjects.home]: { request: HomeQuery; reply: HomeView };
    [ContentSubjects.newsList]: { request: ListNewsQuery; reply: NewsPage };
    [ContentSubjects.newsGet]: { request: NewsIdQuery; reply: NewsItemView };
    [ContentSubjects.newsListEditable]: { request: ListEditableNewsQuery; reply: NewsPage };
    [ContentSubjects.newsCreate]: { request: CreateNewsCommand; reply: NewsItemView };
    [ContentSubjects.newsUpdate]: { request: UpdateNewsCommand; reply: NewsItemView };
    [ContentSubjects.newsPublish]: { request: NewsIdQuery; reply: NewsItemView };
    [ContentSubjects.newsUnpublish]: { request: NewsIdQuery; reply: NewsItemView };
    [ContentSubjects.newsDelete]: { request: NewsIdQuery; reply: ContentDeleted };
    [ContentSubjects.tilesList]: { request: ListTilesQuery; reply: TileView[] };
    [ContentSubjects.tilesCreate]: { request: CreateTileCommand; reply: TileView };
    [ContentSubjects.tilesUpdate]: { request: UpdateTileCommand; reply: TileView };
    [ContentSubjects.tilesPublish]: { request: TileIdCommand; reply: TileView };
    [ContentSubjects.tilesUnpublish]: { request: TileIdCommand; reply: TileView };
    [ContentSubjects.tilesDelete]: { request: TileIdCommand; reply: ContentDeleted };
    [ContentSubjects.filesUpload]: { request: UploadFileCommand; reply: FileView };
    [ContentSubjects.filesGet]: { request: FileIdQuery; reply: FileContentView };
    [ContentSubjects.changesList]: { request: ListContentChangesQuery; reply: ContentChangesPage };
  }
}

/**
 * The public portal home: news ("actualités"), tiles ("dalles": Activité, Contact) and the
 * files they show (images, downloadable attachments). Read by anyone; written by agents of
 * the organisation that owns the item, and by administrators.
 */
export const ContentSubjects = {
  home: 'content.home.get',
  newsList: 'content.news.list',
  newsGet: 'content.news.get',
  /** Every item of one organisation, drafts and schedules included, for its editors. */
  newsListEditable: 'content.news.list-editable',
  newsCreate: 'content.news.create',
  newsUpdate: 'content.news.update',
  newsPublish: 'content.news.publish',
  newsUnpublish: 'content.news.unpublish',
  newsDelete: 'content.news.delete',
  tilesList: 'content.tiles.list',
  tilesCreate: 'content.tiles.create',
  tilesUpdate: 'content.tiles.update',
  tilesPublish: 'content.tiles.publish',
  tilesUnpublish: 'content.tiles.unpublish',
  tilesDelete: 'content.tiles.delete',
  filesUpload: 'content.files.upload',
  filesGet: 'content.files.get',
  changesList: 'content.changes.list',
} as const;

export enum ContentErrorCode {
  NEWS_NOT_FOUND = 'NEWS_NOT_FOUND',
  TILE_NOT_FOUND = 'TILE_NOT_FOUND',
  FILE_NOT_FOUND = 'FILE_NOT_FOUND',
  /** An agent acting on another organisation's content. */
  CONTENT_OUT_OF_SCOPE = 'CONTENT_OUT_OF_SCOPE',
  /** The bytes are not one of the accepted types, or not the kind claimed (an "image" that is not one). */
  FILE_TYPE_NOT_ALLOWED = 'FILE_TYPE_NOT_ALLOWED',
  FILE_TOO_LARGE = 'FILE_TOO_LARGE',
}

export const NEWS_CATEGORIES = [
  'periscolaire',
  'scolaire',
  'conservatoire',
  'sports',
  'loisirs',
  'petite-enfance',
  'restauration',
  'general',
] as const;
export type NewsCategory = (typeof NEWS_CATEGORIES)[number];

export const PUBLICATION_STATUSES = ['draft', 'published'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

export const TILE_KINDS = ['activity', 'contact'] as const;
export type TileKind = (typeof TILE_KINDS)[number];

export const FILE_KINDS = ['image', 'attachment'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** Accepted upload types, recognised from their first bytes (never from the name or the claim). */
export const IMAGE_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const ATTACHMENT_CONTENT_TYPES = [...IMAGE_CONTENT_TYPES, 'application/pdf'] as const;
export type FileContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

/** Largest page of a list; bigger requests are refused (400). */
export const MAX_NEWS_PAGE_SIZE = 50;
export const DEFAULT_NEWS_PAGE_SIZE = 10;

export interface NewsItemView {
  id: string;
  organisationId: string;
  title: string;
  summary: string;
  /** Markdown as written by the agent (raw HTML is removed); returned to editors only. */
  bodyMarkdown?: string;
  /** Rendered from the Markdown on write; safe to insert in a page. */
  bodyHtml: string;
  imageId: string | null;
  category: NewsCategory;
  /** Empty: everyone. Otherwise only families linked to one of these municipal services. */
  audienceServiceIds: string[];
  publishFrom: string | null;
  publishUntil: string | null;
  pinned: boolean;
  status: PublicationStatus;
  /** When it was (last) published; lists sort on `publishFrom ?? publishedAt`. */
  publishedAt: string | null;
  updatedAt: string;
}

/** A list item: everything but the body ("Lire la suite" fetches the detail). */
export type NewsSummaryView = Omit<NewsItemView, 'bodyHtml' | 'bodyMarkdown'>;

export interface NewsPage {
  items: NewsSummaryView[];
  page: number;
  pageSize: number;
  total: number;
}

export interface ListNewsQuery {
  organisationId?: string;
  category?: NewsCategory;
  /** Full-text search, French stemming, accents ignored; results by relevance. */
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface NewsIdQuery {
  id: string;
}

export interface CreateNewsCommand {
  organisationId: string;
  title: string;
  summary: string;
  bodyMarkdown: string;
  imageId?: string | null;
  category: NewsCategory;
  audienceServiceIds?: string[];
  publishFrom?: string | null;
  publishUntil?: string | null;
  pinned?: boolean;
  status?: PublicationStatus;
}

export type UpdateNewsCommand = { id: string } & Partial<Omit<CreateNewsCommand, 'organisationId'>>;

export interface SchoolBlock {
  name: string;
  /** e.g. "maternelle", "élémentaire". */
  level?: string | null;
  address?: string | null;
  phone?: string | null;
  /** e.g. "Directrice", "Directeur". */
  directorRole?: string | null;
  directorName?: string | null;
}

export interface OpeningHoursBlock {
  /** e.g. "Écoles maternelles", "Espace Écoles". */
  label: string;
  hours: string;
}

export interface AttachmentBlock {
  fileId: string;
  label: string;
}

export interface ContactBlock {
  /** e.g. "Restauration scolaire". */
  service: string;
  names?: string | null;
  phone?: string | null;
  voicemail?: string | null;
  email?: string | null;
  openingHours?: string | null;
}

/** Structured parts of a tile, shown after its body. */
export interface TileBlocks {
  schools?: SchoolBlock[];
  openingHours?: OpeningHoursBlock[];
  attachments?: AttachmentBlock[];
  contacts?: ContactBlock[];
}

export interface TileView {
  id: string;
  organisationId: string;
  kind: TileKind;
  title: string;
  bodyMarkdown?: string;
  bodyHtml: string;
  blocks: TileBlocks;
  /** Order within its organisation, smallest first. */
  position: number;
  status: PublicationStatus;
  updatedAt: string;
}

export interface ListTilesQuery {
  organisationId?: string;
  kind?: TileKind;
}

export interface CreateTileCommand {
  organisationId: string;
  kind: TileKind;
  title: string;
  bodyMarkdown?: string;
  blocks?: TileBlocks;
  position?: number;
  status?: PublicationStatus;
}

export type UpdateTileCommand = { id: string } & Partial<
  Omit<CreateTileCommand, 'organisationId' | 'kind'>
>;

export interface HomeQuery {
  organisationId?: string;
  /** Latest (not pinned) news shown; at most MAX_NEWS_PAGE_SIZE. */
  latest?: number;
}

export interface HomeView {
  pinned: NewsSummaryView[];
  latest: NewsSummaryView[];
  tiles: TileView[];
}

export interface UploadFileCommand {
  organisationId: string;
  kind: FileKind;
  fileName: string;
  /** The file's bytes, base64. */
  contentBase64: string;
}

export interface FileView {
  id: string;
  organisationId: string;
  kind: FileKind;
  fileName: string;
  contentType: FileContentType;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface FileContentView extends FileView {
  contentBase64: string;
}

export interface FileIdQuery {
  id: string;
}

export interface ContentChangeView {
  id: string;
  organisationId: string;
  subjectType: 'news' | 'tile' | 'file';
  subjectId: string;
  action: 'create' | 'update' | 'publish' | 'unpublish' | 'delete' | 'upload';
  actorAccountId: string;
  at: string;
}

export interface ListContentChangesQuery {
  organisationId: string;
  subjectId?: string;
  page?: number;
  pageSize?: number;
}

export interface ContentChangesPage {
  items: ContentChangeView[];
  page: number;
  pageSize: number;
  total: number;
}

export interface ListEditableNewsQuery {
  organisationId: string;
  status?: PublicationStatus;
  page?: number;
  pageSize?: number;
}

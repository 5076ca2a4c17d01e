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
/** Highest page number asked for; further pages of any real list are empty anyway. */
export const MAX_CONTENT_PAGE_NUMBER = 10_000;

/**
 * Largest file the content service may be configured to accept: files travel base64 in one NATS
 * message, whose default limit is 1 MiB (700 000 bytes are about 933 000 base64 characters).
 */
export const CONTENT_FILE_BYTES_LIMIT = 700_000;

export const CONTENT_CHANGE_SUBJECT_TYPES = ['news', 'tile', 'file'] as const;
export type ContentChangeSubjectType = (typeof CONTENT_CHANGE_SUBJECT_TYPES)[number];

export const CONTENT_CHANGE_ACTIONS = [
  'create',
  'update',
  'publish',
  'unpublish',
  'delete',
  'upload',
] as const;
export type ContentChangeAction = (typeof CONTENT_CHANGE_ACTIONS)[number];

// Commands, queries and their replies: ./content.messages.ts

import type { EntityManager } from 'typeorm';
import type { Caller, UpdateNewsCommand } from '@portail/contracts';
import { recordChange } from '../changes/content-changes';
import { checkFileReferences } from '../files/file-references';
import { requireEditorOf } from '../publishing/editor-access';
import { markdownText, renderMarkdown, stripHtml } from '../publishing/markdown';
import { toNewsSummaryView } from './news-views';
import { NewsItem } from './news-item.entity';
import { NewsNotFoundException, PublicationWindowInvalidException } from './news.exception';

type NewsFields = Omit<UpdateNewsCommand, 'id'>;

/** Applies the given fields, sanitising text and rendering the body; checks the window. */
export function applyNewsFields(item: NewsItem, fields: NewsFields): void {
  if (fields.title !== undefined) item.title = stripHtml(fields.title).trim();
  if (fields.summary !== undefined) item.summary = stripHtml(fields.summary).trim();
  if (fields.bodyMarkdown !== undefined) {
    item.bodyMarkdown = stripHtml(fields.bodyMarkdown);
    item.bodyHtml = renderMarkdown(fields.bodyMarkdown);
    item.bodyText = markdownText(fields.bodyMarkdown);
  }
  if (fields.imageId !== undefined) item.imageId = fields.imageId;
  if (fields.category !== undefined) item.category = fields.category;
  if (fields.audienceServiceIds !== undefined) {
    item.audienceServiceIds = [...new Set(fields.audienceServiceIds)];
  }
  if (fields.publishFrom !== undefined) {
    item.publishFrom = fields.publishFrom ? new Date(fields.publishFrom) : null;
  }
  if (fields.publishUntil !== undefined) {
    item.publishUntil = fields.publishUntil ? new Date(fields.publishUntil) : null;
  }
  if (fields.pinned !== undefined) item.pinned = fields.pinned;
  if (fields.status !== undefined) {
    if (fields.status === 'published' && item.status !== 'published') item.publishedAt = new Date();
    item.status = fields.status;
  }
  if (item.publishFrom && item.publishUntil && item.publishUntil <= item.publishFrom) {
    throw new PublicationWindowInvalidException();
  }
  item.updatedAt = new Date();
}

/** Loads an item for a write by an editor of its organisation, locked until the commit. */
export async function newsForWrite(
  manager: EntityManager,
  caller: Caller,
  id: string,
): Promise<NewsItem> {
  const item = await manager.findOne(NewsItem, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!item) throw new NewsNotFoundException(id);
  requireEditorOf(caller, item.organisationId);
  return item;
}

export async function saveNewsChange(
  manager: EntityManager,
  caller: Caller,
  item: NewsItem,
  action: 'create' | 'update' | 'publish' | 'unpublish',
): Promise<void> {
  if (item.imageId) {
    await checkFileReferences(manager, item.organisationId, [item.imageId], 'imageId', 'image');
  }
  await manager.save(NewsItem, item);
  await recordChange(manager, caller, {
    organisationId: item.organisationId,
    subjectType: 'news',
    subjectId: item.id,
    action,
    snapshot: { ...toNewsSummaryView(item), bodyMarkdown: item.bodyMarkdown },
  });
}

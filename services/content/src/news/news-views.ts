import type { NewsItemView, NewsSummaryView } from '@portail/contracts';
import type { NewsItem } from './news-item.entity';

export function toNewsSummaryView(item: NewsItem): NewsSummaryView {
  return {
    id: item.id,
    organisationId: item.organisationId,
    title: item.title,
    summary: item.summary,
    imageId: item.imageId,
    category: item.category,
    audienceServiceIds: item.audienceServiceIds,
    publishFrom: item.publishFrom?.toISOString() ?? null,
    publishUntil: item.publishUntil?.toISOString() ?? null,
    pinned: item.pinned,
    status: item.status,
    publishedAt: item.publishedAt?.toISOString() ?? null,
    updatedAt: item.updatedAt.toISOString(),
  };
}

export function toNewsItemView(item: NewsItem, forEditor: boolean): NewsItemView {
  return {
    ...toNewsSummaryView(item),
    bodyHtml: item.bodyHtml,
    ...(forEditor ? { bodyMarkdown: item.bodyMarkdown } : {}),
  };
}

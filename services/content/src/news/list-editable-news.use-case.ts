import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import {
  DEFAULT_NEWS_PAGE_SIZE,
  type Caller,
  type ListEditableNewsQuery,
  type NewsPage,
} from '@portail/contracts';
import { requireEditorOf } from '../publishing/editor-access';
import { toNewsSummaryView } from './news-views';
import { NewsItem } from './news-item.entity';

/** An organisation's items whatever their state (drafts, scheduled, ended), last edited first. */
@Injectable()
export class ListEditableNews {
  constructor(@InjectRepository(NewsItem) private readonly news: Repository<NewsItem>) {}

  async execute(caller: Caller, query: ListEditableNewsQuery): Promise<NewsPage> {
    requireEditorOf(caller, query.organisationId);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_NEWS_PAGE_SIZE;
    const [items, total] = await this.news.findAndCount({
      where: {
        organisationId: query.organisationId,
        ...(query.status ? { status: query.status } : {}),
      },
      order: { updatedAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: items.map(toNewsSummaryView), page, pageSize, total };
  }
}

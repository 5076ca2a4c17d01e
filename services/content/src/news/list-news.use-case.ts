import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import {
  DEFAULT_NEWS_PAGE_SIZE,
  type Caller,
  type ListNewsQuery,
  type NewsPage,
} from '@portail/contracts';
import { AudienceReader } from '../publishing/audience';
import { visibilityOf, wherePublishedNow } from '../publishing/visibility';
import { toNewsSummaryView } from './news-views';
import { NewsItem } from './news-item.entity';

/** Public list: pinned first, then newest first; by relevance when searching. */
@Injectable()
export class ListNews {
  constructor(
    @InjectRepository(NewsItem) private readonly news: Repository<NewsItem>,
    private readonly audience: AudienceReader,
  ) {}

  async execute(caller: Caller | undefined, query: ListNewsQuery): Promise<NewsPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_NEWS_PAGE_SIZE;
    const builder = wherePublishedNow(
      this.news.createQueryBuilder('news'),
      'news',
      await visibilityOf(caller, this.audience),
    );
    if (query.organisationId) {
      builder.andWhere('news.organisation_id = :organisationId', {
        organisationId: query.organisationId,
      });
    }
    if (query.category) builder.andWhere('news.category = :category', { category: query.category });
    if (query.q) {
      builder
        .andWhere("news.search_vector @@ websearch_to_tsquery('french_unaccent', :q)", {
          q: query.q,
        })
        .orderBy(
          "ts_rank(news.search_vector, websearch_to_tsquery('french_unaccent', :q))",
          'DESC',
        );
    } else {
      builder.orderBy('news.pinned', 'DESC');
    }
    builder
      .addOrderBy('COALESCE(news.publish_from, news.published_at)', 'DESC')
      .addOrderBy('news.id', 'DESC')
      .offset((page - 1) * pageSize)
      .limit(pageSize);
    const [items, total] = await builder.getManyAndCount();
    return { items: items.map(toNewsSummaryView), page, pageSize, total };
  }
}

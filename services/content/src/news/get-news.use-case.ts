import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Caller, NewsItemView } from '@portail/contracts';
import { AudienceReader } from '../publishing/audience';
import { isEditorOf } from '../publishing/editor-access';
import { visibilityOf, wherePublishedNow } from '../publishing/visibility';
import { toNewsItemView } from './news-views';
import { NewsItem } from './news-item.entity';
import { NewsNotFoundException } from './news.exception';

/** "Lire la suite": the whole item; editors of its organisation also see drafts and schedules. */
@Injectable()
export class GetNews {
  constructor(
    @InjectRepository(NewsItem) private readonly news: Repository<NewsItem>,
    private readonly audience: AudienceReader,
  ) {}

  async execute(caller: Caller | undefined, id: string): Promise<NewsItemView> {
    const item = await this.news.findOneBy({ id });
    if (!item) throw new NewsNotFoundException(id);
    if (isEditorOf(caller, item.organisationId)) return toNewsItemView(item, true);
    const visible = await wherePublishedNow(
      this.news.createQueryBuilder('news').where('news.id = :id', { id }),
      'news',
      await visibilityOf(caller, this.audience),
    ).getExists();
    if (!visible) throw new NewsNotFoundException(id);
    return toNewsItemView(item, false);
  }
}

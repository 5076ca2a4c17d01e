import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Caller, HomeQuery, HomeView } from '@portail/contracts';
import { NewsItem } from '../news/news-item.entity';
import { toNewsSummaryView } from '../news/news-views';
import { AudienceReader } from '../publishing/audience';
import { visibilityOf, wherePublishedNow } from '../publishing/visibility';
import { ListTiles } from '../tiles/list-tiles.use-case';

const MAX_PINNED = 10;
const DEFAULT_LATEST = 5;

/** What the portal home shows: pinned news, the latest others, the tiles. */
@Injectable()
export class GetHome {
  constructor(
    @InjectRepository(NewsItem) private readonly news: Repository<NewsItem>,
    private readonly audience: AudienceReader,
    private readonly listTiles: ListTiles,
  ) {}

  async execute(caller: Caller | undefined, query: HomeQuery): Promise<HomeView> {
    const visibility = await visibilityOf(caller, this.audience);
    const newsOf = async (pinned: boolean, limit: number): Promise<NewsItem[]> => {
      // TypeORM reads a limit of 0 as "no limit"
      if (limit === 0) return [];
      const builder = wherePublishedNow(this.news.createQueryBuilder('news'), 'news', visibility)
        .andWhere('news.pinned = :pinned', { pinned })
        .orderBy('COALESCE(news.publish_from, news.published_at)', 'DESC')
        .addOrderBy('news.id', 'DESC')
        .limit(limit);
      if (query.organisationId) {
        builder.andWhere('news.organisation_id = :organisationId', {
          organisationId: query.organisationId,
        });
      }
      return builder.getMany();
    };
    const [pinned, latest, tiles] = await Promise.all([
      newsOf(true, MAX_PINNED),
      newsOf(false, query.latest ?? DEFAULT_LATEST),
      this.listTiles.execute({ organisationId: query.organisationId }),
    ]);
    return {
      pinned: pinned.map(toNewsSummaryView),
      latest: latest.map(toNewsSummaryView),
      tiles,
    };
  }
}

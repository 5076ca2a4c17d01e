import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@portail/contracts';
import { recordChange } from '../changes/content-changes';
import { toNewsSummaryView } from './news-views';
import { NewsItem } from './news-item.entity';
import { newsForWrite } from './write-news';

@Injectable()
export class DeleteNews {
  constructor(private readonly dataSource: DataSource) {}

  execute(caller: Caller, id: string): Promise<{ id: string }> {
    return this.dataSource.transaction(async (manager) => {
      const item = await newsForWrite(manager, caller, id);
      await manager.delete(NewsItem, { id });
      await recordChange(manager, caller, {
        organisationId: item.organisationId,
        subjectType: 'news',
        subjectId: id,
        action: 'delete',
        snapshot: { ...toNewsSummaryView(item), bodyMarkdown: item.bodyMarkdown },
      });
      return { id };
    });
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, NewsItemView } from '@portail/contracts';
import { toNewsItemView } from './news-views';
import { applyNewsFields, newsForWrite, saveNewsChange } from './write-news';

/** Publishes (visible within its window) or unpublishes (back to draft) an item. */
@Injectable()
export class SetNewsPublication {
  constructor(private readonly dataSource: DataSource) {}

  execute(caller: Caller, id: string, published: boolean): Promise<NewsItemView> {
    return this.dataSource.transaction(async (manager) => {
      const item = await newsForWrite(manager, caller, id);
      applyNewsFields(item, { status: published ? 'published' : 'draft' });
      await saveNewsChange(manager, caller, item, published ? 'publish' : 'unpublish');
      return toNewsItemView(item, true);
    });
  }
}

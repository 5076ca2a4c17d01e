import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, NewsItemView, UpdateNewsCommand } from '@portail/contracts';
import { toNewsItemView } from './news-views';
import { applyNewsFields, newsForWrite, saveNewsChange } from './write-news';

/** Edits, schedules (publishFrom/publishUntil) or pins an item of the caller's organisation. */
@Injectable()
export class UpdateNews {
  constructor(private readonly dataSource: DataSource) {}

  execute(caller: Caller, command: UpdateNewsCommand): Promise<NewsItemView> {
    return this.dataSource.transaction(async (manager) => {
      const item = await newsForWrite(manager, caller, command.id);
      applyNewsFields(item, command);
      await saveNewsChange(manager, caller, item, 'update');
      return toNewsItemView(item, true);
    });
  }
}

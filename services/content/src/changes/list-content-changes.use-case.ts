import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import {
  DEFAULT_NEWS_PAGE_SIZE,
  type Caller,
  type ContentChangesPage,
  type ListContentChangesQuery,
} from '@portail/contracts';
import { requireEditorOf } from '../publishing/editor-access';
import { ContentChange } from './content-change.entity';
import { toContentChangeView } from './content-changes';

/** Who changed what and when, newest first, for the editors of an organisation. */
@Injectable()
export class ListContentChanges {
  constructor(
    @InjectRepository(ContentChange) private readonly changes: Repository<ContentChange>,
  ) {}

  async execute(caller: Caller, query: ListContentChangesQuery): Promise<ContentChangesPage> {
    requireEditorOf(caller, query.organisationId);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_NEWS_PAGE_SIZE;
    const [items, total] = await this.changes.findAndCount({
      where: {
        organisationId: query.organisationId,
        ...(query.subjectId ? { subjectId: query.subjectId } : {}),
      },
      order: { at: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: items.map(toContentChangeView), page, pageSize, total };
  }
}

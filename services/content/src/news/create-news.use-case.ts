import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { Caller, CreateNewsCommand, NewsItemView } from '@portail/contracts';
import { requireEditorOf } from '../publishing/editor-access';
import { OrganisationDirectory } from '../publishing/organisation-directory';
import { toNewsItemView } from './news-views';
import { NewsItem } from './news-item.entity';
import { applyNewsFields, saveNewsChange } from './write-news';

@Injectable()
export class CreateNews {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationDirectory,
  ) {}

  async execute(caller: Caller, command: CreateNewsCommand): Promise<NewsItemView> {
    requireEditorOf(caller, command.organisationId);
    await this.organisations.assertExists(command.organisationId);
    const item = new NewsItem();
    Object.assign(item, {
      id: uuidv7(),
      organisationId: command.organisationId,
      imageId: null,
      audienceServiceIds: [],
      publishFrom: null,
      publishUntil: null,
      pinned: false,
      status: 'draft',
      publishedAt: null,
      createdAt: new Date(),
    });
    applyNewsFields(item, command);
    await this.dataSource.transaction((manager) => saveNewsChange(manager, caller, item, 'create'));
    return toNewsItemView(item, true);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ContentSubjects,
  CreateNewsCommand,
  ListEditableNewsQuery,
  ListNewsQuery,
  NewsIdQuery,
  UpdateNewsCommand,
  type Caller,
  type ContentDeleted,
  type NewsItemView,
  type NewsPage,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest, OptionalCaller } from '@portail/service-kit';
import { CreateNews } from './create-news.use-case';
import { DeleteNews } from './delete-news.use-case';
import { GetNews } from './get-news.use-case';
import { ListNews } from './list-news.use-case';
import { ListEditableNews } from './list-editable-news.use-case';
import { SetNewsPublication } from './set-news-publication.use-case';
import { UpdateNews } from './update-news.use-case';

@Controller()
export class NewsController {
  constructor(
    private readonly listNews: ListNews,
    private readonly getNews: GetNews,
    private readonly createNews: CreateNews,
    private readonly updateNews: UpdateNews,
    private readonly setNewsPublication: SetNewsPublication,
    private readonly deleteNews: DeleteNews,
    private readonly listEditableNews: ListEditableNews,
  ) {}

  @HandlesRequest(ContentSubjects.newsListEditable)
  listEditable(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListEditableNewsQuery,
  ): Promise<NewsPage> {
    return this.listEditableNews.execute(caller, query);
  }

  @HandlesRequest(ContentSubjects.newsList)
  list(
    @OptionalCaller() caller: Caller | undefined,
    @Payload() query: ListNewsQuery,
  ): Promise<NewsPage> {
    return this.listNews.execute(caller, query);
  }

  @HandlesRequest(ContentSubjects.newsGet)
  get(
    @OptionalCaller() caller: Caller | undefined,
    @Payload() query: NewsIdQuery,
  ): Promise<NewsItemView> {
    return this.getNews.execute(caller, query.id);
  }

  @HandlesRequest(ContentSubjects.newsCreate)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateNewsCommand,
  ): Promise<NewsItemView> {
    return this.createNews.execute(caller, command);
  }

  @HandlesRequest(ContentSubjects.newsUpdate)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateNewsCommand,
  ): Promise<NewsItemView> {
    return this.updateNews.execute(caller, command);
  }

  @HandlesRequest(ContentSubjects.newsPublish)
  publish(@CurrentCaller() caller: Caller, @Payload() query: NewsIdQuery): Promise<NewsItemView> {
    return this.setNewsPublication.execute(caller, query.id, true);
  }

  @HandlesRequest(ContentSubjects.newsUnpublish)
  unpublish(@CurrentCaller() caller: Caller, @Payload() query: NewsIdQuery): Promise<NewsItemView> {
    return this.setNewsPublication.execute(caller, query.id, false);
  }

  @HandlesRequest(ContentSubjects.newsDelete)
  delete(@CurrentCaller() caller: Caller, @Payload() query: NewsIdQuery): Promise<ContentDeleted> {
    return this.deleteNews.execute(caller, query.id);
  }
}

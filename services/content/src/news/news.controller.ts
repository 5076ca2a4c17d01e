import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ContentSubjects, type Caller, type NewsItemView, type NewsPage } from '@portail/contracts';
import { CurrentCaller, OptionalCaller } from '@portail/service-kit';
import { CreateNews } from './create-news.use-case';
import { DeleteNews } from './delete-news.use-case';
import { GetNews } from './get-news.use-case';
import { ListNews } from './list-news.use-case';
import { ListEditableNews } from './list-editable-news.use-case';
import {
  CreateNewsDto,
  ListEditableNewsDto,
  ListNewsDto,
  NewsIdDto,
  UpdateNewsDto,
} from './news.dto';
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

  @MessagePattern(ContentSubjects.newsListEditable)
  listEditable(
    @CurrentCaller() caller: Caller,
    @Payload() query: ListEditableNewsDto,
  ): Promise<NewsPage> {
    return this.listEditableNews.execute(caller, query);
  }

  @MessagePattern(ContentSubjects.newsList)
  list(
    @OptionalCaller() caller: Caller | undefined,
    @Payload() query: ListNewsDto,
  ): Promise<NewsPage> {
    return this.listNews.execute(caller, query);
  }

  @MessagePattern(ContentSubjects.newsGet)
  get(
    @OptionalCaller() caller: Caller | undefined,
    @Payload() query: NewsIdDto,
  ): Promise<NewsItemView> {
    return this.getNews.execute(caller, query.id);
  }

  @MessagePattern(ContentSubjects.newsCreate)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateNewsDto,
  ): Promise<NewsItemView> {
    return this.createNews.execute(caller, command);
  }

  @MessagePattern(ContentSubjects.newsUpdate)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateNewsDto,
  ): Promise<NewsItemView> {
    return this.updateNews.execute(caller, command);
  }

  @MessagePattern(ContentSubjects.newsPublish)
  publish(@CurrentCaller() caller: Caller, @Payload() query: NewsIdDto): Promise<NewsItemView> {
    return this.setNewsPublication.execute(caller, query.id, true);
  }

  @MessagePattern(ContentSubjects.newsUnpublish)
  unpublish(@CurrentCaller() caller: Caller, @Payload() query: NewsIdDto): Promise<NewsItemView> {
    return this.setNewsPublication.execute(caller, query.id, false);
  }

  @MessagePattern(ContentSubjects.newsDelete)
  delete(@CurrentCaller() caller: Caller, @Payload() query: NewsIdDto): Promise<{ id: string }> {
    return this.deleteNews.execute(caller, query.id);
  }
}

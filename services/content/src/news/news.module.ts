import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PublishingModule } from '../publishing/publishing.module';
import { CreateNews } from './create-news.use-case';
import { DeleteNews } from './delete-news.use-case';
import { GetNews } from './get-news.use-case';
import { ListEditableNews } from './list-editable-news.use-case';
import { ListNews } from './list-news.use-case';
import { NewsItem } from './news-item.entity';
import { NewsController } from './news.controller';
import { SetNewsPublication } from './set-news-publication.use-case';
import { UpdateNews } from './update-news.use-case';

@Module({
  imports: [TypeOrmModule.forFeature([NewsItem]), PublishingModule],
  controllers: [NewsController],
  providers: [
    ListNews,
    ListEditableNews,
    GetNews,
    CreateNews,
    UpdateNews,
    SetNewsPublication,
    DeleteNews,
  ],
  exports: [ListNews],
})
export class NewsModule {}

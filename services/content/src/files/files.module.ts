import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NewsItem } from '../news/news-item.entity';
import { PublishingModule } from '../publishing/publishing.module';
import { Tile } from '../tiles/tile.entity';
import { ContentFile } from './content-file.entity';
import { FilesController } from './files.controller';
import { GetFile } from './get-file.use-case';
import { UploadFile } from './upload-file.use-case';

@Module({
  imports: [TypeOrmModule.forFeature([ContentFile, NewsItem, Tile]), PublishingModule],
  controllers: [FilesController],
  providers: [UploadFile, GetFile],
})
export class FilesModule {}

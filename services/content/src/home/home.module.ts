import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NewsItem } from '../news/news-item.entity';
import { PublishingModule } from '../publishing/publishing.module';
import { TilesModule } from '../tiles/tiles.module';
import { GetHome } from './get-home.use-case';
import { HomeController } from './home.controller';

@Module({
  imports: [TypeOrmModule.forFeature([NewsItem]), PublishingModule, TilesModule],
  controllers: [HomeController],
  providers: [GetHome],
})
export class HomeModule {}

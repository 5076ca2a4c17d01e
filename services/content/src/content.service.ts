import type { BackendServiceDefinition } from '@portail/service-kit';
import { ChangesModule } from './changes/changes.module';
import { ContentChange } from './changes/content-change.entity';
import { ContentFile } from './files/content-file.entity';
import { FilesModule } from './files/files.module';
import { HomeModule } from './home/home.module';
import { CreateContent1764300000001 } from './migrations/1764300000001-create-content';
import { NewsItem } from './news/news-item.entity';
import { NewsModule } from './news/news.module';
import { Tile } from './tiles/tile.entity';
import { TilesModule } from './tiles/tiles.module';

/** News and tiles of the public portal home (see DESIGN.md). */
export const contentService: BackendServiceDefinition = {
  name: 'content',
  imports: [NewsModule, TilesModule, FilesModule, HomeModule, ChangesModule],
  entities: [NewsItem, Tile, ContentFile, ContentChange],
  migrations: [CreateContent1764300000001],
};

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PublishingModule } from '../publishing/publishing.module';
import { CreateTile } from './create-tile.use-case';
import { DeleteTile } from './delete-tile.use-case';
import { ListTiles } from './list-tiles.use-case';
import { SetTilePublication } from './set-tile-publication.use-case';
import { Tile } from './tile.entity';
import { TilesController } from './tiles.controller';
import { UpdateTile } from './update-tile.use-case';

@Module({
  imports: [TypeOrmModule.forFeature([Tile]), PublishingModule],
  controllers: [TilesController],
  providers: [ListTiles, CreateTile, UpdateTile, SetTilePublication, DeleteTile],
  exports: [ListTiles],
})
export class TilesModule {}

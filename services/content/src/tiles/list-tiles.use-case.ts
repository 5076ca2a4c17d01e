import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { ListTilesQuery, TileView } from '@portail/contracts';
import { toTileView } from './tile-view';
import { Tile } from './tile.entity';

/** Published tiles, in their order within each organisation. */
@Injectable()
export class ListTiles {
  constructor(@InjectRepository(Tile) private readonly tiles: Repository<Tile>) {}

  async execute(query: ListTilesQuery): Promise<TileView[]> {
    const builder = this.tiles
      .createQueryBuilder('tile')
      .where("tile.status = 'published'")
      .orderBy('tile.organisation_id', 'ASC')
      .addOrderBy('tile.position', 'ASC')
      .addOrderBy('tile.title', 'ASC');
    if (query.organisationId) {
      builder.andWhere('tile.organisation_id = :organisationId', {
        organisationId: query.organisationId,
      });
    }
    if (query.kind) builder.andWhere('tile.kind = :kind', { kind: query.kind });
    return (await builder.getMany()).map((tile) => toTileView(tile, false));
  }
}

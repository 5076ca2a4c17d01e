import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, TileView } from '@portail/contracts';
import { toTileView } from './tile-view';
import { applyTileFields, saveTileChange, tileForWrite } from './write-tile';

@Injectable()
export class SetTilePublication {
  constructor(private readonly dataSource: DataSource) {}

  execute(caller: Caller, id: string, published: boolean): Promise<TileView> {
    return this.dataSource.transaction(async (manager) => {
      const tile = await tileForWrite(manager, caller, id);
      applyTileFields(tile, { status: published ? 'published' : 'draft' });
      await saveTileChange(manager, caller, tile, published ? 'publish' : 'unpublish');
      return toTileView(tile, true);
    });
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller, TileView, UpdateTileCommand } from '@portail/contracts';
import { toTileView } from './tile-view';
import { applyTileFields, saveTileChange, tileForWrite } from './write-tile';

@Injectable()
export class UpdateTile {
  constructor(private readonly dataSource: DataSource) {}

  execute(caller: Caller, command: UpdateTileCommand): Promise<TileView> {
    return this.dataSource.transaction(async (manager) => {
      const tile = await tileForWrite(manager, caller, command.id);
      applyTileFields(tile, command);
      await saveTileChange(manager, caller, tile, 'update');
      return toTileView(tile, true);
    });
  }
}

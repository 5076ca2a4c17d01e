import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@portail/contracts';
import { recordChange } from '../changes/content-changes';
import { toTileView } from './tile-view';
import { Tile } from './tile.entity';
import { tileForWrite } from './write-tile';

@Injectable()
export class DeleteTile {
  constructor(private readonly dataSource: DataSource) {}

  execute(caller: Caller, id: string): Promise<{ id: string }> {
    return this.dataSource.transaction(async (manager) => {
      const tile = await tileForWrite(manager, caller, id);
      await manager.delete(Tile, { id });
      await recordChange(manager, caller, {
        organisationId: tile.organisationId,
        subjectType: 'tile',
        subjectId: id,
        action: 'delete',
        snapshot: { ...toTileView(tile, true) },
      });
      return { id };
    });
  }
}

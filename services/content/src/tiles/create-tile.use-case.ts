import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { Caller, CreateTileCommand, TileView } from '@portail/contracts';
import { requireEditorOf } from '../publishing/editor-access';
import { OrganisationDirectory } from '../publishing/organisation-directory';
import { toTileView } from './tile-view';
import { Tile } from './tile.entity';
import { applyTileFields, saveTileChange } from './write-tile';

@Injectable()
export class CreateTile {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationDirectory,
  ) {}

  async execute(caller: Caller, command: CreateTileCommand): Promise<TileView> {
    requireEditorOf(caller, command.organisationId);
    await this.organisations.assertExists(command.organisationId);
    const tile = new Tile();
    Object.assign(tile, {
      id: uuidv7(),
      organisationId: command.organisationId,
      kind: command.kind,
      bodyMarkdown: '',
      bodyHtml: '',
      blocks: {},
      position: 0,
      status: 'draft',
      createdAt: new Date(),
    });
    applyTileFields(tile, command);
    await this.dataSource.transaction((manager) => saveTileChange(manager, caller, tile, 'create'));
    return toTileView(tile, true);
  }
}

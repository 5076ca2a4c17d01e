import type { EntityManager } from 'typeorm';
import type { Caller, TileBlocks, UpdateTileCommand } from '@portail/contracts';
import { recordChange } from '../changes/content-changes';
import { checkFileReferences } from '../files/file-references';
import { requireEditorOf } from '../publishing/editor-access';
import { renderMarkdown, stripHtml } from '../publishing/markdown';
import { toTileView } from './tile-view';
import { Tile } from './tile.entity';
import { TileNotFoundException } from './tile.exception';

type TileFields = Omit<UpdateTileCommand, 'id'>;

/** Every text of the blocks without HTML, and only the known block lists. */
export function cleanBlocks(blocks: TileBlocks): TileBlocks {
  const clean = <T extends object>(items: T[] | undefined): T[] | undefined =>
    items?.map(
      (item) =>
        Object.fromEntries(
          Object.entries(item)
            .filter(([, value]) => value !== undefined)
            .map(([key, value]) => [
              key,
              typeof value === 'string' ? stripHtml(value).trim() : value,
            ]),
        ) as T,
    );
  const result: TileBlocks = {
    schools: clean(blocks.schools),
    openingHours: clean(blocks.openingHours),
    attachments: clean(blocks.attachments),
    contacts: clean(blocks.contacts),
  };
  const present: TileBlocks = {};
  for (const key of Object.keys(result) as Array<keyof TileBlocks>) {
    if (result[key] !== undefined) Object.assign(present, { [key]: result[key] });
  }
  return present;
}

export function applyTileFields(tile: Tile, fields: TileFields): void {
  if (fields.title !== undefined) tile.title = stripHtml(fields.title).trim();
  if (fields.bodyMarkdown !== undefined) {
    tile.bodyMarkdown = stripHtml(fields.bodyMarkdown);
    tile.bodyHtml = renderMarkdown(fields.bodyMarkdown);
  }
  if (fields.blocks !== undefined) tile.blocks = cleanBlocks(fields.blocks);
  if (fields.position !== undefined) tile.position = fields.position;
  if (fields.status !== undefined) tile.status = fields.status;
  tile.updatedAt = new Date();
}

export async function tileForWrite(
  manager: EntityManager,
  caller: Caller,
  id: string,
): Promise<Tile> {
  const tile = await manager.findOne(Tile, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!tile) throw new TileNotFoundException(id);
  requireEditorOf(caller, tile.organisationId);
  return tile;
}

export async function saveTileChange(
  manager: EntityManager,
  caller: Caller,
  tile: Tile,
  action: 'create' | 'update' | 'publish' | 'unpublish',
): Promise<void> {
  const attachments = (tile.blocks.attachments ?? []).map((attachment) => attachment.fileId);
  await checkFileReferences(manager, tile.organisationId, attachments, 'blocks.attachments');
  await manager.save(Tile, tile);
  await recordChange(manager, caller, {
    organisationId: tile.organisationId,
    subjectType: 'tile',
    subjectId: tile.id,
    action,
    snapshot: { ...toTileView(tile, true) },
  });
}

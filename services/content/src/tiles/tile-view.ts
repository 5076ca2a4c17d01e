import type { TileView } from '@portail/contracts';
import type { Tile } from './tile.entity';

export function toTileView(tile: Tile, forEditor: boolean): TileView {
  return {
    id: tile.id,
    organisationId: tile.organisationId,
    kind: tile.kind,
    title: tile.title,
    bodyHtml: tile.bodyHtml,
    ...(forEditor ? { bodyMarkdown: tile.bodyMarkdown } : {}),
    blocks: tile.blocks,
    position: tile.position,
    status: tile.status,
    updatedAt: tile.updatedAt.toISOString(),
  };
}

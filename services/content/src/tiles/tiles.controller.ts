import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ContentSubjects, type Caller, type TileView } from '@portail/contracts';
import { CurrentCaller } from '@portail/service-kit';
import { CreateTile } from './create-tile.use-case';
import { DeleteTile } from './delete-tile.use-case';
import { ListTiles } from './list-tiles.use-case';
import { SetTilePublication } from './set-tile-publication.use-case';
import { CreateTileDto, ListTilesDto, TileIdDto, UpdateTileDto } from './tile.dto';
import { UpdateTile } from './update-tile.use-case';

@Controller()
export class TilesController {
  constructor(
    private readonly listTiles: ListTiles,
    private readonly createTile: CreateTile,
    private readonly updateTile: UpdateTile,
    private readonly setTilePublication: SetTilePublication,
    private readonly deleteTile: DeleteTile,
  ) {}

  @MessagePattern(ContentSubjects.tilesList)
  list(@Payload() query: ListTilesDto): Promise<TileView[]> {
    return this.listTiles.execute(query);
  }

  @MessagePattern(ContentSubjects.tilesCreate)
  create(@CurrentCaller() caller: Caller, @Payload() command: CreateTileDto): Promise<TileView> {
    return this.createTile.execute(caller, command);
  }

  @MessagePattern(ContentSubjects.tilesUpdate)
  update(@CurrentCaller() caller: Caller, @Payload() command: UpdateTileDto): Promise<TileView> {
    return this.updateTile.execute(caller, command);
  }

  @MessagePattern(ContentSubjects.tilesPublish)
  publish(@CurrentCaller() caller: Caller, @Payload() query: TileIdDto): Promise<TileView> {
    return this.setTilePublication.execute(caller, query.id, true);
  }

  @MessagePattern(ContentSubjects.tilesUnpublish)
  unpublish(@CurrentCaller() caller: Caller, @Payload() query: TileIdDto): Promise<TileView> {
    return this.setTilePublication.execute(caller, query.id, false);
  }

  @MessagePattern(ContentSubjects.tilesDelete)
  delete(@CurrentCaller() caller: Caller, @Payload() query: TileIdDto): Promise<{ id: string }> {
    return this.deleteTile.execute(caller, query.id);
  }
}

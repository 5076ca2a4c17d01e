import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ContentSubjects,
  CreateTileCommand,
  ListTilesQuery,
  TileIdCommand,
  UpdateTileCommand,
  type Caller,
  type ContentDeleted,
  type TileView,
} from '@portail/contracts';
import { CurrentCaller, HandlesRequest } from '@portail/service-kit';
import { CreateTile } from './create-tile.use-case';
import { DeleteTile } from './delete-tile.use-case';
import { ListTiles } from './list-tiles.use-case';
import { SetTilePublication } from './set-tile-publication.use-case';
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

  @HandlesRequest(ContentSubjects.tilesList)
  list(@Payload() query: ListTilesQuery): Promise<TileView[]> {
    return this.listTiles.execute(query);
  }

  @HandlesRequest(ContentSubjects.tilesCreate)
  create(
    @CurrentCaller() caller: Caller,
    @Payload() command: CreateTileCommand,
  ): Promise<TileView> {
    return this.createTile.execute(caller, command);
  }

  @HandlesRequest(ContentSubjects.tilesUpdate)
  update(
    @CurrentCaller() caller: Caller,
    @Payload() command: UpdateTileCommand,
  ): Promise<TileView> {
    return this.updateTile.execute(caller, command);
  }

  @HandlesRequest(ContentSubjects.tilesPublish)
  publish(@CurrentCaller() caller: Caller, @Payload() command: TileIdCommand): Promise<TileView> {
    return this.setTilePublication.execute(caller, command.id, true);
  }

  @HandlesRequest(ContentSubjects.tilesUnpublish)
  unpublish(@CurrentCaller() caller: Caller, @Payload() command: TileIdCommand): Promise<TileView> {
    return this.setTilePublication.execute(caller, command.id, false);
  }

  @HandlesRequest(ContentSubjects.tilesDelete)
  delete(
    @CurrentCaller() caller: Caller,
    @Payload() command: TileIdCommand,
  ): Promise<ContentDeleted> {
    return this.deleteTile.execute(caller, command.id);
  }
}

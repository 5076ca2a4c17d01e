import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ContentSubjects, type Caller } from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ProblemDetailsDto } from '../problems/problem-details.dto';
import {
  ContentChangesPageDto,
  CreateNewsDto,
  CreateTileDto,
  DeletedDto,
  FileDto,
  IdParam,
  ListContentChangesQueryDto,
  ListEditableNewsQueryDto,
  NewsItemDto,
  NewsPageDto,
  TileDto,
  UpdateNewsDto,
  UpdateTileDto,
  UploadFileDto,
} from './content.dto';

const INVALID = { status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' };
const OUT_OF_SCOPE = {
  status: 403,
  type: ProblemDetailsDto,
  description: "CONTENT_OUT_OF_SCOPE: another organisation's content",
};
const NEWS_NOT_FOUND = { status: 404, type: ProblemDetailsDto, description: 'NEWS_NOT_FOUND' };
const TILE_NOT_FOUND = { status: 404, type: ProblemDetailsDto, description: 'TILE_NOT_FOUND' };

/** Agents edit their organisation's news, tiles and files; administrators any. Every change is logged. */
@ApiTags('content')
@Allow('agent', 'admin')
@Controller('content')
export class ContentEditingController {
  constructor(private readonly services: ServiceClient) {}

  @Get('editor/news')
  @ApiOperation({
    summary:
      "An organisation's news whatever their state (drafts, scheduled, ended), last edited first",
  })
  @ApiResponse({ status: 200, type: NewsPageDto })
  @ApiResponse(INVALID)
  @ApiResponse(OUT_OF_SCOPE)
  listEditable(
    @CurrentCaller() caller: Caller,
    @Query() query: ListEditableNewsQueryDto,
  ): Promise<NewsPageDto> {
    return this.services.requestUntyped(ContentSubjects.newsListEditable, query, { caller });
  }

  @Get('changes')
  @ApiOperation({ summary: "Who changed an organisation's content, and when (newest first)" })
  @ApiResponse({ status: 200, type: ContentChangesPageDto })
  @ApiResponse(INVALID)
  @ApiResponse(OUT_OF_SCOPE)
  changes(
    @CurrentCaller() caller: Caller,
    @Query() query: ListContentChangesQueryDto,
  ): Promise<ContentChangesPageDto> {
    return this.services.requestUntyped(ContentSubjects.changesList, query, { caller });
  }

  @Post('news')
  @ApiOperation({
    summary: 'Write a news item (draft unless status=published; schedule with publishFrom/Until)',
  })
  @ApiResponse({ status: 201, type: NewsItemDto })
  @ApiResponse(INVALID)
  @ApiResponse(OUT_OF_SCOPE)
  createNews(@CurrentCaller() caller: Caller, @Body() body: CreateNewsDto): Promise<NewsItemDto> {
    return this.services.requestUntyped(ContentSubjects.newsCreate, body, { caller });
  }

  @Patch('news/:id')
  @ApiOperation({ summary: 'Edit, schedule or pin a news item' })
  @ApiResponse({ status: 200, type: NewsItemDto })
  @ApiResponse(INVALID)
  @ApiResponse(OUT_OF_SCOPE)
  @ApiResponse(NEWS_NOT_FOUND)
  updateNews(
    @CurrentCaller() caller: Caller,
    @Param() params: IdParam,
    @Body() body: UpdateNewsDto,
  ): Promise<NewsItemDto> {
    return this.services.requestUntyped(
      ContentSubjects.newsUpdate,
      { ...body, id: params.id },
      { caller },
    );
  }

  @Post('news/:id/publish')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Publish (shown within its publication window)' })
  @ApiResponse({ status: 200, type: NewsItemDto })
  @ApiResponse(OUT_OF_SCOPE)
  @ApiResponse(NEWS_NOT_FOUND)
  publishNews(@CurrentCaller() caller: Caller, @Param() params: IdParam): Promise<NewsItemDto> {
    return this.services.requestUntyped(ContentSubjects.newsPublish, { id: params.id }, { caller });
  }

  @Post('news/:id/unpublish')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Back to draft' })
  @ApiResponse({ status: 200, type: NewsItemDto })
  @ApiResponse(OUT_OF_SCOPE)
  @ApiResponse(NEWS_NOT_FOUND)
  unpublishNews(@CurrentCaller() caller: Caller, @Param() params: IdParam): Promise<NewsItemDto> {
    return this.services.requestUntyped(
      ContentSubjects.newsUnpublish,
      { id: params.id },
      { caller },
    );
  }

  @Delete('news/:id')
  @ApiOperation({ summary: 'Delete a news item' })
  @ApiResponse({ status: 200, type: DeletedDto })
  @ApiResponse(OUT_OF_SCOPE)
  @ApiResponse(NEWS_NOT_FOUND)
  deleteNews(@CurrentCaller() caller: Caller, @Param() params: IdParam): Promise<DeletedDto> {
    return this.services.requestUntyped(ContentSubjects.newsDelete, { id: params.id }, { caller });
  }

  @Post('tiles')
  @ApiOperation({ summary: 'Write an activity or contact tile' })
  @ApiResponse({ status: 201, type: TileDto })
  @ApiResponse(INVALID)
  @ApiResponse(OUT_OF_SCOPE)
  createTile(@CurrentCaller() caller: Caller, @Body() body: CreateTileDto): Promise<TileDto> {
    return this.services.requestUntyped(ContentSubjects.tilesCreate, body, { caller });
  }

  @Patch('tiles/:id')
  @ApiOperation({ summary: 'Edit or move a tile' })
  @ApiResponse({ status: 200, type: TileDto })
  @ApiResponse(INVALID)
  @ApiResponse(OUT_OF_SCOPE)
  @ApiResponse(TILE_NOT_FOUND)
  updateTile(
    @CurrentCaller() caller: Caller,
    @Param() params: IdParam,
    @Body() body: UpdateTileDto,
  ): Promise<TileDto> {
    return this.services.requestUntyped(
      ContentSubjects.tilesUpdate,
      { ...body, id: params.id },
      { caller },
    );
  }

  @Post('tiles/:id/publish')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Publish a tile' })
  @ApiResponse({ status: 200, type: TileDto })
  @ApiResponse(OUT_OF_SCOPE)
  @ApiResponse(TILE_NOT_FOUND)
  publishTile(@CurrentCaller() caller: Caller, @Param() params: IdParam): Promise<TileDto> {
    return this.services.requestUntyped(
      ContentSubjects.tilesPublish,
      { id: params.id },
      { caller },
    );
  }

  @Post('tiles/:id/unpublish')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Back to draft' })
  @ApiResponse({ status: 200, type: TileDto })
  @ApiResponse(OUT_OF_SCOPE)
  @ApiResponse(TILE_NOT_FOUND)
  unpublishTile(@CurrentCaller() caller: Caller, @Param() params: IdParam): Promise<TileDto> {
    return this.services.requestUntyped(
      ContentSubjects.tilesUnpublish,
      { id: params.id },
      { caller },
    );
  }

  @Delete('tiles/:id')
  @ApiOperation({ summary: 'Delete a tile' })
  @ApiResponse({ status: 200, type: DeletedDto })
  @ApiResponse(OUT_OF_SCOPE)
  @ApiResponse(TILE_NOT_FOUND)
  deleteTile(@CurrentCaller() caller: Caller, @Param() params: IdParam): Promise<DeletedDto> {
    return this.services.requestUntyped(ContentSubjects.tilesDelete, { id: params.id }, { caller });
  }

  @Post('files')
  @ApiOperation({
    summary:
      'Upload an image (PNG, JPEG, WebP) or attachment (also PDF), type sniffed from the bytes',
  })
  @ApiResponse({ status: 201, type: FileDto })
  @ApiResponse(INVALID)
  @ApiResponse(OUT_OF_SCOPE)
  @ApiResponse({ status: 413, type: ProblemDetailsDto, description: 'FILE_TOO_LARGE' })
  @ApiResponse({ status: 415, type: ProblemDetailsDto, description: 'FILE_TYPE_NOT_ALLOWED' })
  upload(@CurrentCaller() caller: Caller, @Body() body: UploadFileDto): Promise<FileDto> {
    return this.services.requestUntyped(ContentSubjects.filesUpload, body, { caller });
  }
}

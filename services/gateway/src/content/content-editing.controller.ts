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
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CommonErrorCode,
  ContentDeleted,
  ContentChangesPage,
  ContentErrorCode,
  ContentSubjects,
  CreateNewsCommand,
  CreateTileCommand,
  FileView,
  ListContentChangesQuery,
  ListEditableNewsQuery,
  NewsIdQuery,
  NewsItemView,
  NewsPage,
  OrganisationErrorCode,
  TileIdCommand,
  TileView,
  UpdateNewsBody,
  UpdateTileBody,
  UploadFileCommand,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller } from '../auth/auth.decorators';
import { UPLOAD_ADMISSION_ROUTE } from '../enrolment/document-upload-body';
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';

const { VALIDATION_FAILED } = CommonErrorCode;
const { CONTENT_OUT_OF_SCOPE, NEWS_NOT_FOUND, TILE_NOT_FOUND } = ContentErrorCode;

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
  @ApiResponse({ status: 200, type: NewsPage })
  @ApiProblems(VALIDATION_FAILED, CONTENT_OUT_OF_SCOPE)
  listEditable(
    @CurrentCaller() caller: Caller,
    @Query() query: ListEditableNewsQuery,
  ): Promise<NewsPage> {
    return this.services.request(ContentSubjects.newsListEditable, query, { caller });
  }

  @Get('changes')
  @ApiOperation({ summary: "Who changed an organisation's content, and when (newest first)" })
  @ApiResponse({ status: 200, type: ContentChangesPage })
  @ApiProblems(VALIDATION_FAILED, CONTENT_OUT_OF_SCOPE)
  changes(
    @CurrentCaller() caller: Caller,
    @Query() query: ListContentChangesQuery,
  ): Promise<ContentChangesPage> {
    return this.services.request(ContentSubjects.changesList, query, { caller });
  }

  @Post('news')
  @ApiOperation({
    summary: 'Write a news item (draft unless status=published; schedule with publishFrom/Until)',
  })
  @ApiResponse({ status: 201, type: NewsItemView })
  @ApiProblems(
    VALIDATION_FAILED,
    CONTENT_OUT_OF_SCOPE,
    OrganisationErrorCode.ORGANISATION_NOT_FOUND,
  )
  createNews(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateNewsCommand,
  ): Promise<NewsItemView> {
    return this.services.request(ContentSubjects.newsCreate, body, { caller });
  }

  @Patch('news/:id')
  @ApiOperation({ summary: 'Edit, schedule or pin a news item' })
  @ApiResponse({ status: 200, type: NewsItemView })
  @ApiProblems(VALIDATION_FAILED, CONTENT_OUT_OF_SCOPE, NEWS_NOT_FOUND)
  updateNews(
    @CurrentCaller() caller: Caller,
    @Param() path: NewsIdQuery,
    @Body() body: UpdateNewsBody,
  ): Promise<NewsItemView> {
    return this.services.request(ContentSubjects.newsUpdate, { ...body, id: path.id }, { caller });
  }

  @Post('news/:id/publish')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Publish (shown within its publication window)' })
  @ApiResponse({ status: 200, type: NewsItemView })
  @ApiProblems(VALIDATION_FAILED, CONTENT_OUT_OF_SCOPE, NEWS_NOT_FOUND)
  publishNews(@CurrentCaller() caller: Caller, @Param() path: NewsIdQuery): Promise<NewsItemView> {
    return this.services.request(ContentSubjects.newsPublish, { id: path.id }, { caller });
  }

  @Post('news/:id/unpublish')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Back to draft' })
  @ApiResponse({ status: 200, type: NewsItemView })
  @ApiProblems(VALIDATION_FAILED, CONTENT_OUT_OF_SCOPE, NEWS_NOT_FOUND)
  unpublishNews(
    @CurrentCaller() caller: Caller,
    @Param() path: NewsIdQuery,
  ): Promise<NewsItemView> {
    return this.services.request(ContentSubjects.newsUnpublish, { id: path.id }, { caller });
  }

  @Delete('news/:id')
  @ApiOperation({ summary: 'Delete a news item' })
  @ApiResponse({ status: 200, type: ContentDeleted })
  @ApiProblems(VALIDATION_FAILED, CONTENT_OUT_OF_SCOPE, NEWS_NOT_FOUND)
  deleteNews(@CurrentCaller() caller: Caller, @Param() path: NewsIdQuery): Promise<ContentDeleted> {
    return this.services.request(ContentSubjects.newsDelete, { id: path.id }, { caller });
  }

  @Post('tiles')
  @ApiOperation({ summary: 'Write an activity or contact tile' })
  @ApiResponse({ status: 201, type: TileView })
  @ApiProblems(
    VALIDATION_FAILED,
    CONTENT_OUT_OF_SCOPE,
    OrganisationErrorCode.ORGANISATION_NOT_FOUND,
  )
  createTile(@CurrentCaller() caller: Caller, @Body() body: CreateTileCommand): Promise<TileView> {
    return this.services.request(ContentSubjects.tilesCreate, body, { caller });
  }

  @Patch('tiles/:id')
  @ApiOperation({ summary: 'Edit or move a tile' })
  @ApiResponse({ status: 200, type: TileView })
  @ApiProblems(VALIDATION_FAILED, CONTENT_OUT_OF_SCOPE, TILE_NOT_FOUND)
  updateTile(
    @CurrentCaller() caller: Caller,
    @Param() path: TileIdCommand,
    @Body() body: UpdateTileBody,
  ): Promise<TileView> {
    return this.services.request(ContentSubjects.tilesUpdate, { ...body, id: path.id }, { caller });
  }

  @Post('tiles/:id/publish')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Publish a tile' })
  @ApiResponse({ status: 200, type: TileView })
  @ApiProblems(VALIDATION_FAILED, CONTENT_OUT_OF_SCOPE, TILE_NOT_FOUND)
  publishTile(@CurrentCaller() caller: Caller, @Param() path: TileIdCommand): Promise<TileView> {
    return this.services.request(ContentSubjects.tilesPublish, { id: path.id }, { caller });
  }

  @Post('tiles/:id/unpublish')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Back to draft' })
  @ApiResponse({ status: 200, type: TileView })
  @ApiProblems(VALIDATION_FAILED, CONTENT_OUT_OF_SCOPE, TILE_NOT_FOUND)
  unpublishTile(@CurrentCaller() caller: Caller, @Param() path: TileIdCommand): Promise<TileView> {
    return this.services.request(ContentSubjects.tilesUnpublish, { id: path.id }, { caller });
  }

  @Delete('tiles/:id')
  @ApiOperation({ summary: 'Delete a tile' })
  @ApiResponse({ status: 200, type: ContentDeleted })
  @ApiProblems(VALIDATION_FAILED, CONTENT_OUT_OF_SCOPE, TILE_NOT_FOUND)
  deleteTile(
    @CurrentCaller() caller: Caller,
    @Param() path: TileIdCommand,
  ): Promise<ContentDeleted> {
    return this.services.request(ContentSubjects.tilesDelete, { id: path.id }, { caller });
  }

  @Post('files')
  @RouteConfig(UPLOAD_ADMISSION_ROUTE)
  @ApiOperation({
    summary:
      'Upload an image (PNG, JPEG, WebP) or attachment (also PDF), type sniffed from the bytes',
  })
  @ApiResponse({ status: 201, type: FileView })
  @ApiProblems(
    VALIDATION_FAILED,
    CONTENT_OUT_OF_SCOPE,
    ContentErrorCode.FILE_TOO_LARGE,
    ContentErrorCode.FILE_TYPE_NOT_ALLOWED,
  )
  upload(@CurrentCaller() caller: Caller, @Body() body: UploadFileCommand): Promise<FileView> {
    return this.services.request(ContentSubjects.filesUpload, body, { caller });
  }
}

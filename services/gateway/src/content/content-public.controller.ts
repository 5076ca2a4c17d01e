import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CommonErrorCode,
  ContentErrorCode,
  ContentSubjects,
  FileIdQuery,
  HomeQuery,
  HomeView,
  ListNewsQuery,
  ListTilesQuery,
  NewsIdQuery,
  NewsItemView,
  NewsPage,
  TileView,
  type Caller,
} from '@portail/contracts';
import { OptionalCaller, Public } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';
import { cacheable } from './http-cache';

const { VALIDATION_FAILED } = CommonErrorCode;
const NOT_MODIFIED = { status: 304, description: 'Not modified (If-None-Match matched the ETag)' };
const IF_NONE_MATCH = {
  name: 'If-None-Match',
  required: false,
  description: 'An ETag received earlier',
};

/** The public portal home, readable without an account; every response carries an ETag. */
@ApiTags('content')
@Public()
@Controller('content')
export class ContentPublicController {
  constructor(private readonly services: ServiceClient) {}

  @Get('home')
  @ApiOperation({
    summary:
      'What the portal home shows: pinned news, latest news, tiles (one organisation or all)',
  })
  @ApiHeader(IF_NONE_MATCH)
  @ApiResponse({ status: 200, type: HomeView })
  @ApiResponse(NOT_MODIFIED)
  @ApiProblems(VALIDATION_FAILED)
  async home(
    @OptionalCaller() caller: Caller | undefined,
    @Query() query: HomeQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HomeView | undefined> {
    const home = await this.services.request(ContentSubjects.home, query, { caller });
    return cacheable(request, reply, home, caller !== undefined);
  }

  @Get('news')
  @ApiOperation({
    summary: 'News published now: pinned first, newest first; by relevance with q (French)',
  })
  @ApiHeader(IF_NONE_MATCH)
  @ApiResponse({ status: 200, type: NewsPage })
  @ApiResponse(NOT_MODIFIED)
  @ApiProblems(VALIDATION_FAILED)
  async list(
    @OptionalCaller() caller: Caller | undefined,
    @Query() query: ListNewsQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NewsPage | undefined> {
    const page = await this.services.request(ContentSubjects.newsList, query, { caller });
    return cacheable(request, reply, page, caller !== undefined);
  }

  @Get('news/:id')
  @ApiOperation({ summary: 'One news item ("Lire la suite"); editors also see drafts' })
  @ApiHeader(IF_NONE_MATCH)
  @ApiResponse({ status: 200, type: NewsItemView })
  @ApiResponse(NOT_MODIFIED)
  @ApiProblems(VALIDATION_FAILED, ContentErrorCode.NEWS_NOT_FOUND)
  async get(
    @OptionalCaller() caller: Caller | undefined,
    @Param() path: NewsIdQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NewsItemView | undefined> {
    const item = await this.services.request(ContentSubjects.newsGet, { id: path.id }, { caller });
    return cacheable(request, reply, item, caller !== undefined);
  }

  @Get('tiles')
  @ApiOperation({ summary: 'Published tiles, in their order within each organisation' })
  @ApiHeader(IF_NONE_MATCH)
  @ApiResponse({ status: 200, type: [TileView] })
  @ApiResponse(NOT_MODIFIED)
  @ApiProblems(VALIDATION_FAILED)
  async tiles(
    @Query() query: ListTilesQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TileView[] | undefined> {
    const tiles = await this.services.request(ContentSubjects.tilesList, query);
    return cacheable(request, reply, tiles, false);
  }

  @Get('files/:id')
  @ApiOperation({
    summary: 'An uploaded image or attachment, with its sniffed content type',
    description:
      'Only files that published content the caller may see uses, except for editors of its ' +
      'organisation: any other is 404, as if it did not exist.',
  })
  @ApiProduces('image/png', 'image/jpeg', 'image/webp', 'application/pdf')
  @ApiResponse({ status: 200, description: 'The bytes' })
  @ApiResponse(NOT_MODIFIED)
  @ApiProblems(VALIDATION_FAILED, ContentErrorCode.FILE_NOT_FOUND)
  async file(
    @OptionalCaller() caller: Caller | undefined,
    @Param() path: FileIdQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile | undefined> {
    const file = await this.services.request(ContentSubjects.filesGet, { id: path.id }, { caller });
    const etag = `"${file.sha256}"`;
    const disposition = file.kind === 'image' ? 'inline' : 'attachment';
    void reply
      .header('etag', etag)
      // The bytes never change (a new upload gets a new id) but who may read them does (an
      // unpublished item hides its files again), so caches revalidate: the ETag makes that a
      // 304. Private when a token was sent: an editor or an audience may read what others may not.
      .header('cache-control', `${caller ? 'private' : 'public'}, max-age=0, must-revalidate`)
      .header('x-content-type-options', 'nosniff')
      .header(
        'content-disposition',
        `${disposition}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      );
    if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag)) {
      void reply.status(304);
      return undefined;
    }
    return new StreamableFile(Buffer.from(file.contentBase64, 'base64'), {
      type: file.contentType,
      length: file.size,
    });
  }
}

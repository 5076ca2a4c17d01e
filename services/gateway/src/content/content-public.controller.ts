import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ContentSubjects,
  type Caller,
  type FileContentView,
  type HomeView,
  type NewsItemView,
  type NewsPage,
  type TileView,
} from '@portail/contracts';
import { OptionalCaller, Public } from '../auth/auth.decorators';
import { ServiceClient } from '../nats/service-client';
import { ProblemDetailsDto } from '../problems/problem-details.dto';
import {
  HomeDto,
  HomeQueryDto,
  IdParam,
  ListNewsQueryDto,
  ListTilesQueryDto,
  NewsItemDto,
  NewsPageDto,
  TileDto,
} from './content.dto';
import { cacheable } from './http-cache';

const INVALID = { status: 400, type: ProblemDetailsDto, description: 'VALIDATION_FAILED' };
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
  @ApiResponse({ status: 200, type: HomeDto })
  @ApiResponse(NOT_MODIFIED)
  @ApiResponse(INVALID)
  async home(
    @OptionalCaller() caller: Caller | undefined,
    @Query() query: HomeQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HomeDto | undefined> {
    const home = await this.services.requestUntyped<HomeView>(ContentSubjects.home, query, {
      caller,
    });
    return cacheable(request, reply, home, caller !== undefined);
  }

  @Get('news')
  @ApiOperation({
    summary: 'News published now: pinned first, newest first; by relevance with q (French)',
  })
  @ApiHeader(IF_NONE_MATCH)
  @ApiResponse({ status: 200, type: NewsPageDto })
  @ApiResponse(NOT_MODIFIED)
  @ApiResponse(INVALID)
  async list(
    @OptionalCaller() caller: Caller | undefined,
    @Query() query: ListNewsQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NewsPageDto | undefined> {
    const page = await this.services.requestUntyped<NewsPage>(ContentSubjects.newsList, query, {
      caller,
    });
    return cacheable(request, reply, page, caller !== undefined);
  }

  @Get('news/:id')
  @ApiOperation({ summary: 'One news item ("Lire la suite"); editors also see drafts' })
  @ApiHeader(IF_NONE_MATCH)
  @ApiResponse({ status: 200, type: NewsItemDto })
  @ApiResponse(NOT_MODIFIED)
  @ApiResponse(INVALID)
  @ApiResponse({ status: 404, type: ProblemDetailsDto, description: 'NEWS_NOT_FOUND' })
  async get(
    @OptionalCaller() caller: Caller | undefined,
    @Param() params: IdParam,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NewsItemDto | undefined> {
    const item = await this.services.requestUntyped<NewsItemView>(
      ContentSubjects.newsGet,
      { id: params.id },
      { caller },
    );
    return cacheable(request, reply, item, caller !== undefined);
  }

  @Get('tiles')
  @ApiOperation({ summary: 'Published tiles, in their order within each organisation' })
  @ApiHeader(IF_NONE_MATCH)
  @ApiResponse({ status: 200, type: [TileDto] })
  @ApiResponse(NOT_MODIFIED)
  @ApiResponse(INVALID)
  async tiles(
    @Query() query: ListTilesQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TileDto[] | undefined> {
    const tiles = await this.services.requestUntyped<TileView[]>(ContentSubjects.tilesList, query);
    return cacheable(request, reply, tiles, false);
  }

  @Get('files/:id')
  @ApiOperation({ summary: 'An uploaded image or attachment, with its sniffed content type' })
  @ApiProduces('image/png', 'image/jpeg', 'image/webp', 'application/pdf')
  @ApiResponse({ status: 200, description: 'The bytes' })
  @ApiResponse(NOT_MODIFIED)
  @ApiResponse({ status: 404, type: ProblemDetailsDto, description: 'FILE_NOT_FOUND' })
  async file(
    @Param() params: IdParam,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile | undefined> {
    const file = await this.services.requestUntyped<FileContentView>(ContentSubjects.filesGet, {
      id: params.id,
    });
    const etag = `"${file.sha256}"`;
    const disposition = file.kind === 'image' ? 'inline' : 'attachment';
    void reply
      .header('etag', etag)
      // a file never changes: a new upload gets a new id
      .header('cache-control', 'public, max-age=31536000, immutable')
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

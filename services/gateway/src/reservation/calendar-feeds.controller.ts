import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { gzipSync } from 'node:zlib';
import {
  ActivityRef,
  CALENDAR_FEED_ROUTE,
  CalendarFeedFileParams,
  CalendarFeedLink,
  ChildRef,
  ClosuresImportView,
  CommonErrorCode,
  ImportClosuresParams,
  ReservationErrorCode,
  ReservationSubjects,
  type Caller,
} from '@portail/contracts';
import { Allow, CurrentCaller, Public } from '../auth/auth.decorators';
import {
  CALENDAR_UPLOAD_CONTENT_TYPES,
  CALENDAR_UPLOAD_ROUTE,
  calendarTypeNotAllowed,
} from '../enrolment/document-upload-body';
import { ServiceClient } from '../nats/service-client';
import { ApiProblems } from '../problems/api-problems.decorator';

/** The origin the caller reached the gateway at, for the absolute URL of a feed. */
function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * A child's bookings as a calendar feed (ICS) at a secret URL, created, rotated and revoked by
 * the family. The URL is the only credential: it is shown once, and its token never logged.
 */
@ApiTags('reservation')
@Allow('family')
@Controller('children/:childId/calendar-feed')
export class ChildCalendarFeedController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @ApiOperation({
    summary: "Create or rotate the secret URL of a child's calendar feed (ICS)",
    description:
      'The answer gives the URL once: only a hash of its token is kept. Calling again gives a new ' +
      'URL and the previous one answers 404 at once.',
  })
  @ApiResponse({ status: 201, type: CalendarFeedLink })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, ReservationErrorCode.BOOKING_CHILD_NOT_FOUND)
  async create(
    @CurrentCaller() caller: Caller,
    @Param() params: ChildRef,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CalendarFeedLink> {
    const feed = await this.services.request(ReservationSubjects.calendarFeedsCreate, params, {
      caller,
    });
    void reply.header('cache-control', 'no-store');
    return { ...feed, url: `${originOf(request)}${feed.path}` };
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "Revoke the child's calendar feed: its URL answers 404 from now on" })
  @ApiResponse({ status: 204, description: 'Revoked (or there was none)' })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, ReservationErrorCode.BOOKING_CHILD_NOT_FOUND)
  async revoke(@CurrentCaller() caller: Caller, @Param() params: ChildRef): Promise<void> {
    await this.services.request(ReservationSubjects.calendarFeedsRevoke, params, { caller });
  }
}

/** The feed itself: public (a phone's calendar subscribes without logging in), rate-limited. */
@ApiTags('reservation')
@Public()
@Controller(CALENDAR_FEED_ROUTE)
export class CalendarFeedsController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':file')
  @ApiOperation({
    summary: "A child's bookings as an iCalendar file, at the secret URL its family created",
    description:
      'Booked days, and waitlisted, offered or pending ones labelled as such, from 31 days ago to ' +
      'the end of the booking rights; times in Europe/Paris. Unknown, rotated or revoked: 404.',
  })
  @ApiProduces('text/calendar')
  @ApiResponse({
    status: 200,
    description: 'The calendar (RFC 5545)',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, ReservationErrorCode.CALENDAR_FEED_NOT_FOUND)
  async read(
    @Param() params: CalendarFeedFileParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.services.request(
      ReservationSubjects.calendarFeedsRead,
      { token: params.file.slice(0, -'.ics'.length) },
      {},
    );
    const bytes = Buffer.from(file.content, 'utf8');
    void reply
      .header('cache-control', 'private, max-age=300')
      .header('x-content-type-options', 'nosniff')
      // The URL is a credential: a link followed from a calendar entry must not carry it.
      .header('referrer-policy', 'no-referrer');
    return new StreamableFile(bytes, {
      type: 'text/calendar; charset=utf-8',
      length: bytes.length,
      disposition: `inline; filename="${file.fileName}"`,
    });
  }
}

/** Agents import the closures of an activity (or one site) from an ICS file. */
@ApiTags('reservation')
@Allow('agent', 'admin')
@Controller('agent/activities/:activityId/closures/import')
export class ClosuresImportController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @RouteConfig(CALENDAR_UPLOAD_ROUTE)
  @ApiOperation({
    summary: 'Import closures from an iCalendar file (strikes, school trips, works); dryRun first',
    description:
      'The body is the .ics file itself (text/calendar, 1 MiB and 1,000 events at most). Each ' +
      "event's UID is kept: importing the same file again creates nothing twice. The answer lists " +
      'the closures created (with dryRun=true: that would be created, 200) and the events ' +
      'skipped with the reason in French.',
  })
  @ApiConsumes(...CALENDAR_UPLOAD_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 201, type: ClosuresImportView })
  @ApiResponse({ status: 200, type: ClosuresImportView, description: 'Dry run' })
  @ApiProblems(
    CommonErrorCode.VALIDATION_FAILED,
    ReservationErrorCode.ACTIVITY_NOT_FOUND,
    ReservationErrorCode.ACTIVITY_OUT_OF_SCOPE,
    ReservationErrorCode.SITE_NOT_FOUND,
    ReservationErrorCode.ICS_FILE_INVALID,
    ReservationErrorCode.ICS_FILE_TOO_LARGE,
    ReservationErrorCode.ICS_FILE_TYPE_NOT_ALLOWED,
    CommonErrorCode.RATE_LIMITED,
    CommonErrorCode.SERVICE_BUSY,
  )
  async import(
    @CurrentCaller() caller: Caller,
    @Param() params: ActivityRef,
    @Query() query: ImportClosuresParams,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClosuresImportView> {
    // JSON, text/plain… reach here parsed: only the raw text/calendar body is a Buffer.
    if (!Buffer.isBuffer(body)) throw calendarTypeNotAllowed();
    const result = await this.services.request(
      ReservationSubjects.closuresImport,
      { ...query, activityId: params.activityId, icsGzipBase64: gzipSync(body).toString('base64') },
      { caller },
    );
    if (result.dryRun) void reply.status(HttpStatus.OK);
    return result;
  }
}

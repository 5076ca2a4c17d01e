import { HttpException, HttpStatus, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import {
  CommonErrorCode,
  EnrolmentErrorCode,
  MAX_CLOSURES_ICS_BYTES,
  ReservationErrorCode,
  type ErrorEnvelope,
} from '@portail/contracts';
import { AuthGuard, bearerToken } from '../auth/auth.guard';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { ServiceCallException } from '../nats/service-call.exception';
import { httpStatusOf } from '../problems/http-status.mapping';
import { sendProblem } from '../problems/problem-details.filter';

/** Bodies a document upload may have: the file itself, whatever type the browser claims. */
export const DOCUMENT_UPLOAD_CONTENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/octet-stream',
];

/**
 * Fastify route config (`@RouteConfig`) of the upload routes that take a JSON body (content
 * files): admitted by DocumentUploadAdmission before the body is read.
 */
export const UPLOAD_ADMISSION_ROUTE = { uploadAdmission: true };

/** Fastify route config (`@RouteConfig`) of the routes that take a raw document body. */
export const DOCUMENT_UPLOAD_ROUTE = { documentUpload: true, uploadAdmission: true };

/** Bodies a calendar upload (closures from an ICS file) may have. */
export const CALENDAR_UPLOAD_CONTENT_TYPES = ['text/calendar'];

/** Fastify route config (`@RouteConfig`) of the routes that take a raw ICS body (≤ 1 MiB). */
export const CALENDAR_UPLOAD_ROUTE = { calendarUpload: true, uploadAdmission: true };

interface UploadRouteConfig {
  documentUpload?: boolean;
  calendarUpload?: boolean;
  uploadAdmission?: boolean;
}

function megabytes(bytes: number): string {
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(bytes / 1048576)} Mo`;
}

function routeConfig(request: FastifyRequest): UploadRouteConfig | undefined {
  return request.routeOptions.config as UploadRouteConfig | undefined;
}

function isUploadRoute(request: FastifyRequest): boolean {
  return routeConfig(request)?.documentUpload === true;
}

function isCalendarUploadRoute(request: FastifyRequest): boolean {
  return routeConfig(request)?.calendarUpload === true;
}

/**
 * Admission of an upload (documents, content files), in an `onRequest` hook, so before a byte of its body is read: the
 * client's rate limit (RATE_LIMIT_PER_MINUTE per IP, counted apart from the other routes), a
 * valid access token, a declared Content-Length within DOCUMENT_UPLOAD_MAX_BYTES, and a free slot
 * among MAX_CONCURRENT_UPLOADS. A refusal closes the connection rather than draining the body.
 */
@Injectable()
export class DocumentUploadAdmission implements OnModuleInit {
  private active = 0;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly auth: AuthGuard,
    @Inject(ThrottlerStorage) private readonly throttlerStorage: ThrottlerStorage,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', async (request, reply) => {
      if (routeConfig(request)?.uploadAdmission !== true) return;
      const refusal = await this.refusalOf(request).catch((error: unknown) => {
        if (error instanceof ServiceCallException) return error.envelope;
        throw error;
      });
      if (refusal) {
        void reply.header('connection', 'close');
        sendProblem(request, reply, httpStatusOf(refusal.code), refusal);
        return reply;
      }
      this.active += 1;
      let released = false;
      reply.raw.once('close', () => {
        if (released) return;
        released = true;
        this.active -= 1;
      });
    });
  }

  /** Uploads being read or handled now (for tests and metrics). */
  get inProgress(): number {
    return this.active;
  }

  private async refusalOf(request: FastifyRequest): Promise<ErrorEnvelope | undefined> {
    const key = createHash('sha256').update(`document-upload-${request.ip}`).digest('hex');
    const hits = await this.throttlerStorage.increment(
      key,
      60_000,
      this.config.RATE_LIMIT_PER_MINUTE,
      60_000,
      'document-upload',
    );
    if (hits.isBlocked) {
      return {
        code: CommonErrorCode.RATE_LIMITED,
        message: 'Trop de requêtes. Veuillez patienter avant de réessayer.',
        details: { retryAfterSeconds: Math.max(1, hits.timeToBlockExpire) },
      };
    }
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      return {
        code: CommonErrorCode.UNAUTHENTICATED,
        message: 'Vous devez vous connecter pour accéder à cette ressource.',
      };
    }
    await this.auth.verify(token);
    // Elsewhere (content files, JSON) Fastify's 1 MiB bodyLimit refuses a Content-Length at once.
    const limit = this.config.DOCUMENT_UPLOAD_MAX_BYTES;
    if (isUploadRoute(request) && Number(request.headers['content-length']) > limit) {
      return tooLarge(limit).envelope;
    }
    const declared = Number(request.headers['content-length']);
    if (isCalendarUploadRoute(request) && declared > MAX_CLOSURES_ICS_BYTES) {
      return calendarTooLarge().envelope;
    }
    if (this.active >= this.config.MAX_CONCURRENT_UPLOADS) {
      return {
        code: CommonErrorCode.SERVICE_BUSY,
        message: "Trop d'envois de documents sont en cours. Veuillez réessayer dans un instant.",
        details: { retryAfterSeconds: 5 },
      };
    }
    return undefined;
  }
}

/**
 * Reads raw document bodies, up to DOCUMENT_UPLOAD_MAX_BYTES, for the routes marked with
 * DOCUMENT_UPLOAD_ROUTE only (elsewhere these types stay unsupported, and the gateway's 1 MiB
 * limit applies). The bytes are counted as they arrive, so an oversized body is refused with
 * DOCUMENT_TOO_LARGE (413) without being held in memory, and without a token it is not read.
 */
@Injectable()
export class DocumentUploadBodyParser implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const limit = this.config.DOCUMENT_UPLOAD_MAX_BYTES;
    fastify.addContentTypeParser(DOCUMENT_UPLOAD_CONTENT_TYPES, (request, payload, done) => {
      if (isCalendarUploadRoute(request)) done(calendarTypeNotAllowed());
      else if (!isUploadRoute(request)) done(unsupported());
      else readBody(request, payload, limit, () => tooLarge(limit), done);
    });
    fastify.addContentTypeParser(CALENDAR_UPLOAD_CONTENT_TYPES, (request, payload, done) => {
      if (!isCalendarUploadRoute(request)) done(unsupported());
      else readBody(request, payload, MAX_CLOSURES_ICS_BYTES, calendarTooLarge, done);
    });
  }
}

function tooLarge(limit: number): ServiceCallException {
  return new ServiceCallException({
    code: EnrolmentErrorCode.DOCUMENT_TOO_LARGE,
    message: `Le fichier dépasse la taille maximale de ${megabytes(limit)} acceptée pour un document.`,
    details: { maxBytes: limit },
  });
}

function unsupported(): HttpException {
  return new HttpException('Unsupported media type', HttpStatus.UNSUPPORTED_MEDIA_TYPE);
}

function calendarTooLarge(): ServiceCallException {
  return new ServiceCallException({
    code: ReservationErrorCode.ICS_FILE_TOO_LARGE,
    message: `Le fichier dépasse la taille maximale de 1 Mio (${MAX_CLOSURES_ICS_BYTES} octets).`,
    details: { maxBytes: MAX_CLOSURES_ICS_BYTES },
  });
}

export function calendarTypeNotAllowed(): ServiceCallException {
  return new ServiceCallException({
    code: ReservationErrorCode.ICS_FILE_TYPE_NOT_ALLOWED,
    message:
      'Envoyez le fichier iCalendar lui-même comme corps de la requête (Content-Type text/calendar).',
  });
}

function readBody(
  request: FastifyRequest,
  payload: NodeJS.ReadableStream,
  limit: number,
  tooLargeError: () => ServiceCallException,
  done: (error: Error | null, body?: Buffer) => void,
): void {
  // DocumentUploadAdmission has checked the token already; the guard checks it again after.
  if (!/^Bearer \S+$/i.test(request.headers.authorization ?? '')) {
    done(new HttpException('Unauthorized', HttpStatus.UNAUTHORIZED));
    return;
  }
  if (Number(request.headers['content-length']) > limit) {
    done(tooLargeError());
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limit) {
      stop();
      done(tooLargeError());
      return;
    }
    chunks.push(chunk);
  };
  const onEnd = () => {
    stop();
    done(null, Buffer.concat(chunks));
  };
  const onError = (error: Error) => {
    stop();
    done(error);
  };
  const stop = () => {
    payload.removeListener('data', onData);
    payload.removeListener('end', onEnd);
    payload.removeListener('error', onError);
  };
  payload.on('data', onData);
  payload.on('end', onEnd);
  payload.on('error', onError);
  payload.resume();
}

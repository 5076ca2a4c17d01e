import { HttpException, HttpStatus, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EnrolmentErrorCode } from '@portail/contracts';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { ServiceCallException } from '../nats/service-call.exception';

/** Bodies a document upload may have: the file itself, whatever type the browser claims. */
export const DOCUMENT_UPLOAD_CONTENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/octet-stream',
];

/** Fastify route config (`@RouteConfig`) of the routes that take a raw document body. */
export const DOCUMENT_UPLOAD_ROUTE = { documentUpload: true };

function megabytes(bytes: number): string {
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(bytes / 1048576)} Mo`;
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
    fastify.addContentTypeParser(DOCUMENT_UPLOAD_CONTENT_TYPES, (request, payload, done) =>
      readBody(request, payload, limit, done),
    );
  }
}

function tooLarge(limit: number): ServiceCallException {
  return new ServiceCallException({
    code: EnrolmentErrorCode.DOCUMENT_TOO_LARGE,
    message: `Le fichier dépasse la taille maximale de ${megabytes(limit)} acceptée pour un document.`,
    details: { maxBytes: limit },
  });
}

function readBody(
  request: FastifyRequest,
  payload: NodeJS.ReadableStream,
  limit: number,
  done: (error: Error | null, body?: Buffer) => void,
): void {
  const config = request.routeOptions.config as { documentUpload?: boolean } | undefined;
  if (config?.documentUpload !== true) {
    done(new HttpException('Unsupported media type', HttpStatus.UNSUPPORTED_MEDIA_TYPE));
    return;
  }
  // The guard checks the token after the body is read: do not read one for nobody.
  if (!/^Bearer \S+$/i.test(request.headers.authorization ?? '')) {
    done(new HttpException('Unauthorized', HttpStatus.UNAUTHORIZED));
    return;
  }
  if (Number(request.headers['content-length']) > limit) {
    done(tooLarge(limit));
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limit) {
      stop();
      done(tooLarge(limit));
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

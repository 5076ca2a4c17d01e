import { AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CommonErrorCode, CORRELATION_HEADER } from '@portail/contracts';
import { acceptCorrelationId, runWithCorrelationId, type Logger } from '@portail/logging';
import { sendProblem } from '../problems/problem-details.filter';
import {
  IDEMPOTENCY_KEY_HTTP_HEADER,
  parseIdempotencyKey,
  runWithForwardedContext,
} from './idempotency-key';

const RESOURCE = Symbol('correlationResource');
type WithResource = FastifyRequest & { [RESOURCE]?: AsyncResource };

/**
 * Takes the caller's x-request-id (or makes one), echoes it on the response and runs the
 * request inside it, so every log line and every NATS message of this request carries it;
 * likewise the Idempotency-Key of a command, forwarded to the service that carries it out, and
 * the client's address (for the back-offs counted per account and address).
 * Fastify runs preValidation and the handler from another async context than onRequest,
 * hence the AsyncResource re-entered there (the approach of @fastify/request-context).
 */
export function registerCorrelationHooks(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const correlationId = acceptCorrelationId(request.headers[CORRELATION_HEADER]);
    void reply.header(CORRELATION_HEADER, correlationId);
    const header = request.headers[IDEMPOTENCY_KEY_HTTP_HEADER];
    const idempotencyKey = typeof header === 'string' ? parseIdempotencyKey(header) : undefined;
    runWithCorrelationId(correlationId, () => {
      if (idempotencyKey === null || Array.isArray(header)) {
        sendProblem(request, reply, 400, {
          code: CommonErrorCode.VALIDATION_FAILED,
          message: "L'en-tête Idempotency-Key n'est pas valide (1 à 255 caractères imprimables).",
          details: {
            fields: [
              { field: 'Idempotency-Key', message: "La clé d'idempotence n'est pas valide." },
            ],
          },
        });
        return;
      }
      const enter = () => {
        const resource = new AsyncResource('portail-correlation');
        (request as WithResource)[RESOURCE] = resource;
        resource.runInAsyncScope(done, request.raw);
      };
      runWithForwardedContext(
        { idempotencyKey: idempotencyKey ?? undefined, clientAddress: request.ip },
        enter,
      );
    });
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    const resource = (request as WithResource)[RESOURCE];
    if (resource) resource.runInAsyncScope(done, request.raw);
    else done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const correlationId = String(reply.getHeader(CORRELATION_HEADER) ?? '');
    runWithCorrelationId(correlationId, () =>
      logger.info(
        {
          method: request.method,
          url: request.url,
          statusCode: reply.statusCode,
          responseTimeMs: Math.round(reply.elapsedTime),
        },
        'request completed',
      ),
    );
    done();
  });
}

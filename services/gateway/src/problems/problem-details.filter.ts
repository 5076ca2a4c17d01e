import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrorCode, type ErrorEnvelope } from '@portail/contracts';
import { currentCorrelationId } from '@portail/logging';
import { ServiceCallException } from '../nats/service-call.exception';
import { httpStatusOf } from './http-status.mapping';
import { PROBLEM_CONTENT_TYPE, type ProblemDetailsDto } from './problem-details.dto';

const PROBLEM_BASE = 'https://portail-famille.fr/problems/';

/** French messages for errors raised by the HTTP layer itself rather than by a service. */
function envelopeOfHttpStatus(status: number): ErrorEnvelope {
  switch (status as HttpStatus) {
    case HttpStatus.NOT_FOUND:
      return { code: CommonErrorCode.NOT_FOUND, message: "La ressource demandée n'existe pas." };
    case HttpStatus.UNAUTHORIZED:
      return {
        code: CommonErrorCode.UNAUTHENTICATED,
        message: 'Vous devez vous connecter pour accéder à cette ressource.',
      };
    case HttpStatus.FORBIDDEN:
      return {
        code: CommonErrorCode.FORBIDDEN,
        message: "Vous n'avez pas accès à cette ressource.",
      };
    case HttpStatus.TOO_MANY_REQUESTS:
      return {
        code: CommonErrorCode.RATE_LIMITED,
        message: 'Trop de requêtes. Veuillez patienter avant de réessayer.',
      };
    case HttpStatus.CONFLICT:
      return {
        code: CommonErrorCode.CONFLICT,
        message: "L'opération est en conflit avec l'état actuel de la ressource.",
      };
    default:
      if (status >= 400 && status < 500) {
        return { code: CommonErrorCode.VALIDATION_FAILED, message: 'La requête est invalide.' };
      }
      return {
        code: CommonErrorCode.INTERNAL,
        message: 'Une erreur interne est survenue. Veuillez réessayer plus tard.',
      };
  }
}

/** Every error leaves the gateway as application/problem+json (RFC 9457) with a stable code. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { status, envelope } = this.resolve(exception);
    if (status >= 500)
      this.logger.warn({ code: envelope.code, status, url: request.url }, envelope.message);
    sendProblem(request, reply, status, envelope);
  }

  private resolve(exception: unknown): { status: number; envelope: ErrorEnvelope } {
    if (exception instanceof ServiceCallException) {
      return { status: httpStatusOf(exception.envelope.code), envelope: exception.envelope };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { status, envelope: envelopeOfHttpStatus(status) };
    }
    // Fastify's own errors (unparsable JSON, body too large) carry a statusCode.
    const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return { status: statusCode, envelope: envelopeOfHttpStatus(statusCode) };
    }
    this.logger.error(exception instanceof Error ? exception : String(exception));
    return { status: 500, envelope: envelopeOfHttpStatus(500) };
  }
}

/** Writes one problem+json answer (RFC 9457) with the stable code and the French message. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  envelope: ErrorEnvelope,
): void {
  const problem: ProblemDetailsDto = {
    type: PROBLEM_BASE + envelope.code.toLowerCase().replace(/_/g, '-'),
    title: HttpStatus[status] ? titleOf(status) : 'Error',
    status,
    detail: envelope.message,
    instance: request.url,
    code: envelope.code,
    correlationId: currentCorrelationId() ?? String(request.id),
    ...(envelope.details ? { details: envelope.details } : {}),
  };
  if ((status === 503 || status === 429) && !reply.hasHeader('retry-after')) {
    const hinted = envelope.details?.retryAfterSeconds;
    void reply.header(
      'retry-after',
      String(typeof hinted === 'number' ? hinted : status === 503 ? 5 : 60),
    );
  }
  void reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}

/**
 * Errors the router raises before any route runs (Fastify's `frameworkErrors`): a malformed
 * percent-encoding or overlong UTF-8 in the URL, a path segment over the length limit. They
 * follow the error contract like every other answer.
 */
export function answerFrameworkError(
  error: { code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendProblem(request, reply, HttpStatus.URI_TOO_LONG, {
      code: CommonErrorCode.URI_TOO_LONG,
      message: "Un élément de l'adresse demandée est trop long (100 caractères au plus).",
    });
    return;
  }
  sendProblem(request, reply, HttpStatus.BAD_REQUEST, {
    code: CommonErrorCode.VALIDATION_FAILED,
    message: "L'adresse demandée n'est pas valide (caractères mal encodés).",
  });
}

function titleOf(status: number): string {
  const name = HttpStatus[status] ?? 'ERROR';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { CommonErrorCode, isErrorEnvelope, type ErrorEnvelope } from '@portail/contracts';
import { throwError, type Observable } from 'rxjs';
import { isDatabaseUnavailable } from '@portail/database';
import { DomainException } from './domain.exception';

const DATABASE_DOWN_LOG_INTERVAL_MS = 30_000;

/**
 * Every failure of a NATS handler leaves the service as an ErrorEnvelope. Unexpected errors
 * are logged with their stack here and reach the caller only as INTERNAL, with no detail.
 */
@Catch()
export class RpcExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('RpcExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | undefined {
    if (host.getType() !== 'rpc') throw exception;
    return throwError(() => this.toEnvelope(exception));
  }

  /** When the last "database unreachable" line was written: one per outage, not one per request. */
  private static databaseDownLoggedAt = 0;

  private toEnvelope(exception: unknown): ErrorEnvelope {
    if (exception instanceof DomainException) return exception.envelope;
    if (exception instanceof RpcException) {
      const error = exception.getError();
      if (isErrorEnvelope(error)) return error;
    }
    if (isDatabaseUnavailable(exception)) {
      const now = Date.now();
      if (now - RpcExceptionFilter.databaseDownLoggedAt > DATABASE_DOWN_LOG_INTERVAL_MS) {
        RpcExceptionFilter.databaseDownLoggedAt = now;
        this.logger.warn(
          `PostgreSQL unreachable (${exception instanceof Error ? exception.message : String(exception)}); answering SERVICE_UNAVAILABLE`,
        );
      }
      return {
        code: CommonErrorCode.SERVICE_UNAVAILABLE,
        message:
          'Le service est momentanément indisponible. Veuillez réessayer dans quelques instants.',
        details: { retryAfterSeconds: 5 },
      };
    }
    this.logger.error(exception instanceof Error ? exception : String(exception));
    return {
      code: CommonErrorCode.INTERNAL,
      message: 'Une erreur interne est survenue. Veuillez réessayer plus tard.',
    };
  }
}

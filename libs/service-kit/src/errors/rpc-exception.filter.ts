import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { CommonErrorCode, isErrorEnvelope, type ErrorEnvelope } from '@portail/contracts';
import { throwError, type Observable } from 'rxjs';
import { DomainException } from './domain.exception';

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

  private toEnvelope(exception: unknown): ErrorEnvelope {
    if (exception instanceof DomainException) return exception.envelope;
    if (exception instanceof RpcException) {
      const error = exception.getError();
      if (isErrorEnvelope(error)) return error;
    }
    this.logger.error(exception instanceof Error ? exception : String(exception));
    return {
      code: CommonErrorCode.INTERNAL,
      message: 'Une erreur interne est survenue. Veuillez réessayer plus tard.',
    };
  }
}

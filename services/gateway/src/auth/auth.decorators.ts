import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CommonErrorCode, type Caller, type CallerKind } from '@portail/contracts';
import { PUBLIC_ROUTE } from '@portail/service-kit';
import { ApiProblems } from '../problems/api-problems.decorator';

export const ALLOWED_CALLERS = Symbol('ALLOWED_CALLERS');

export type RequestWithCaller = FastifyRequest & { caller?: Caller };

/** Open to anyone, without a token (a valid token, if sent, still identifies the caller). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
export { PUBLIC_ROUTE };

/**
 * Requires a valid access token of one of these kinds; every route that is not @Public needs
 * a token (the guard denies by default). Agents' organisation and services are checked by the
 * service that owns the data.
 */
export const Allow = (...kinds: CallerKind[]) =>
  applyDecorators(
    SetMetadata(ALLOWED_CALLERS, kinds),
    ApiBearerAuth('access-token'),
    ApiProblems(CommonErrorCode.UNAUTHENTICATED, CommonErrorCode.FORBIDDEN),
  );

/** The verified caller of an authenticated route. */
export const CurrentCaller = createParamDecorator(
  (_: unknown, context: ExecutionContext): Caller => {
    const caller = context.switchToHttp().getRequest<RequestWithCaller>().caller;
    if (!caller) throw new Error('CurrentCaller used on a route without @Allow');
    return caller;
  },
);

/** The caller of a @Public route, when it sent a valid token. */
export const OptionalCaller = createParamDecorator(
  (_: unknown, context: ExecutionContext): Caller | undefined =>
    context.switchToHttp().getRequest<RequestWithCaller>().caller,
);

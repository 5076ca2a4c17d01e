import { applyDecorators, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { GatewayConfig } from '../config';
import { CommonErrorCode } from '@portail/contracts';
import { ApiProblems } from '../problems/api-problems.decorator';

const CREDENTIALS_ROUTE = Symbol('CREDENTIALS_ROUTE');

/**
 * A route where passwords are tried or e-mails are sent: on top of the general limit, a small
 * number of requests per minute and client IP (AUTH_RATE_LIMIT_PER_MINUTE).
 */
export const CredentialsRateLimit = () =>
  applyDecorators(SetMetadata(CREDENTIALS_ROUTE, true), ApiProblems(CommonErrorCode.RATE_LIMITED));

export function credentialsRateLimitOf(config: GatewayConfig): number {
  if (config.AUTH_RATE_LIMIT_PER_MINUTE > 0) return config.AUTH_RATE_LIMIT_PER_MINUTE;
  return config.NODE_ENV === 'test' ? 1000 : 10;
}

/** The named throttler of credentials routes, for ThrottlerModule.forRoot; others skip it. */
export function credentialsThrottler(config: GatewayConfig): ThrottlerOptions {
  return {
    name: 'credentials',
    ttl: 60_000,
    limit: credentialsRateLimitOf(config),
    skipIf: (context: ExecutionContext) =>
      Reflect.getMetadata(CREDENTIALS_ROUTE, context.getHandler()) !== true,
  };
}

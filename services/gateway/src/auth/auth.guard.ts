import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { jwtVerify, errors as joseErrors } from 'jose';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  callerFromClaims,
  CommonErrorCode,
  type AccessTokenClaims,
  type Caller,
  type CallerKind,
} from '@portail/contracts';
import { ServiceCallException } from '../nats/service-call.exception';
import { ALLOWED_CALLERS, PUBLIC_ROUTE, type RequestWithCaller } from './auth.decorators';
import { JwksCache } from './jwks.cache';
import { RevokedSessions } from './revoked-sessions';

/** The one algorithm identity signs with; anything else (`none`, HMAC, ES256, RS256…) is refused. */
const ALGORITHMS = ['EdDSA'];

function unauthenticated(
  message = 'Vous devez vous connecter pour accéder à cette ressource.',
): ServiceCallException {
  return new ServiceCallException({ code: CommonErrorCode.UNAUTHENTICATED, message });
}

/**
 * Global guard, deny by default: a route is reachable without a token only if @Public; else it
 * needs a valid access token (signature by identity's keys, issuer, audience, expiry) of a kind
 * the route @Allows. The caller is put on the request for @CurrentCaller.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwks: JwksCache,
    private readonly revoked: RevokedSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RequestWithCaller>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic =
      this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets) === true;
    const allowed = this.reflector.getAllAndOverride<CallerKind[] | undefined>(
      ALLOWED_CALLERS,
      targets,
    );
    const token = bearerToken(request.headers.authorization);

    if (isPublic) {
      if (token) request.caller = await this.verify(token).catch(() => undefined);
      return true;
    }
    if (!token) throw unauthenticated();
    const caller = await this.verify(token);
    if (!allowed || !allowed.includes(caller.kind)) {
      throw new ServiceCallException({
        code: CommonErrorCode.FORBIDDEN,
        message: "Votre compte ne permet pas d'accéder à cette ressource.",
      });
    }
    request.caller = caller;
    return true;
  }

  /** Verifies an access token (also used before an upload's body is read); UNAUTHENTICATED if not valid. */
  async verify(token: string): Promise<Caller> {
    try {
      const { payload } = await jwtVerify(token, this.jwks.getKey, {
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        algorithms: ALGORITHMS,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const caller = callerFromClaims(payload as unknown as AccessTokenClaims);
      if (!caller) throw unauthenticated('Le jeton de connexion est invalide.');
      const session = (payload as unknown as AccessTokenClaims).sid;
      if (session !== undefined && this.revoked.isRevoked(session)) {
        throw unauthenticated('Votre session a pris fin. Veuillez vous reconnecter.');
      }
      return caller;
    } catch (error) {
      if (error instanceof ServiceCallException) throw error;
      if (error instanceof joseErrors.JWTExpired)
        throw unauthenticated('Votre session a expiré. Veuillez vous reconnecter.');
      throw unauthenticated('Le jeton de connexion est invalide.');
    }
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+([A-Za-z0-9._~+/=-]+)$/);
  return match?.[1];
}

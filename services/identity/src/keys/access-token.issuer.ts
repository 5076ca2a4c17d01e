import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  type AccessTokenClaims,
} from '@portail/contracts';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { IdentityConfig } from '../config';
import { SIGNING_ALGORITHM, SIGNING_KEYS, type SigningKeys } from './signing-keys';

/** Signs short-lived access tokens (JWT, EdDSA) that the gateway verifies with the JWKS. */
@Injectable()
export class AccessTokenIssuer {
  constructor(
    @Inject(SIGNING_KEYS) private readonly keys: SigningKeys,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_S;
  }

  sign(claims: AccessTokenClaims): Promise<string> {
    const { sub, ...rest } = claims;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ ...rest })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: this.keys.kid, typ: 'JWT' })
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setSubject(sub)
      .setIssuedAt(now)
      .setExpirationTime(now + this.config.ACCESS_TOKEN_TTL_S)
      .setJti(uuidv7())
      .sign(this.keys.privateKey);
  }
}

import { Injectable, Logger } from '@nestjs/common';
import {
  createLocalJWKSet,
  type JWTHeaderParameters,
  type FlattenedJWSInput,
  type KeyLike,
} from 'jose';
import { Subjects } from '@portail/contracts';
import { ServiceClient } from '../nats/service-client';

const TTL_MS = 5 * 60 * 1000;
/** An unknown key id triggers a refresh (rotation), but no more often than this. */
const MIN_REFRESH_INTERVAL_MS = 10 * 1000;

type KeyResolver = (
  header: JWTHeaderParameters,
  token: FlattenedJWSInput,
) => Promise<KeyLike | Uint8Array>;

/**
 * The public keys identity signs access tokens with, fetched over NATS (`identity.keys.jwks`)
 * and cached; a token signed with a key id not yet known refreshes them, so a rotation needs
 * no restart of the gateway.
 */
@Injectable()
export class JwksCache {
  private readonly logger = new Logger(JwksCache.name);
  private resolver: KeyResolver | undefined;
  private kids = new Set<string>();
  private fetchedAt = 0;
  private pending: Promise<void> | undefined;

  constructor(private readonly services: ServiceClient) {}

  /** A key resolver for jose's jwtVerify. */
  readonly getKey: KeyResolver = async (header, token) => {
    const stale = Date.now() - this.fetchedAt > TTL_MS;
    const unknownKid = header.kid !== undefined && !this.kids.has(header.kid);
    if (
      !this.resolver ||
      stale ||
      (unknownKid && Date.now() - this.fetchedAt > MIN_REFRESH_INTERVAL_MS)
    ) {
      await this.refresh();
    }
    if (!this.resolver) throw new Error('No signing keys available');
    return this.resolver(header, token);
  };

  private refresh(): Promise<void> {
    this.pending ??= this.services
      .request(Subjects.identity.keysJwks, {})
      .then((jwks) => {
        this.resolver = createLocalJWKSet(jwks);
        this.kids = new Set(
          jwks.keys.map((key) => key.kid).filter((kid): kid is string => Boolean(kid)),
        );
        this.fetchedAt = Date.now();
      })
      .catch((error: unknown) => {
        this.logger.warn(`Could not fetch the signing keys: ${(error as Error).message}`);
        if (!this.resolver) throw error;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }
}

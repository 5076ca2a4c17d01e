import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  createLocalJWKSet,
  type FlattenedJWSInput,
  type JSONWebKeySet,
  type JWK,
  type JWTHeaderParameters,
  type KeyLike,
} from 'jose';
import { Subjects } from '@portail/contracts';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { ServiceClient } from '../nats/service-client';

const TTL_MS = 5 * 60 * 1000;
/** Longest wait between two fetches after consecutive failures. */
const MAX_BACKOFF_MS = 5 * 60 * 1000;

type KeyResolver = (
  header: JWTHeaderParameters,
  token: FlattenedJWSInput,
) => Promise<KeyLike | Uint8Array>;

/** What the cache needs of the service client (a fake in unit tests). */
export interface JwksFetcher {
  request(subject: typeof Subjects.identity.keysJwks, payload: object): Promise<JSONWebKeySet>;
}

/** Milliseconds since the epoch; injectable so that tests move time. */
export const JWKS_CLOCK = Symbol('JWKS_CLOCK');
export type Clock = () => number;

/** The only keys identity signs with: Ed25519 (OKP), algorithm EdDSA, for signatures. */
export function isEdDsaSigningKey(key: JWK): boolean {
  return (
    key.kty === 'OKP' &&
    key.crv === 'Ed25519' &&
    (key.alg === undefined || key.alg === 'EdDSA') &&
    (key.use === undefined || key.use === 'sig')
  );
}

/**
 * The public keys identity signs access tokens with, fetched over NATS (`identity.keys.jwks`)
 * and cached; keys of any other type or algorithm are ignored. A token signed with a key id not
 * yet known refreshes them, so a rotation needs no restart of the gateway, but at most once per
 * `JWKS_MIN_REFRESH_INTERVAL_S` (longer, doubling, after failed fetches): meanwhile a token of
 * an unknown key id is refused at once, so a flood of random key ids never hammers identity.
 */
@Injectable()
export class JwksCache {
  private readonly logger = new Logger(JwksCache.name);
  private resolver: KeyResolver | undefined;
  private kids = new Set<string>();
  private fetchedAt = 0;
  /** No fetch before this instant: the minimum interval, or the back-off after failures. */
  private nextFetchAt = 0;
  private failures = 0;
  private pending: Promise<void> | undefined;
  private readonly minIntervalMs: number;

  constructor(
    @Inject(ServiceClient) private readonly services: JwksFetcher,
    @Inject(GATEWAY_CONFIG) config: Pick<GatewayConfig, 'JWKS_MIN_REFRESH_INTERVAL_S'>,
    @Optional() @Inject(JWKS_CLOCK) private readonly now: Clock = Date.now,
  ) {
    this.minIntervalMs = config.JWKS_MIN_REFRESH_INTERVAL_S * 1000;
  }

  /** A key resolver for jose's jwtVerify. */
  readonly getKey: KeyResolver = async (header, token) => {
    // Identity always names its key: a token without one is refused without a fetch.
    if (header.kid === undefined) throw new Error('Token without a key id');
    const now = this.now();
    const mayFetch = now >= this.nextFetchAt;
    const stale = now - this.fetchedAt > TTL_MS;
    const unknownKid = !this.kids.has(header.kid);
    if (this.pending) {
      await this.pending;
    } else if (mayFetch && (!this.resolver || stale || unknownKid)) {
      await this.refresh();
    }
    if (!this.resolver) throw new Error('No signing keys available');
    if (!this.kids.has(header.kid)) {
      throw new Error('Unknown signing key');
    }
    return this.resolver(header, token);
  };

  private refresh(): Promise<void> {
    this.pending ??= this.services
      .request(Subjects.identity.keysJwks, {})
      .then((jwks) => {
        const keys = (jwks.keys ?? []).filter(isEdDsaSigningKey);
        this.resolver = createLocalJWKSet({ keys });
        this.kids = new Set(keys.map((key) => key.kid).filter((kid): kid is string => !!kid));
        this.fetchedAt = this.now();
        this.failures = 0;
        this.nextFetchAt = this.fetchedAt + this.minIntervalMs;
      })
      .catch((error: unknown) => {
        this.failures += 1;
        const wait = Math.min(this.minIntervalMs * 2 ** (this.failures - 1), MAX_BACKOFF_MS);
        this.nextFetchAt = this.now() + Math.max(wait, this.minIntervalMs);
        this.logger.warn(
          `Could not fetch the signing keys (attempt ${this.failures}, next in ${Math.round(wait / 1000)} s): ${(error as Error).message}`,
        );
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }
}

import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '@portail/config';
import { parseCaller, type Caller, type CallerProofClaims } from '@portail/contracts';

/** DER prefixes that turn a raw 32-byte Ed25519 seed or public key into PKCS#8 / SPKI. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Injection token of the service's CallerSigner (undefined when callers are not verified). */
export const CALLER_SIGNER = Symbol('CALLER_SIGNER');

/** Default freshness window of a proof (CALLER_PROOF_MAX_AGE_S). */
export const DEFAULT_PROOF_MAX_AGE_S = 30;

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function privateKeyOf(seed: string): KeyObject {
  const raw = Buffer.from(seed, 'base64url');
  if (raw.length !== 32)
    throw new ConfigError('CALLER_SIGNING_KEY must be a base64url Ed25519 seed (32 bytes)');
  return createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, raw]),
    format: 'der',
    type: 'pkcs8',
  });
}

function publicKeyOf(raw: string, name: string): KeyObject {
  const bytes = Buffer.from(raw, 'base64url');
  if (bytes.length !== 32) {
    throw new ConfigError(
      `CALLER_PUBLIC_KEYS: the key of ${name} must be a base64url Ed25519 public key (32 bytes)`,
    );
  }
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, bytes]), format: 'der', type: 'spki' });
}

/** The base64url public key of a seed (what CALLER_PUBLIC_KEYS lists for it). */
export function publicKeyFromSeed(seed: string): string {
  const der = createPublicKey(privateKeyOf(seed)).export({ format: 'der', type: 'spki' });
  return b64url(der.subarray(SPKI_PREFIX.length));
}

function readKeyFile(service: string, path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new ConfigError(
      `Invalid configuration for ${service}: cannot read ${path} (${(error as Error).message})`,
    );
  }
}

/** A service's public keys at once: two during a rotation (README "Rotating a caller key"). */
export const MAX_KEYS_PER_CALLER = 4;

/** The public keys of CALLER_PUBLIC_KEYS: one, or several while a key rotates. */
export type PublicKeysByName = Readonly<Record<string, string | readonly string[]>>;

/**
 * `name=<base64url>` entries separated by commas or new lines; a name given again adds a key
 * (`billing=<old>,billing=<new>` while billing's key rotates).
 */
export function parseKeyList(text: string): Record<string, string[]> {
  const keys: Record<string, string[]> = {};
  for (const entry of text.split(/[,\n]/)) {
    const [name, key] = entry.trim().split('=') as [string, string | undefined];
    if (!name) continue;
    keys[name] = [...(keys[name] ?? []), key ?? ''];
  }
  return keys;
}

function keysOfName(name: string, keys: string | readonly string[]): KeyObject[] {
  const list = typeof keys === 'string' ? [keys] : [...new Set(keys)];
  if (list.length === 0 || list.length > MAX_KEYS_PER_CALLER) {
    throw new ConfigError(
      `CALLER_PUBLIC_KEYS: ${name} must have 1 to ${MAX_KEYS_PER_CALLER} public keys (${list.length} given)`,
    );
  }
  return list.map((key) => publicKeyOf(key, name));
}

/** The SHA-256 of a request's bytes, as carried in `bh`. */
export function bodyHashOf(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url');
}

/** Signs the requests one service (or the gateway) sends. */
export class CallerSigner {
  constructor(
    readonly issuer: string,
    private readonly key: KeyObject,
  ) {}

  static fromSeed(issuer: string, seed: string): CallerSigner {
    return new CallerSigner(issuer, privateKeyOf(seed));
  }

  /** The value of the CALLER_PROOF_HEADER for a request of `body` on the wire subject `subject`. */
  sign(subject: string, body: Uint8Array, caller?: Caller, now = Date.now()): string {
    const claims: CallerProofClaims = {
      iss: this.issuer,
      sub: subject,
      iat: now,
      jti: randomUUID(),
      bh: bodyHashOf(body),
      ...(caller ? { caller } : {}),
    };
    const payload = b64url(Buffer.from(JSON.stringify(claims)));
    return `${payload}.${b64url(sign(null, Buffer.from(payload), this.key))}`;
  }
}

export type ProofRefusal =
  | 'missing'
  | 'malformed'
  | 'unknown-issuer'
  | 'bad-signature'
  | 'wrong-subject'
  | 'wrong-body'
  | 'stale'
  | 'replayed'
  | 'bad-caller';

export type ProofCheck =
  | { ok: true; issuer: string; caller?: Caller }
  | { ok: false; reason: ProofRefusal; issuer?: string };

/**
 * Checks the proofs a replica receives: signature by a known issuer (by any of its current keys:
 * while its key rotates, the old one and the new one), the subject it arrived on,
 * the body it came with, freshness (± maxAge) and replay. Seen ids are kept in memory for the
 * window, per replica (a replayed request reaching another replica of the same service within the
 * window is not caught by this cache; NATS permissions keep others from reading requests at all).
 * The cache is bounded: past `maxEntries` the oldest ids are forgotten early.
 */
export class CallerVerifier {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly issuers: ReadonlyMap<string, readonly KeyObject[]>,
    private readonly maxAgeMs = DEFAULT_PROOF_MAX_AGE_S * 1000,
    private readonly maxEntries = 200_000,
  ) {}

  /** From `name → base64url public key(s)` (CALLER_PUBLIC_KEYS). */
  static fromPublicKeys(
    publicKeys: PublicKeysByName,
    maxAgeMs = DEFAULT_PROOF_MAX_AGE_S * 1000,
    maxEntries?: number,
  ): CallerVerifier {
    const issuers = new Map(
      Object.entries(publicKeys).map(([name, keys]) => [name, keysOfName(name, keys)]),
    );
    return new CallerVerifier(issuers, maxAgeMs, maxEntries);
  }

  /** The public keys of an issuer (none: not trusted). */
  keysOf(issuer: string): readonly KeyObject[] {
    return this.issuers.get(issuer) ?? [];
  }

  get replayCacheSize(): number {
    return this.seen.size;
  }

  verify(
    proof: string | undefined,
    subject: string,
    body: Uint8Array,
    now = Date.now(),
  ): ProofCheck {
    if (!proof) return { ok: false, reason: 'missing' };
    const dot = proof.indexOf('.');
    if (dot < 1 || dot === proof.length - 1) return { ok: false, reason: 'malformed' };
    const payload = proof.slice(0, dot);
    let claims: CallerProofClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CallerProofClaims;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (typeof claims !== 'object' || claims === null || typeof claims.iss !== 'string') {
      return { ok: false, reason: 'malformed' };
    }
    const keys = this.keysOf(claims.iss);
    if (keys.length === 0) return { ok: false, reason: 'unknown-issuer', issuer: claims.iss };
    const signature = Buffer.from(proof.slice(dot + 1), 'base64url');
    const signed = Buffer.from(payload);
    if (!keys.some((key) => verify(null, signed, key, signature))) {
      return { ok: false, reason: 'bad-signature', issuer: claims.iss };
    }
    const issuer = claims.iss;
    if (claims.sub !== subject) return { ok: false, reason: 'wrong-subject', issuer };
    if (claims.bh !== bodyHashOf(body)) return { ok: false, reason: 'wrong-body', issuer };
    if (typeof claims.iat !== 'number' || Math.abs(now - claims.iat) > this.maxAgeMs) {
      return { ok: false, reason: 'stale', issuer };
    }
    if (typeof claims.jti !== 'string' || claims.jti.length === 0) {
      return { ok: false, reason: 'malformed', issuer };
    }
    this.forgetExpired(now);
    if (this.seen.has(claims.jti)) return { ok: false, reason: 'replayed', issuer };
    this.seen.set(claims.jti, claims.iat + this.maxAgeMs);
    if (claims.caller === undefined) return { ok: true, issuer };
    const caller = parseCaller(JSON.stringify(claims.caller));
    if (!caller) return { ok: false, reason: 'bad-caller', issuer };
    return { ok: true, issuer, caller };
  }

  /** Ids are inserted roughly in time order: drop from the front while expired (or too many). */
  private forgetExpired(now: number): void {
    for (const [jti, expiresAt] of this.seen) {
      if (expiresAt >= now && this.seen.size < this.maxEntries) break;
      this.seen.delete(jti);
    }
  }
}

/** The caller settings every service (gateway included) reads. */
export interface CallerKeysConfig {
  NODE_ENV: 'development' | 'production' | 'test';
  CALLER_SIGNING_KEY?: string;
  /** One public key per name, or several while a key rotates. */
  CALLER_PUBLIC_KEYS: PublicKeysByName;
  CALLER_SIGNING_KEY_FILE?: string;
  CALLER_PUBLIC_KEYS_FILE?: string;
  /** Development only: every service's seed (`npm start`'s ephemeral key set). */
  CALLER_DEV_KEYS?: Record<string, string>;
  CALLER_PROOF_MAX_AGE_S: number;
}

export interface CallerKeys {
  signer: CallerSigner;
  verifier: CallerVerifier;
}

/**
 * The service's signer and verifier from its configuration; undefined when neither key is set
 * (development: callers are then trusted as they come, with a warning). Production refuses to
 * start without them, and a half configuration (one key but not the other) is an error anywhere.
 */
export function callerKeysFrom(service: string, config: CallerKeysConfig): CallerKeys | undefined {
  if (config.CALLER_SIGNING_KEY_FILE || config.CALLER_PUBLIC_KEYS_FILE) {
    return callerKeysFrom(service, {
      ...config,
      CALLER_SIGNING_KEY_FILE: undefined,
      CALLER_PUBLIC_KEYS_FILE: undefined,
      CALLER_SIGNING_KEY: config.CALLER_SIGNING_KEY_FILE
        ? readKeyFile(service, config.CALLER_SIGNING_KEY_FILE)
        : config.CALLER_SIGNING_KEY,
      CALLER_PUBLIC_KEYS: config.CALLER_PUBLIC_KEYS_FILE
        ? parseKeyList(readKeyFile(service, config.CALLER_PUBLIC_KEYS_FILE))
        : config.CALLER_PUBLIC_KEYS,
    });
  }
  const devKeys = config.CALLER_DEV_KEYS ?? {};
  if (Object.keys(devKeys).length > 0) {
    if (config.NODE_ENV === 'production') {
      throw new ConfigError(
        `Invalid configuration for ${service}: CALLER_DEV_KEYS is for development only; give CALLER_SIGNING_KEY and CALLER_PUBLIC_KEYS`,
      );
    }
    if (!config.CALLER_SIGNING_KEY && Object.keys(config.CALLER_PUBLIC_KEYS).length === 0) {
      if (!devKeys[service]) return undefined;
      return callerKeysFrom(service, {
        ...config,
        CALLER_DEV_KEYS: {},
        CALLER_SIGNING_KEY: devKeys[service],
        CALLER_PUBLIC_KEYS: Object.fromEntries(
          Object.entries(devKeys).map(([name, seed]) => [name, publicKeyFromSeed(seed)]),
        ),
      });
    }
  }
  const names = Object.keys(config.CALLER_PUBLIC_KEYS);
  if (!config.CALLER_SIGNING_KEY && names.length === 0) {
    if (config.NODE_ENV === 'production') {
      throw new ConfigError(
        `Invalid configuration for ${service}: CALLER_SIGNING_KEY and CALLER_PUBLIC_KEYS are required in production (services could not tell a forged caller from a real one)`,
      );
    }
    return undefined;
  }
  if (!config.CALLER_SIGNING_KEY) {
    throw new ConfigError(
      `Invalid configuration for ${service}: CALLER_SIGNING_KEY is required with CALLER_PUBLIC_KEYS`,
    );
  }
  const verifier = CallerVerifier.fromPublicKeys(
    config.CALLER_PUBLIC_KEYS,
    config.CALLER_PROOF_MAX_AGE_S * 1000,
  );
  const signer = CallerSigner.fromSeed(service, config.CALLER_SIGNING_KEY);
  const derived = createPublicKey(privateKeyOf(config.CALLER_SIGNING_KEY));
  if (!verifier.keysOf(service).some((own) => own.equals(derived))) {
    throw new ConfigError(
      `Invalid configuration for ${service}: CALLER_PUBLIC_KEYS must list ${service}=<the public key of CALLER_SIGNING_KEY> (among its keys)`,
    );
  }
  return {
    signer,
    verifier,
  };
}

/**
 * A fresh key pair per name, as environment variables: what `npm start` and the test harness
 * hand to each service so that developers configure nothing. `publicKeys` is the shared
 * CALLER_PUBLIC_KEYS value, `seeds[name]` the CALLER_SIGNING_KEY of that service.
 */
export function generateCallerKeys(names: readonly string[]): {
  publicKeys: string;
  seeds: Record<string, string>;
  /** The CALLER_DEV_KEYS value of the same keys (development only). */
  devKeys: string;
} {
  const seeds: Record<string, string> = {};
  const publics: string[] = [];
  for (const name of names) {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    seeds[name] = b64url(
      privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length),
    );
    publics.push(
      `${name}=${b64url(publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length))}`,
    );
  }
  return {
    publicKeys: publics.join(','),
    seeds,
    devKeys: Object.entries(seeds)
      .map(([name, seed]) => `${name}=${seed}`)
      .join(','),
  };
}

/**
 * Ephemeral keys for a set of services run together (the test harness, benchmarks): each
 * service's CALLER_SIGNING_KEY and the shared CALLER_PUBLIC_KEYS. The names given up front trust
 * each other; a name first seen later gets a key that only it knows (enough to run alone).
 */
export class CallerKeyRing {
  private readonly keys = new Map<string, { seed: string; publicKey: string }>();

  constructor(names: Iterable<string>) {
    for (const name of names) this.keysOf(name);
  }

  /** CALLER_SIGNING_KEY and CALLER_PUBLIC_KEYS of one service. */
  envOf(name: string): { CALLER_SIGNING_KEY: string; CALLER_PUBLIC_KEYS: string } {
    return {
      CALLER_SIGNING_KEY: this.keysOf(name).seed,
      CALLER_PUBLIC_KEYS: [...this.keys]
        .map(([service, keys]) => `${service}=${keys.publicKey}`)
        .join(','),
    };
  }

  /** A signer as that service (e.g. a test that stands for the gateway). */
  signerOf(name: string): CallerSigner {
    return CallerSigner.fromSeed(name, this.keysOf(name).seed);
  }

  private keysOf(name: string): { seed: string; publicKey: string } {
    let keys = this.keys.get(name);
    if (!keys) {
      const seed = generateCallerKeys([name]).seeds[name];
      keys = { seed, publicKey: publicKeyFromSeed(seed) };
      this.keys.set(name, keys);
    }
    return keys;
  }
}

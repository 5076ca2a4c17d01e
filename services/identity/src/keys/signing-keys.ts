import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type JWK,
} from 'jose';
import { ConfigError } from '@portail/config';
import type { IdentityConfig } from '../config';

export const SIGNING_ALGORITHM = 'EdDSA';

type KeysConfig = Pick<
  IdentityConfig,
  | 'NODE_ENV'
  | 'JWT_PRIVATE_KEY'
  | 'JWT_PRIVATE_KEY_FILE'
  | 'JWT_KEY_ID'
  | 'JWT_PREVIOUS_PUBLIC_KEYS'
  | 'JWT_PREVIOUS_PUBLIC_KEYS_FILE'
>;

/** The key that signs access tokens now, and every public key the gateway should accept. */
export interface SigningKeys {
  kid: string;
  privateKey: KeyObject;
  /** Current public key first, then the previous ones (rotation). */
  publicKeys: JWK[];
  ephemeral: boolean;
}

export const SIGNING_KEYS = Symbol('SIGNING_KEYS');

function configError(problem: string): ConfigError {
  return new ConfigError(`Invalid configuration for identity: ${problem}`);
}

/** The value of `NAME` or the content of the file named by `NAME_FILE` (Kubernetes secrets). */
function secretOf(config: KeysConfig, name: 'JWT_PRIVATE_KEY' | 'JWT_PREVIOUS_PUBLIC_KEYS') {
  const inline = config[name];
  const file = config[`${name}_FILE`];
  if (inline && file) throw configError(`set ${name} or ${name}_FILE, not both`);
  if (file) {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw configError(`${name}_FILE cannot be read (${(error as NodeJS.ErrnoException).code})`);
    }
  }
  return inline || undefined;
}

async function publicJwkOf(privateKey: KeyObject, kid: string): Promise<JWK> {
  const jwk = await exportJWK(createPublicKey(privateKey));
  return { ...jwk, kid, alg: SIGNING_ALGORITHM, use: 'sig' };
}

async function previousKeysOf(config: KeysConfig): Promise<JWK[]> {
  const text = secretOf(config, 'JWT_PREVIOUS_PUBLIC_KEYS');
  if (!text) return [];
  const problem = 'JWT_PREVIOUS_PUBLIC_KEYS must be a JSON array of public JWKs, each with a kid';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw configError(problem);
  }
  if (!Array.isArray(parsed)) throw configError(problem);
  const keys: JWK[] = [];
  for (const candidate of parsed as unknown[]) {
    if (typeof candidate !== 'object' || candidate === null) throw configError(problem);
    const jwk = candidate as JWK;
    if (typeof jwk.kid !== 'string' || !jwk.kid || 'd' in jwk) throw configError(problem);
    try {
      await importJWK(jwk, jwk.alg ?? SIGNING_ALGORITHM);
    } catch {
      throw configError(problem);
    }
    keys.push({ ...jwk, alg: jwk.alg ?? SIGNING_ALGORITHM, use: 'sig' });
  }
  return keys;
}

/**
 * Loads the signing key from config. Without one, outside production, an ephemeral key is
 * generated: tokens die with the process and replicas would not share it (one replica only).
 * In production a missing key stops the start with one line. Key material never appears in
 * an error message.
 */
export async function loadSigningKeys(
  config: KeysConfig,
  warn: (message: string) => void,
): Promise<SigningKeys> {
  const pem = secretOf(config, 'JWT_PRIVATE_KEY');
  const previous = await previousKeysOf(config);
  if (!pem) {
    if (config.NODE_ENV === 'production') {
      throw configError(
        'JWT_PRIVATE_KEY (or JWT_PRIVATE_KEY_FILE) is required in production (it is not set)',
      );
    }
    const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, {
      crv: 'Ed25519',
      extractable: true,
    });
    const key = privateKey as KeyObject;
    const kid = config.JWT_KEY_ID ?? `ephemeral-${await thumbprintOf(key)}`;
    warn(
      'No JWT_PRIVATE_KEY configured: signing access tokens with an ephemeral key generated at start ' +
        '(development only; sessions end at restart and several replicas would not share it)',
    );
    return {
      kid,
      privateKey: key,
      publicKeys: [await publicJwkOf(key, kid), ...previous],
      ephemeral: true,
    };
  }
  let privateKey: KeyObject;
  try {
    // Environment files often carry a PEM on one line with literal "\n".
    const normalized = pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem;
    privateKey = await importPKCS8<KeyObject>(normalized.trim(), SIGNING_ALGORITHM, {
      extractable: true,
    });
  } catch {
    throw configError('JWT_PRIVATE_KEY must be an Ed25519 private key in PKCS#8 PEM');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw configError('JWT_PRIVATE_KEY must be an Ed25519 private key in PKCS#8 PEM');
  }
  const kid = config.JWT_KEY_ID ?? (await thumbprintOf(privateKey));
  if (previous.some((key) => key.kid === kid)) {
    throw configError(`JWT_PREVIOUS_PUBLIC_KEYS repeats the kid of the current key (${kid})`);
  }
  return {
    kid,
    privateKey,
    publicKeys: [await publicJwkOf(privateKey, kid), ...previous],
    ephemeral: false,
  };
}

async function thumbprintOf(privateKey: KeyObject): Promise<string> {
  return calculateJwkThumbprint(await exportJWK(createPublicKey(privateKey)));
}

import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@portail/config';
import { loadSigningKeys } from './signing-keys';

const pemOf = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('loadSigningKeys', () => {
  it('generates an ephemeral key with a warning outside production', async () => {
    const warnings: string[] = [];
    const keys = await loadSigningKeys({ NODE_ENV: 'development' }, (m) => warnings.push(m));
    expect(keys.ephemeral).toBe(true);
    expect(keys.publicKeys).toHaveLength(1);
    expect(warnings).toEqual([expect.stringMatching(/ephemeral key/)]);
  });

  it('refuses to start in production without a key, in one line', async () => {
    await expect(loadSigningKeys({ NODE_ENV: 'production' }, () => undefined)).rejects.toThrow(
      new ConfigError(
        'Invalid configuration for identity: JWT_PRIVATE_KEY (or JWT_PRIVATE_KEY_FILE) is required in production (it is not set)',
      ),
    );
  });

  it('names a malformed key without echoing it', async () => {
    const secret = '-----BEGIN PRIVATE KEY-----\nnot-a-key-at-all\n-----END PRIVATE KEY-----';
    const error = await loadSigningKeys(
      { NODE_ENV: 'production', JWT_PRIVATE_KEY: secret },
      () => undefined,
    ).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/JWT_PRIVATE_KEY must be an Ed25519 private key/);
    expect((error as Error).message).not.toContain('not-a-key-at-all');
  });

  it('refuses an RSA key', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    await expect(
      loadSigningKeys({ NODE_ENV: 'production', JWT_PRIVATE_KEY: rsa }, () => undefined),
    ).rejects.toThrow(/Ed25519/);
  });

  it('reads the key from a file, names it by thumbprint, and publishes the previous keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwt-'));
    writeFileSync(join(dir, 'key.pem'), pemOf());
    const previous = await loadSigningKeys(
      { NODE_ENV: 'production', JWT_PRIVATE_KEY: pemOf(), JWT_KEY_ID: 'old' },
      () => undefined,
    );
    writeFileSync(join(dir, 'previous.json'), JSON.stringify([previous.publicKeys[0]]));
    const keys = await loadSigningKeys(
      {
        NODE_ENV: 'production',
        JWT_PRIVATE_KEY_FILE: join(dir, 'key.pem'),
        JWT_PREVIOUS_PUBLIC_KEYS_FILE: join(dir, 'previous.json'),
      },
      () => undefined,
    );
    expect(keys.ephemeral).toBe(false);
    expect(keys.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keys.publicKeys.map((key) => key.kid)).toEqual([keys.kid, 'old']);
    expect(keys.publicKeys.every((key) => !('d' in key))).toBe(true);
  });

  it('accepts a PEM written on one line with \\n, as in environment files', async () => {
    const oneLine = pemOf().trim().replace(/\n/g, '\\n');
    const keys = await loadSigningKeys(
      { NODE_ENV: 'production', JWT_PRIVATE_KEY: oneLine, JWT_KEY_ID: 'k1' },
      () => undefined,
    );
    expect(keys.kid).toBe('k1');
  });

  it('refuses previous keys that carry private material or no kid', async () => {
    const current = await loadSigningKeys({ NODE_ENV: 'development' }, () => undefined);
    const withoutKid = { ...current.publicKeys[0], kid: undefined };
    for (const bad of [
      '{',
      JSON.stringify([withoutKid]),
      JSON.stringify([{ ...current.publicKeys[0], kid: 'x', d: 'secret' }]),
    ]) {
      await expect(
        loadSigningKeys(
          { NODE_ENV: 'production', JWT_PRIVATE_KEY: pemOf(), JWT_PREVIOUS_PUBLIC_KEYS: bad },
          () => undefined,
        ),
      ).rejects.toThrow(/JWT_PREVIOUS_PUBLIC_KEYS must be a JSON array of public JWKs/);
    }
  });

  it('refuses a key given twice', async () => {
    await expect(
      loadSigningKeys(
        { NODE_ENV: 'production', JWT_PRIVATE_KEY: pemOf(), JWT_PRIVATE_KEY_FILE: '/x' },
        () => undefined,
      ),
    ).rejects.toThrow(/set JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_FILE, not both/);
  });
});

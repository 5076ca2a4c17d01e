import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callerKeysEnvSchema, ConfigError } from '@portail/config';
import {
  callerKeysFrom,
  CallerSigner,
  CallerVerifier,
  generateCallerKeys,
  parseKeyList,
  type CallerKeysConfig,
} from './caller-proof';
import { natsAuthOptions } from './nats-auth';

const keys = generateCallerKeys(['gateway', 'identity']);
const publicKeys = Object.fromEntries(
  keys.publicKeys.split(',').map((entry) => entry.split('=') as [string, string]),
);
const config = (overrides: Partial<CallerKeysConfig> = {}): CallerKeysConfig => ({
  NODE_ENV: 'development',
  CALLER_SIGNING_KEY: keys.seeds.identity,
  CALLER_PUBLIC_KEYS: publicKeys,
  CALLER_PROOF_MAX_AGE_S: 30,
  ...overrides,
});
const body = new TextEncoder().encode('{"pattern":"identity.x","data":{}}');
const family = { kind: 'family', accountId: '2a0b6a33-77b2-4c38-9a8d-49d6d5d7d0b1' } as const;

describe('caller proofs', () => {
  const { verifier } = callerKeysFrom('identity', config())!;
  const gateway = CallerSigner.fromSeed('gateway', keys.seeds.gateway);

  it('accepts a proof of the gateway for its subject and body, with its caller', () => {
    const now = Date.now();
    expect(
      verifier.verify(gateway.sign('identity.x', body, family, now), 'identity.x', body, now),
    ).toEqual({ ok: true, issuer: 'gateway', caller: family });
  });

  it('refuses a proof it has already seen within the window (replay)', () => {
    const now = Date.now();
    const proof = gateway.sign('identity.x', body, undefined, now);
    expect(verifier.verify(proof, 'identity.x', body, now).ok).toBe(true);
    expect(verifier.verify(proof, 'identity.x', body, now + 1000)).toMatchObject({
      ok: false,
      reason: 'replayed',
    });
  });

  it('refuses a proof issued outside the freshness window, early or late', () => {
    const now = Date.now();
    for (const at of [now - 31_000, now + 31_000]) {
      expect(
        verifier.verify(gateway.sign('identity.x', body, undefined, at), 'identity.x', body, now),
      ).toMatchObject({ ok: false, reason: 'stale' });
    }
  });

  it('refuses a missing, malformed or unknown issuer’s proof', () => {
    expect(verifier.verify(undefined, 'identity.x', body)).toMatchObject({ reason: 'missing' });
    expect(verifier.verify('abc', 'identity.x', body)).toMatchObject({ reason: 'malformed' });
    const stranger = CallerSigner.fromSeed(
      'billing',
      generateCallerKeys(['billing']).seeds.billing,
    );
    expect(verifier.verify(stranger.sign('identity.x', body), 'identity.x', body)).toMatchObject({
      reason: 'unknown-issuer',
    });
  });

  it('forgets seen ids past its bound, oldest first, instead of growing without end', () => {
    const bounded = CallerVerifier.fromPublicKeys(publicKeys, 30_000, 3);
    const now = Date.now();
    for (let i = 0; i < 10; i += 1) {
      expect(
        bounded.verify(gateway.sign('identity.x', body, undefined, now), 'identity.x', body, now)
          .ok,
      ).toBe(true);
    }
    expect(bounded.replayCacheSize).toBeLessThanOrEqual(3);
  });
});

describe('caller keys and NATS credentials from the configuration', () => {
  it('refuses to start in production without caller keys', () => {
    expect(() =>
      callerKeysFrom(
        'identity',
        config({ NODE_ENV: 'production', CALLER_SIGNING_KEY: undefined, CALLER_PUBLIC_KEYS: {} }),
      ),
    ).toThrow(ConfigError);
  });

  it('runs without verification in development when no key is set', () => {
    expect(
      callerKeysFrom('identity', config({ CALLER_SIGNING_KEY: undefined, CALLER_PUBLIC_KEYS: {} })),
    ).toBeUndefined();
  });

  it('takes its own key and everyone’s public keys from npm start’s development key set', () => {
    const dev = generateCallerKeys(['gateway', 'identity']);
    const devKeys = Object.fromEntries(
      dev.devKeys.split(',').map((entry) => entry.split('=') as [string, string]),
    );
    const base = config({ CALLER_SIGNING_KEY: undefined, CALLER_PUBLIC_KEYS: {} });
    const identity = callerKeysFrom('identity', { ...base, CALLER_DEV_KEYS: devKeys })!;
    const gateway = callerKeysFrom('gateway', { ...base, CALLER_DEV_KEYS: devKeys })!;
    expect(identity.verifier.verify(gateway.signer.sign('s', body), 's', body)).toMatchObject({
      ok: true,
      issuer: 'gateway',
    });
    expect(() =>
      callerKeysFrom('identity', { ...base, NODE_ENV: 'production', CALLER_DEV_KEYS: devKeys }),
    ).toThrow(/development only/);
  });

  it('reads its key and the public keys from mounted files (CALLER_*_FILE)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caller-keys-'));
    try {
      writeFileSync(join(dir, 'identity.key'), `${keys.seeds.identity}\n`);
      writeFileSync(join(dir, 'public-keys'), `${keys.publicKeys.split(',').join('\n')}\n`);
      const fromFiles = callerKeysFrom('identity', {
        ...config({ CALLER_SIGNING_KEY: undefined, CALLER_PUBLIC_KEYS: {} }),
        CALLER_SIGNING_KEY_FILE: join(dir, 'identity.key'),
        CALLER_PUBLIC_KEYS_FILE: join(dir, 'public-keys'),
      })!;
      const gateway = CallerSigner.fromSeed('gateway', keys.seeds.gateway);
      expect(fromFiles.verifier.verify(gateway.sign('s', body), 's', body).ok).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a signing key that is not the one listed for the service', () => {
    expect(() =>
      callerKeysFrom('identity', config({ CALLER_SIGNING_KEY: keys.seeds.gateway })),
    ).toThrow(/CALLER_PUBLIC_KEYS must list identity=/);
  });

  it('refuses to connect anonymously in production, and warns once in development', () => {
    expect(() => natsAuthOptions('identity', { NODE_ENV: 'production' })).toThrow(
      /NATS credentials are required in production/,
    );
    const warnings: string[] = [];
    expect(
      natsAuthOptions('identity', { NODE_ENV: 'development' }, { warn: (m) => warnings.push(m) }),
    ).toEqual({ inboxPrefix: '_INBOX_identity' });
    expect(warnings).toHaveLength(1);
    expect(
      natsAuthOptions('identity', {
        NODE_ENV: 'production',
        NATS_USER: 'identity',
        NATS_PASSWORD: 'secret',
        NATS_TLS_CA: '/run/ca.pem',
      }),
    ).toEqual({
      inboxPrefix: '_INBOX_identity',
      user: 'identity',
      pass: 'secret',
      tls: { caFile: '/run/ca.pem' },
    });
  });
});

describe('rotating a caller key with overlap', () => {
  const old = generateCallerKeys(['billing']);
  const next = generateCallerKeys(['billing']);
  const publicOf = (set: typeof old) => set.publicKeys.split('=')[1];
  /** What identity reads from CALLER_PUBLIC_KEYS, as the environment gives it. */
  const identityWith = (publicKeysValue: string) =>
    callerKeysFrom(
      'identity',
      config({
        CALLER_PUBLIC_KEYS: callerKeysEnvSchema.parse({ CALLER_PUBLIC_KEYS: publicKeysValue })
          .CALLER_PUBLIC_KEYS,
      }),
    )!.verifier;
  const base = keys.publicKeys;
  const signedBy = (set: typeof old) =>
    CallerSigner.fromSeed('billing', set.seeds.billing).sign('identity.x', body);

  it('accepts a proof signed by the old key and one by the new key while both are listed', () => {
    const verifier = identityWith(`${base},billing=${publicOf(old)},billing=${publicOf(next)}`);
    expect(verifier.verify(signedBy(old), 'identity.x', body)).toMatchObject({
      ok: true,
      issuer: 'billing',
    });
    expect(verifier.verify(signedBy(next), 'identity.x', body)).toMatchObject({
      ok: true,
      issuer: 'billing',
    });
  });

  it('refuses the old key once it is removed, and still accepts the new one', () => {
    const verifier = identityWith(`${base},billing=${publicOf(next)}`);
    expect(verifier.verify(signedBy(old), 'identity.x', body)).toMatchObject({
      ok: false,
      reason: 'bad-signature',
      issuer: 'billing',
    });
    expect(verifier.verify(signedBy(next), 'identity.x', body).ok).toBe(true);
  });

  it('lets the rotating service start with either seed during the overlap, and with one key listed as before', () => {
    const listed = `${base},billing=${publicOf(old)},billing=${publicOf(next)}`;
    const parsed = callerKeysEnvSchema.parse({ CALLER_PUBLIC_KEYS: listed }).CALLER_PUBLIC_KEYS;
    expect(parsed.billing).toEqual([publicOf(old), publicOf(next)]);
    for (const seed of [old.seeds.billing, next.seeds.billing]) {
      expect(
        callerKeysFrom('billing', config({ CALLER_SIGNING_KEY: seed, CALLER_PUBLIC_KEYS: parsed })),
      ).toBeDefined();
    }
    expect(() =>
      callerKeysFrom(
        'billing',
        config({
          CALLER_SIGNING_KEY: old.seeds.billing,
          CALLER_PUBLIC_KEYS: { ...parsed, billing: [publicOf(next)] },
        }),
      ),
    ).toThrow(/CALLER_PUBLIC_KEYS must list billing=/);
  });

  it('reads several keys of a name from a public-keys file, and bounds how many', () => {
    expect(
      parseKeyList(
        `gateway=${publicOf(old)}\nbilling=${publicOf(old)}\nbilling=${publicOf(next)}\n`,
      ),
    ).toEqual({
      gateway: [publicOf(old)],
      billing: [publicOf(old), publicOf(next)],
    });
    const five = generateCallerKeys(['a', 'b', 'c', 'd', 'e']);
    const many = five.publicKeys.split(',').map((entry) => entry.split('=')[1]);
    expect(() => CallerVerifier.fromPublicKeys({ billing: many })).toThrow(
      /billing must have 1 to 4 public keys/,
    );
  });
});

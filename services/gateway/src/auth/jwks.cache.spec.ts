import { generateKeyPairSync } from 'node:crypto';
import { exportJWK, SignJWT, jwtVerify, type JSONWebKeySet, type JWK } from 'jose';
import { JwksCache, isEdDsaSigningKey, type JwksFetcher } from './jwks.cache';

const ed = generateKeyPairSync('ed25519');
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

describe('JwksCache', () => {
  let now: number;
  let edJwk: JWK;
  let ecJwk: JWK;
  let calls: number;
  let answer: () => Promise<JSONWebKeySet>;
  let cache: JwksCache;

  const fetcher: JwksFetcher = {
    request: () => {
      calls += 1;
      return answer();
    },
  };
  const token = (kid: string, alg = 'EdDSA', key = ed.privateKey) =>
    new SignJWT({ sub: 'x' }).setProtectedHeader({ alg, kid }).sign(key);
  const verify = async (jwt: string, algorithms = ['EdDSA', 'ES256']) =>
    jwtVerify(jwt, cache.getKey, { algorithms }).then(
      () => 'ok',
      (error: Error) => error.message,
    );

  beforeAll(async () => {
    edJwk = { ...(await exportJWK(ed.publicKey)), kid: 'k1', alg: 'EdDSA', use: 'sig' };
    ecJwk = { ...(await exportJWK(ec.publicKey)), kid: 'k-ec', alg: 'ES256', use: 'sig' };
  });

  beforeEach(() => {
    now = 1_000_000;
    calls = 0;
    answer = () => Promise.resolve({ keys: [edJwk, ecJwk] });
    cache = new JwksCache(fetcher, { JWKS_MIN_REFRESH_INTERVAL_S: 30 }, () => now);
  });

  it('keeps only Ed25519 keys for EdDSA signatures', () => {
    expect(isEdDsaSigningKey(edJwk)).toBe(true);
    expect(isEdDsaSigningKey(ecJwk)).toBe(false);
    expect(isEdDsaSigningKey({ ...edJwk, alg: 'ES256' })).toBe(false);
    expect(isEdDsaSigningKey({ ...edJwk, use: 'enc' })).toBe(false);
    expect(isEdDsaSigningKey({ ...edJwk, crv: 'X25519' })).toBe(false);
    expect(isEdDsaSigningKey({ kty: 'oct', k: 'c2VjcmV0', kid: 'k1' })).toBe(false);
  });

  it('verifies a token of a known key and ignores a published key of another type', async () => {
    expect(await verify(await token('k1'))).toBe('ok');
    // Even if the verifier allowed ES256, the EC key is not in the cache.
    expect(await verify(await token('k-ec', 'ES256', ec.privateKey))).not.toBe('ok');
    expect(calls).toBe(1);
  });

  it('fetches again for an unknown kid at most once per minimum interval', async () => {
    expect(await verify(await token('k1'))).toBe('ok');
    expect(calls).toBe(1);
    for (let i = 0; i < 50; i++) {
      expect(await verify(await token(`random-${i}`))).not.toBe('ok');
    }
    // The first fetch was just made: unknown kids are refused at once, without a fetch.
    expect(calls).toBe(1);
    now += 30_001;
    expect(await verify(await token('random-x'))).not.toBe('ok');
    expect(calls).toBe(2);
    expect(await verify(await token('random-y'))).not.toBe('ok');
    expect(calls).toBe(2);
  });

  it('learns a rotated key after the interval', async () => {
    expect(await verify(await token('k1'))).toBe('ok');
    answer = () => Promise.resolve({ keys: [{ ...edJwk, kid: 'k2' }, edJwk] });
    expect(await verify(await token('k2'))).not.toBe('ok');
    now += 30_001;
    expect(await verify(await token('k2'))).toBe('ok');
    expect(calls).toBe(2);
  });

  it('backs off exponentially after failed fetches, refusing tokens meanwhile', async () => {
    answer = () => Promise.reject(new Error('no responders'));
    expect(await verify(await token('k1'))).not.toBe('ok');
    expect(calls).toBe(1);
    // Within 30 s: no fetch.
    now += 29_000;
    expect(await verify(await token('k1'))).not.toBe('ok');
    expect(calls).toBe(1);
    now += 1_001; // 30 s after the first failure
    expect(await verify(await token('k1'))).not.toBe('ok');
    expect(calls).toBe(2);
    now += 59_000; // the second failure waits 60 s
    expect(await verify(await token('k1'))).not.toBe('ok');
    expect(calls).toBe(2);
    now += 1_001;
    answer = () => Promise.resolve({ keys: [edJwk] });
    expect(await verify(await token('k1'))).toBe('ok');
    expect(calls).toBe(3);
    // Success resets the back-off to the minimum interval.
    now += 30_001;
    expect(await verify(await token('other'))).not.toBe('ok');
    expect(calls).toBe(4);
  });

  it('keeps the cached keys when a refresh fails', async () => {
    expect(await verify(await token('k1'))).toBe('ok');
    answer = () => Promise.reject(new Error('timeout'));
    now += 6 * 60_000; // past the cache's 5-minute life
    expect(await verify(await token('k1'))).toBe('ok');
    expect(calls).toBe(2);
  });

  it('shares one fetch between concurrent tokens', async () => {
    const tokens = await Promise.all([1, 2, 3].map((i) => token(`rnd-${i}`)));
    await Promise.all([...tokens, await token('k1')].map((jwt) => verify(jwt)));
    expect(calls).toBe(1);
  });

  it('refuses a token without a kid without fetching', async () => {
    const jwt = await new SignJWT({ sub: 'x' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .sign(ed.privateKey);
    expect(await verify(jwt)).not.toBe('ok');
    expect(calls).toBe(0);
  });
});

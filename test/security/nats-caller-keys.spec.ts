import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ALL_SERVICES } from '@portail/contracts';
import { callerKeysFrom, type CallerKeysConfig } from '@portail/service-kit';
import { callerKeysEnvLines, writeCallerKeys } from '../../scripts/caller-keys';

const ROOT = join(__dirname, '../..');

/** What a service reads from the files a key generator wrote (CALLER_*_FILE). */
const keysOf = (dir: string, service: string) => {
  const config: CallerKeysConfig = {
    NODE_ENV: 'production',
    CALLER_PUBLIC_KEYS: {},
    CALLER_PROOF_MAX_AGE_S: 30,
    CALLER_SIGNING_KEY_FILE: join(dir, `${service}.key`),
    CALLER_PUBLIC_KEYS_FILE: join(dir, 'public-keys'),
  };
  return callerKeysFrom(service, config)!;
};

/** Every service accepts what the gateway signs, with keys read back from `dir`. */
function expectUsable(dir: string): void {
  const gateway = keysOf(dir, 'gateway');
  const body = new TextEncoder().encode('{}');
  for (const service of ALL_SERVICES) {
    const { verifier, signer } = keysOf(dir, service);
    expect(verifier.verify(gateway.signer.sign('s', body), 's', body).ok).toBe(true);
    expect(gateway.verifier.verify(signer.sign('t', body), 't', body)).toMatchObject({
      ok: true,
      issuer: service,
    });
    expect(statSync(join(dir, `${service}.key`)).mode & 0o077).toBe(0);
  }
}

describe('security: generating caller keys', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'portail-caller-keys-'));
    dirs.push(dir);
    return dir;
  };

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('npm run caller:keys writes a private key per service (0600) and the public keys, kept unless rotated', () => {
    const dir = fresh();
    expect(writeCallerKeys(dir)).toHaveLength(ALL_SERVICES.length + 1);
    expectUsable(dir);
    const before = readFileSync(join(dir, 'public-keys'), 'utf8');
    expect(writeCallerKeys(dir)).toEqual([]);
    expect(readFileSync(join(dir, 'public-keys'), 'utf8')).toBe(before);
    writeCallerKeys(dir, true);
    expect(readFileSync(join(dir, 'public-keys'), 'utf8')).not.toBe(before);
    expectUsable(dir);
  });

  it('prints the same as environment lines for a Kubernetes secret', () => {
    const lines = callerKeysEnvLines();
    expect(lines.map((line) => line.split('=')[0])).toEqual([
      ...ALL_SERVICES.map((service) => `${service.toUpperCase()}_CALLER_SIGNING_KEY`),
      'CALLER_PUBLIC_KEYS',
    ]);
  });

  it('compose’s caller-keygen writes keys every service can use, once, and again with ROTATE', () => {
    const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, { command: string[] }>;
    };
    const [node, flag, script] = compose.services['caller-keygen'].command;
    expect([node, flag]).toEqual(['node', '-e']);
    const dir = fresh();
    const run = (env: NodeJS.ProcessEnv = {}) =>
      execFileSync(process.execPath, ['-e', script], {
        env: { PATH: process.env.PATH, KEY_DIR: dir, ...env },
      }).toString();
    expect(run()).toMatch(/^Caller keys created/);
    expectUsable(dir);
    const before = readFileSync(join(dir, 'public-keys'), 'utf8');
    expect(run()).toMatch(/^Caller keys kept/);
    expect(run({ ROTATE: 'true' })).toMatch(/^Caller keys created/);
    expect(readFileSync(join(dir, 'public-keys'), 'utf8')).not.toBe(before);
    expectUsable(dir);
  });
});

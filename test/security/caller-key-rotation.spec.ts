/**
 * Issue 16: caller keys rotate one service at a time, with overlap. `npm run caller:keys` stages
 * a service's new key next to the old one (everyone trusts both), promotes it (the service signs
 * with it), then retires the old one: at no step does a call between a restarted and a
 * not-yet-restarted replica fail, and after the last step the old key is refused. Keys are read
 * back from the files as each service reads them (CALLER_*_FILE).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_SERVICES } from '@portail/contracts';
import { CallerSigner, callerKeysFrom, type CallerKeys } from '@portail/service-kit';
import {
  nextCallerKeyEnvLines,
  promoteCallerKey,
  retireCallerKeys,
  stageCallerKey,
  writeCallerKeys,
} from '../../scripts/caller-keys';

const body = new TextEncoder().encode('{"pattern":"identity.x","data":{}}');

/** A service's keys as it reads them at start from `dir`. */
const started = (dir: string, service: string, seedFile = `${service}.key`): CallerKeys =>
  callerKeysFrom(service, {
    NODE_ENV: 'production',
    CALLER_PUBLIC_KEYS: {},
    CALLER_PROOF_MAX_AGE_S: 30,
    CALLER_SIGNING_KEY_FILE: join(dir, seedFile),
    CALLER_PUBLIC_KEYS_FILE: join(dir, 'public-keys'),
  })!;

/** Whether `receiver` accepts a proof `signer` makes. */
const accepts = (receiver: CallerKeys, signer: CallerSigner) =>
  receiver.verifier.verify(signer.sign('identity.x', body), 'identity.x', body).ok;

describe('security: rotating one caller key with overlap', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'portail-caller-rotation-'));
    writeCallerKeys(dir);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every call working through the three steps, and refuses the old key at the end', () => {
    // Before: every replica runs with the first key set.
    const oldBilling = started(dir, 'billing');
    const oldIdentity = started(dir, 'identity');

    // 1. --next billing: a new seed staged, its public key added; every service restarts.
    stageCallerKey(dir, 'billing');
    expect(readFileSync(join(dir, 'public-keys'), 'utf8').match(/^billing=/gm)).toHaveLength(2);
    const identity = started(dir, 'identity');
    const billingStill = started(dir, 'billing');
    const newSigner = started(dir, 'billing', 'billing.key.next').signer;
    expect(accepts(identity, oldBilling.signer)).toBe(true);
    expect(accepts(identity, newSigner)).toBe(true);
    expect(accepts(billingStill, oldIdentity.signer)).toBe(true);

    // 2. --promote billing: billing restarts with the new seed, which everyone trusts since step 1.
    promoteCallerKey(dir, 'billing');
    expect(existsSync(join(dir, 'billing.key.next'))).toBe(false);
    const newBilling = started(dir, 'billing');
    expect(accepts(identity, newBilling.signer)).toBe(true);
    expect(accepts(newBilling, identity.signer)).toBe(true);
    // an old billing replica still running meanwhile is accepted too
    expect(accepts(identity, oldBilling.signer)).toBe(true);

    // 3. --retire billing: only the new key stays; every service restarts.
    expect(retireCallerKeys(dir, 'billing')).toBe(1);
    for (const service of ALL_SERVICES) {
      const receiver = started(dir, service);
      expect(accepts(receiver, newBilling.signer)).toBe(true);
      expect(
        receiver.verifier.verify(oldBilling.signer.sign('identity.x', body), 'identity.x', body),
      ).toMatchObject({ ok: false, reason: 'bad-signature', issuer: 'billing' });
    }
  });

  it('refuses a step out of order or for an unknown service', () => {
    expect(() => promoteCallerKey(dir, 'billing')).toThrow(); // nothing staged
    expect(() => stageCallerKey(dir, 'payments')).toThrow(/Unknown service/);
    expect(retireCallerKeys(dir, 'billing')).toBe(0);
  });

  it('prints the new seed and the entry to add for a Kubernetes secret (--env --next)', () => {
    const [seedLine, entryLine] = nextCallerKeyEnvLines('billing');
    expect(seedLine).toMatch(/^BILLING_CALLER_SIGNING_KEY=[A-Za-z0-9_-]{43}$/);
    expect(entryLine).toMatch(/billing=[A-Za-z0-9_-]{43}$/);
  });
});

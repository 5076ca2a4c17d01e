import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SEPA_CREDITORS, demoPaymentSettings } from '../../scripts/demo-payments';

describe("npm start's demo payment settings", () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'portail-demo-payments-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('gives the demo creditor and an IBAN key kept from one start to the next', () => {
    const first: NodeJS.ProcessEnv = {};
    expect(demoPaymentSettings(first, root)).toEqual(['SEPA_CREDITORS', 'SEPA_IBAN_KEY']);
    expect(JSON.parse(first.SEPA_CREDITORS!)).toEqual(DEMO_SEPA_CREDITORS);
    expect(Buffer.from(first.SEPA_IBAN_KEY!, 'base64')).toHaveLength(32);
    const file = join(root, '.portail-dev', 'sepa-iban-key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(first.SEPA_IBAN_KEY);
    const second: NodeJS.ProcessEnv = {};
    demoPaymentSettings(second, root);
    expect(second.SEPA_IBAN_KEY).toBe(first.SEPA_IBAN_KEY);
  });

  it('leaves given settings alone, and gives production nothing', () => {
    const given: NodeJS.ProcessEnv = { SEPA_CREDITORS_FILE: '/secrets/c.json', SEPA_IBAN_KEY: 'k' };
    expect(demoPaymentSettings(given, root)).toEqual([]);
    expect(given).toEqual({ SEPA_CREDITORS_FILE: '/secrets/c.json', SEPA_IBAN_KEY: 'k' });
    const production: NodeJS.ProcessEnv = { NODE_ENV: 'production' };
    expect(demoPaymentSettings(production, root)).toEqual([]);
    expect(production).toEqual({ NODE_ENV: 'production' });
  });
});

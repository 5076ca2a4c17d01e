import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@portail/config';
import { cardSignature } from './card-signature';
import { loadCardShops } from './card-shops';

const REGIE_ID = '0191d2a4-7b7e-7c1a-9f00-000000000001';
const TEST_KEY = 'TestKey1122334455667788abcdef';
const PRODUCTION_KEY = 'ProdKey9988776655443322fedcba';
const shop = (overrides: Record<string, unknown> = {}) => ({
  siteId: '12345678',
  mode: 'TEST',
  testKey: TEST_KEY,
  productionKey: PRODUCTION_KEY,
  ...overrides,
});

type Env = 'development' | 'test' | 'production';
const load = (shops: unknown, NODE_ENV: Env = 'test', warn = jest.fn()) =>
  loadCardShops(
    { NODE_ENV, CARD_SHOPS: typeof shops === 'string' ? shops : JSON.stringify(shops) },
    warn,
  );

/** The one-line error of a refused configuration, checked never to quote a key. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).not.toContain(TEST_KEY);
    expect(message).not.toContain(PRODUCTION_KEY);
    return message;
  }
  throw new Error('The configuration was accepted');
}

describe('card shops (CARD_SHOPS)', () => {
  it('finds a régie by its id or its PayFIP number, signs with the key of its mode, never shows the key', () => {
    const shops = load({
      [REGIE_ID]: shop({ mode: 'PRODUCTION' }),
      '000071': shop({ siteId: '87654321' }),
    });
    const byId = shops.forRegie(REGIE_ID, '000070')!;
    expect(byId).toMatchObject({ siteId: '12345678', mode: 'PRODUCTION' });
    expect(byId.sign({ vads_amount: '1' })).toBe(
      cardSignature({ vads_amount: '1' }, PRODUCTION_KEY),
    );
    const byNumber = shops.forRegie('0191d2a4-7b7e-7c1a-9f00-0000000000ff', '000071')!;
    expect(byNumber.sign({ vads_amount: '1' })).toBe(cardSignature({ vads_amount: '1' }, TEST_KEY));
    expect(shops.forRegie(undefined, '999999')).toBeNull();
    expect(shops.bySite('87654321')).toBe(byNumber);
    expect(JSON.stringify(shops)).not.toContain('Key');
    expect(JSON.stringify(byId)).toBe('{"siteId":"12345678","mode":"PRODUCTION"}');
  });

  it('reads the shops from CARD_SHOPS_FILE (a mounted secret), not from both', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'card-shops-')), 'shops.json');
    writeFileSync(file, JSON.stringify({ '000070': shop() }));
    const shops = loadCardShops({ NODE_ENV: 'test', CARD_SHOPS_FILE: file }, jest.fn());
    expect(shops.size).toBe(1);
    expect(
      refusal(() =>
        loadCardShops({ NODE_ENV: 'test', CARD_SHOPS_FILE: file, CARD_SHOPS: '{}' }, jest.fn()),
      ),
    ).toContain('not both');
    expect(
      refusal(() =>
        loadCardShops({ NODE_ENV: 'test', CARD_SHOPS_FILE: `${file}.missing` }, jest.fn()),
      ),
    ).toContain('CARD_SHOPS_FILE cannot be read (ENOENT)');
  });

  it('refuses a malformed configuration with one line naming the field, never a key', () => {
    expect(refusal(() => loadCardShops({ NODE_ENV: 'test' }, jest.fn()))).toContain(
      'needs CARD_SHOPS or CARD_SHOPS_FILE',
    );
    expect(refusal(() => load(`{"000070": {"testKey": "${TEST_KEY}"`))).toContain(
      'must be a JSON object',
    );
    // No shop yet (the deployment's secret holds `{}`): loads, and no régie takes cards.
    expect(load({}).bySite('12345678')).toBeNull();
    expect(
      refusal(() =>
        load(
          Object.fromEntries(
            Array.from({ length: 201 }, (_, i) => [String(i).padStart(6, '0'), shop()]),
          ),
        ),
      ),
    ).toContain('at most 200 régies');
    expect(refusal(() => load({ vichy: shop() }))).toContain('not "vichy"');
    expect(refusal(() => load({ '000070': shop({ siteId: '123' }) }))).toContain('siteId');
    expect(refusal(() => load({ '000070': shop({ mode: 'LIVE' }) }))).toContain(
      'TEST or PRODUCTION',
    );
    expect(refusal(() => load({ '000070': shop({ testKey: 'short' }) }))).toContain('testKey');
    expect(
      refusal(() => load({ '000070': shop({ mode: 'PRODUCTION', productionKey: undefined }) })),
    ).toContain('productionKey is required');
    expect(refusal(() => load({ '000070': shop({ secret: 'x' }) }))).toContain('unknown fields');
    expect(
      refusal(() =>
        load({
          '000070': shop(),
          '000071': shop({ testKey: 'AnotherKey1122334455667788' }),
        }),
      ),
    ).toContain('shop 12345678 two modes or keys');
  });

  it('refuses a shop in TEST mode in production (test cards would pay real bookings), says it elsewhere', () => {
    expect(refusal(() => load({ '000070': shop() }, 'production'))).toContain(
      'TEST mode in production (000070)',
    );
    const warn = jest.fn();
    load(
      { '000070': shop(), '000071': shop({ siteId: '87654321', mode: 'PRODUCTION' }) },
      'development',
      warn,
    );
    expect(warn).toHaveBeenCalledWith('Card shops in TEST mode: 000070');
    expect(load({ '000070': shop({ mode: 'PRODUCTION' }) }, 'production').size).toBe(1);
  });
});

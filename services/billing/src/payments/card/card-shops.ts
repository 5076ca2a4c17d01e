import { readFileSync } from 'node:fs';
import { ConfigError } from '@portail/config';
import type { BillingConfig } from '../../config';
import { cardSignature, signatureMatches } from './card-signature';

export const CARD_MODES = ['TEST', 'PRODUCTION'] as const;
export type CardMode = (typeof CARD_MODES)[number];

/** At most this many régies with a shop in CARD_SHOPS. */
const MAX_SHOPS = 200;
/** A régie in CARD_SHOPS: its id, or its 6-digit PayFIP collectivity number. */
const REGIE_KEY = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{6})$/;
/** The shop's id at the provider (`vads_site_id`): 8 digits. */
const SITE_ID = /^\d{8}$/;
/** A shop key: printable ASCII without spaces (the provider's keys are letters and digits). */
const SHOP_KEY = /^[\x21-\x7e]{16,128}$/;

/**
 * A régie's shop at the card provider, with the key of its mode only. The key is a private field:
 * it is never enumerated, so no log line, event or answer can carry it by accident.
 */
export class CardShop {
  readonly #key: string;

  constructor(
    readonly siteId: string,
    readonly mode: CardMode,
    key: string,
  ) {
    this.#key = key;
  }

  sign(fields: Readonly<Record<string, string>>): string {
    return cardSignature(fields, this.#key);
  }

  verifies(fields: Readonly<Record<string, string>>, signature: string): boolean {
    return signatureMatches(fields, signature, this.#key);
  }

  /** Whether both shops sign alike (one shop shared by two régies). */
  sameAs(other: CardShop): boolean {
    return this.mode === other.mode && this.#key === other.#key;
  }

  toJSON(): { siteId: string; mode: CardMode } {
    return { siteId: this.siteId, mode: this.mode };
  }
}

/** The régies' shops, by régie (id or collectivity number) and by shop id. */
export class CardShops {
  constructor(private readonly byRegie: ReadonlyMap<string, CardShop>) {}

  /** The shop of a régie: by its id first, else by its PayFIP collectivity number. */
  forRegie(regieId: string | undefined, collectivityNumber: string | undefined): CardShop | null {
    return (
      (regieId ? this.byRegie.get(regieId) : undefined) ??
      (collectivityNumber ? this.byRegie.get(collectivityNumber) : undefined) ??
      null
    );
  }

  /** The shop a notification names (`vads_site_id`). */
  bySite(siteId: string | undefined): CardShop | null {
    return [...this.byRegie.values()].find((shop) => shop.siteId === siteId) ?? null;
  }

  get size(): number {
    return this.byRegie.size;
  }
}

type ShopsConfig = Pick<BillingConfig, 'NODE_ENV' | 'CARD_SHOPS' | 'CARD_SHOPS_FILE'>;

function configError(problem: string): ConfigError {
  return new ConfigError(`Invalid configuration for billing: ${problem}`);
}

/** CARD_SHOPS, or the content of the file CARD_SHOPS_FILE names (a mounted secret). */
function shopsText(config: ShopsConfig): string | undefined {
  if (config.CARD_SHOPS && config.CARD_SHOPS_FILE) {
    throw configError('set CARD_SHOPS or CARD_SHOPS_FILE, not both');
  }
  if (config.CARD_SHOPS_FILE) {
    try {
      return readFileSync(config.CARD_SHOPS_FILE, 'utf8');
    } catch (error) {
      throw configError(
        `CARD_SHOPS_FILE cannot be read (${(error as NodeJS.ErrnoException).code})`,
      );
    }
  }
  return config.CARD_SHOPS || undefined;
}

/** One entry of CARD_SHOPS, checked; problems name the régie and the field, never a value. */
function shopOf(regie: string, entry: unknown): CardShop {
  const where = `CARD_SHOPS["${regie}"]`;
  if (!REGIE_KEY.test(regie)) {
    throw configError(
      `CARD_SHOPS names régies by their id (uuid) or PayFIP collectivity number (6 digits), not "${regie.slice(0, 40)}"`,
    );
  }
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw configError(`${where} must be an object { siteId, mode, testKey, productionKey }`);
  }
  const shop = entry as Record<string, unknown>;
  const unknown = Object.keys(shop).filter(
    (name) => !['siteId', 'mode', 'testKey', 'productionKey'].includes(name),
  );
  if (unknown.length) throw configError(`${where} has unknown fields (${unknown.join(', ')})`);
  if (typeof shop.siteId !== 'string' || !SITE_ID.test(shop.siteId)) {
    throw configError(`${where}.siteId must be the shop id (8 digits)`);
  }
  if (!CARD_MODES.includes(shop.mode as CardMode)) {
    throw configError(`${where}.mode must be TEST or PRODUCTION`);
  }
  const mode = shop.mode as CardMode;
  for (const name of ['testKey', 'productionKey'] as const) {
    const key = shop[name];
    if (key !== undefined && (typeof key !== 'string' || !SHOP_KEY.test(key))) {
      throw configError(`${where}.${name} must be 16 to 128 printable characters without spaces`);
    }
  }
  const key = mode === 'TEST' ? shop.testKey : shop.productionKey;
  if (typeof key !== 'string') {
    throw configError(
      `${where} is in ${mode} mode: its ${mode === 'TEST' ? 'testKey' : 'productionKey'} is required`,
    );
  }
  return new CardShop(shop.siteId, mode, key);
}

/**
 * The régies' card shops from CARD_SHOPS or CARD_SHOPS_FILE (JSON: régie → { siteId, mode
 * TEST|PRODUCTION, testKey, productionKey }), checked at start: the key used is the mode's. A
 * problem stops the start with one line that never quotes a key. In production a shop in TEST
 * mode is refused (test cards would pay real bookings); elsewhere it is said at start.
 */
export function loadCardShops(config: ShopsConfig, warn: (message: string) => void): CardShops {
  const text = shopsText(config);
  if (!text) {
    throw configError('PAYMENT_PROVIDER_BASKETS=card needs CARD_SHOPS or CARD_SHOPS_FILE');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw configError('CARD_SHOPS must be a JSON object (régie → shop)');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw configError('CARD_SHOPS must be a JSON object (régie → shop)');
  }
  const entries = Object.entries(parsed);
  // `{}` is allowed: a deployment's secret file exists before any régie takes cards.
  if (entries.length > MAX_SHOPS) {
    throw configError(`CARD_SHOPS must name at most ${MAX_SHOPS} régies`);
  }
  const shops = new Map<string, CardShop>();
  for (const [regie, entry] of entries) {
    const shop = shopOf(regie, entry);
    // A notification names only its shop: régies sharing one must share its mode and key.
    const sibling = [...shops.values()].find((other) => other.siteId === shop.siteId);
    if (sibling && !sibling.sameAs(shop)) {
      throw configError(`CARD_SHOPS gives shop ${shop.siteId} two modes or keys`);
    }
    shops.set(regie, shop);
  }
  const testing = [...shops.entries()].filter(([, shop]) => shop.mode === 'TEST');
  if (config.NODE_ENV === 'production' && testing.length) {
    // A test card would pay real bookings: a shop is tried on a staging portal, not this one.
    throw configError(
      `CARD_SHOPS has shops in TEST mode in production (${testing.map(([regie]) => regie).join(', ')}): ` +
        'test payments would settle real baskets',
    );
  }
  if (testing.length)
    warn(`Card shops in TEST mode: ${testing.map(([regie]) => regie).join(', ')}`);
  return new CardShops(shops);
}

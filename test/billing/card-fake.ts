import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PaymentFormView } from '@portail/contracts';

/** A shop of the fake provider: its id and its two keys. */
export interface FakeCardShop {
  siteId: string;
  testKey: string;
  productionKey: string;
}

/** A `vads_trans_status` the fake notifies (the provider has more; these are the ones it sends). */
export type FakeTransStatus =
  | 'AUTHORISED'
  | 'CAPTURED'
  | 'REFUSED'
  | 'ABANDONED'
  | 'CANCELLED'
  | 'EXPIRED'
  | 'WAITING'
  | 'UNDER_VERIFICATION';

/** A form the fake's payment page accepted. */
export interface FakeCardTransaction {
  /** Shop, day and transaction id: unique, as the provider requires. */
  key: string;
  form: Record<string, string>;
}

/** A notification the fake posted, and what the merchant's server answered. */
export interface SentNotification {
  url: string;
  body: string;
  status: number;
  response: Record<string, unknown>;
}

/** The régie's shop in the card specs, named in CARD_SHOPS by the régie's PayFIP number. */
export const TEST_SHOP: FakeCardShop = {
  siteId: '12345678',
  testKey: 'TestKey1122334455667788abcdef',
  productionKey: 'ProdKey9988776655443322fedcba',
};

/** The portal's public API address the provider notifies (the fake delivers to the gateway). */
export const PORTAL_API_URL = 'https://portail.example.org/api/v1';

/** Billing's settings for baskets paid by card on the fake's page, TEST_SHOP being régie 000070's. */
export function cardProviderEnv(paymentPage: string): NodeJS.ProcessEnv {
  return {
    PAYMENT_PROVIDER_BASKETS: 'card',
    CARD_SHOPS: JSON.stringify({ '000070': { ...TEST_SHOP, mode: 'TEST' } }),
    CARD_PAYMENT_URL: paymentPage,
    CARD_PUBLIC_URL: PORTAL_API_URL,
    PAYMENT_RETURN_URL: 'https://portail.example.org',
  };
}

const REQUIRED: Record<string, RegExp> = {
  vads_action_mode: /^INTERACTIVE$/,
  vads_amount: /^[1-9]\d{0,11}$/,
  vads_ctx_mode: /^(TEST|PRODUCTION)$/,
  vads_currency: /^\d{3}$/,
  vads_page_action: /^PAYMENT$/,
  vads_payment_config: /^SINGLE$/,
  vads_site_id: /^\d{8}$/,
  vads_trans_date: /^\d{14}$/,
  vads_trans_id: /^[0-9a-z]{6}$/,
  vads_version: /^V2$/,
};
const OPTIONAL: Record<string, RegExp> = {
  vads_order_id: /^[A-Za-z0-9_-]{1,64}$/,
  vads_url_check: /^https?:\/\/\S+$/,
  vads_url_return: /^https?:\/\/\S+$/,
  vads_cust_email: /^[^@\s]+@[^@\s]+$/,
};

/** The provider's signature, written from its documentation (not billing's code). */
export function providerSignature(fields: Record<string, string>, key: string): string {
  const content = Object.keys(fields)
    .filter((name) => name.startsWith('vads_'))
    .sort()
    .reduce((text, name) => `${text}${fields[name]}+`, '');
  return createHmac('sha256', key)
    .update(content + key)
    .digest('base64');
}

/**
 * A fake of a PayZen / Systempay hosted payment page: a real HTTP server whose page refuses a
 * form as the provider does (fields and formats, a shop it knows, the signature with the key of
 * the form's mode, a transaction id used once per shop and day), and which posts signed
 * notifications (IPN) to the form's `vads_url_check`, form-encoded with the fields the provider
 * sends.
 */
export class FakeCardProvider {
  readonly transactions = new Map<string, FakeCardTransaction>();
  readonly formErrors: string[] = [];
  readonly sent: SentNotification[] = [];
  private server: Server | undefined;

  /**
   * `gatewayUrl` is where the test's gateway listens, asked when a notification leaves: the
   * portal's public address in `vads_url_check` is delivered there.
   */
  constructor(
    private readonly gatewayUrl: () => string,
    private readonly shops: FakeCardShop[] = [TEST_SHOP],
  ) {}

  private deliver(url: string): string {
    return url.replace(PORTAL_API_URL, `${this.gatewayUrl()}/api/v1`);
  }

  /** Starts the server; answers the payment page's address (the form's action). */
  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void this.page(request).then(({ status, text }) => {
        response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
        response.end(text);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/vads-payment/`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The family's browser posting the form the app received, as it is. */
  async post(form: PaymentFormView): Promise<{ status: number; text: string }> {
    const response = await fetch(form.action, {
      method: form.method,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form.fields).toString(),
    });
    return { status: response.status, text: await response.text() };
  }

  last(): FakeCardTransaction {
    return [...this.transactions.values()].at(-1)!;
  }

  /** The fields the provider notifies for what the family did (`overrides` forge some). */
  notificationFields(
    transaction: FakeCardTransaction,
    status: FakeTransStatus,
    overrides: Record<string, string> = {},
  ): Record<string, string> {
    const { form } = transaction;
    const paid = ['AUTHORISED', 'CAPTURED'].includes(status);
    const fields: Record<string, string> = {
      vads_action_mode: form.vads_action_mode,
      vads_amount: form.vads_amount,
      vads_auth_result: paid ? '00' : status === 'REFUSED' ? '05' : '',
      vads_card_brand: 'CB',
      vads_card_country: 'FR',
      vads_card_number: '497010XXXXXX0055',
      vads_ctx_mode: form.vads_ctx_mode,
      vads_currency: form.vads_currency,
      vads_effective_amount: form.vads_amount,
      vads_effective_currency: form.vads_currency,
      vads_expiry_month: '6',
      vads_expiry_year: '2029',
      vads_hash: randomBytes(32).toString('hex'),
      vads_language: 'fr',
      vads_operation_type: 'DEBIT',
      vads_order_id: form.vads_order_id ?? '',
      vads_page_action: form.vads_page_action,
      vads_payment_certificate: paid ? randomBytes(20).toString('hex') : '',
      vads_payment_config: form.vads_payment_config,
      vads_payment_src: 'EC',
      vads_result: paid ? '00' : status === 'REFUSED' ? '05' : '17',
      vads_sequence_number: '1',
      vads_site_id: form.vads_site_id,
      vads_trans_date: form.vads_trans_date,
      vads_trans_id: form.vads_trans_id,
      vads_trans_status: status,
      vads_trans_uuid: randomBytes(16).toString('hex'),
      vads_url_check_src: 'PAY',
      vads_version: form.vads_version,
      vads_warranty_result: paid ? 'YES' : '',
      ...overrides,
    };
    if (form.vads_cust_email) fields.vads_cust_email = form.vads_cust_email;
    return fields;
  }

  /** The provider's IPN, signed with the shop's key of the transaction's mode. */
  notify(
    transaction: FakeCardTransaction,
    status: FakeTransStatus,
    overrides: Record<string, string> = {},
  ): Promise<SentNotification> {
    const fields = this.notificationFields(transaction, status, overrides);
    return this.forge(transaction, fields, this.keyOf(transaction.form, fields.vads_ctx_mode));
  }

  /** A notification of these fields signed with any key (or a given signature). */
  forge(
    transaction: FakeCardTransaction,
    fields: Record<string, string>,
    key: string,
    signature = providerSignature(fields, key),
  ): Promise<SentNotification> {
    const body = new URLSearchParams({ ...fields, signature }).toString();
    return this.send(transaction.form.vads_url_check, body);
  }

  /** The same notification again, byte for byte (the provider retries until it gets a 200). */
  replay(notification: SentNotification): Promise<SentNotification> {
    return this.send(notification.url, notification.body, false);
  }

  keyOf(form: Record<string, string>, mode = form.vads_ctx_mode): string {
    const shop = this.shops.find((candidate) => candidate.siteId === form.vads_site_id)!;
    return mode === 'PRODUCTION' ? shop.productionKey : shop.testKey;
  }

  private async send(url: string, body: string, direct = true): Promise<SentNotification> {
    const target = direct ? this.deliver(url) : url;
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const text = await response.text();
    const sent: SentNotification = {
      url: target,
      body,
      status: response.status,
      response: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
    };
    this.sent.push(sent);
    return sent;
  }

  /** The payment page: the form checked as the provider checks it. */
  private async page(request: IncomingMessage): Promise<{ status: number; text: string }> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    try {
      if (request.method !== 'POST') throw new Error('The payment page takes a POSTed form');
      if (
        !String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')
      ) {
        throw new Error('The form is application/x-www-form-urlencoded');
      }
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      this.check(form);
      return {
        status: 200,
        text: `<html><body>Paiement de ${form.vads_amount} centimes</body></html>`,
      };
    } catch (error) {
      this.formErrors.push((error as Error).message);
      return { status: 400, text: `<html><body>${(error as Error).message}</body></html>` };
    }
  }

  private check(form: Record<string, string>): void {
    const { signature, ...fields } = form;
    for (const [name, rule] of Object.entries(REQUIRED)) {
      if (!rule.test(fields[name] ?? '')) throw new Error(`Bad ${name}: ${fields[name]}`);
    }
    for (const [name, value] of Object.entries(fields)) {
      const rule = REQUIRED[name] ?? OPTIONAL[name];
      if (!rule) throw new Error(`Unknown field ${name}`);
      if (!rule.test(value)) throw new Error(`Bad ${name}: ${value}`);
    }
    if (!this.shops.some((shop) => shop.siteId === fields.vads_site_id)) {
      throw new Error(`Unknown shop ${fields.vads_site_id}`);
    }
    if (signature !== providerSignature(fields, this.keyOf(fields))) {
      throw new Error('Signature invalid');
    }
    const key = `${fields.vads_site_id}-${fields.vads_trans_date.slice(0, 8)}-${fields.vads_trans_id}`;
    const known = this.transactions.get(key);
    // The same form posted again (the family came back) is the same transaction; another is not.
    if (known && JSON.stringify(known.form) !== JSON.stringify(fields)) {
      throw new Error(`Transaction ${fields.vads_trans_id} already used today`);
    }
    this.transactions.set(key, { key, form: fields });
  }
}

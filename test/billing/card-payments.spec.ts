import type { BasketView, PaymentView } from '@portail/contracts';
import { Clock } from '@portail/service-kit';
import { CardExpiryJob } from '../../services/billing/src/payments/card/card-expiry.job';
import { expectStatus } from '../support/directory-actors';
import { eventually } from '../support/eventually';
import type { Actor } from '../support/identity-actors';
import { aBookingAt, aRequestBooking, recordReservationEvent } from '../support/fake-reservation';
import {
  FakeCardProvider,
  PORTAL_API_URL as PUBLIC_URL,
  TEST_SHOP as SHOP,
  cardProviderEnv,
  providerSignature,
  type FakeCardTransaction,
} from './card-fake';
import {
  MEAL_CENTS,
  RUN_DAY,
  aPostBillingSystem,
  type BilledChild,
  type PostBillingFixture,
} from './postbilling-fixture';

const MINUTE = 60_000;
/**
 * Pre-billed baskets paid by card (PAYMENT_PROVIDER_BASKETS=card) against a fake PayZen /
 * Systempay payment page, through the gateway, on real PostgreSQL and NATS: billing answers a
 * signed form, and only a notification signed with the régie's shop key moves a payment, once.
 * The fixture's catering meals are pre-billed here (the booking events say so).
 */
describe('billing: card payments at booking', () => {
  let fixture: PostBillingFixture;
  let now = RUN_DAY;
  let fake: FakeCardProvider;
  let paymentPage: string;
  let day = 0;

  const call = <T>(method: string, path: string, actor: Actor) =>
    fixture.call<T>(method, path, actor);

  const count = (sql: string, params: unknown[]) => fixture.count(sql, params);

  const eventsOf = (type: string, paymentId: string) =>
    count('SELECT count(*)::int AS n FROM outbox WHERE type = $1 AND aggregate_id = $2', [
      type,
      paymentId,
    ]);

  /** A family with an open basket of one meal, another day each time. */
  async function aBasket(): Promise<{ family: Actor; basket: BasketView }> {
    const child: BilledChild = await fixture.aFamilyWithAChild(`Iris${(day += 1)}`);
    const booking = {
      ...aBookingAt(fixture.catering, child, `2026-11-${String(day + 3).padStart(2, '0')}`),
      billing: 'pre-billing' as const,
    };
    await recordReservationEvent(
      fixture.system,
      'reservation.request.recorded',
      aRequestBooking(booking),
    );
    const basket = await eventually(
      async () =>
        expectStatus(await call<BasketView[]>('GET', '/me/baskets', child.family), 200).find(
          (candidate) => candidate.status === 'open',
        ),
      'an open basket',
    );
    return { family: child.family, basket };
  }

  /** The family pays its basket: the form is answered, and its browser posts it to the page. */
  async function pay(
    family: Actor,
    basket: BasketView,
  ): Promise<{ payment: PaymentView; transaction: FakeCardTransaction }> {
    const payment = expectStatus(
      await call<PaymentView>('POST', `/me/baskets/${basket.id}/payments`, family),
      201,
    );
    expect((await fake.post(payment.paymentForm!)).status).toBe(200);
    return { payment, transaction: fake.last() };
  }

  const paymentOf = async (family: Actor, paymentId: string) =>
    expectStatus(await call<PaymentView>('GET', `/me/payments/${paymentId}`, family), 200);

  beforeAll(async () => {
    fake = new FakeCardProvider(() => fixture.system.gatewayUrl);
    paymentPage = await fake.start();
    fixture = await aPostBillingSystem(false, {
      BILLING_JOBS_ENABLED: 'false',
      ...cardProviderEnv(paymentPage),
    });
    jest
      .spyOn(fixture.system.service('billing').app.get(Clock), 'now')
      .mockImplementation(() => now);
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
    await fake?.close();
  });

  afterEach(() => {
    expect(fake.formErrors).toEqual([]);
  });

  it('answers a signed form the provider accepts; the return changes nothing; the IPN pays once, replayed ten times', async () => {
    const { family, basket } = await aBasket();
    const { payment, transaction } = await pay(family, basket);
    expect(payment).toMatchObject({
      state: 'waiting',
      method: 'card',
      amountCents: MEAL_CENTS,
      redirectUrl: null,
    });
    expect(payment.paymentForm).toMatchObject({ action: paymentPage, method: 'POST' });
    expect(payment.paymentForm!.fields).toMatchObject({
      vads_site_id: SHOP.siteId,
      vads_ctx_mode: 'TEST',
      vads_amount: String(MEAL_CENTS),
      vads_currency: '978',
      vads_order_id: payment.id,
      vads_trans_date: '20261103090000',
      vads_url_check: `${PUBLIC_URL}/card/notifications`,
      vads_url_return: `https://portail.example.org/paiements/${payment.id}`,
    });
    expect(payment.paymentForm!.fields.vads_trans_id).toMatch(/^[0-9a-z]{6}$/);
    expect(payment.paymentForm!.fields.signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(payment.providerReference).toBe(
      `${SHOP.siteId}-20261103090000-${payment.paymentForm!.fields.vads_trans_id}`,
    );
    // Paying again while it waits answers the same payment and the same form.
    expect(
      expectStatus(
        await call<PaymentView>('POST', `/me/baskets/${basket.id}/payments`, family),
        201,
      ),
    ).toEqual(payment);
    // The family comes back from the page: its page asks billing, which knows nothing new.
    expect((await paymentOf(family, payment.id)).state).toBe('waiting');

    const first = await fake.notify(transaction, 'AUTHORISED');
    expect([first.status, first.response]).toEqual([200, { paymentId: payment.id, state: 'paid' }]);
    const replays = await Promise.all(Array.from({ length: 10 }, () => fake.replay(first)));
    expect(replays.map((replay) => [replay.status, replay.response.state])).toEqual(
      Array.from({ length: 10 }, () => [200, 'paid']),
    );

    const paid = await paymentOf(family, payment.id);
    expect(paid).toMatchObject({ state: 'paid', invoiceId: basket.id, paymentForm: null });
    expect(paid.invoiceNumber).toEqual(expect.any(Number));
    expect(
      await count(`SELECT count(*)::int AS n FROM payments WHERE basket_id = $1`, [basket.id]),
    ).toBe(1);
    expect(
      await fixture.db.query('SELECT total_cents, paid_cents FROM invoices WHERE id = $1', [
        basket.id,
      ]),
    ).toEqual([{ total_cents: MEAL_CENTS, paid_cents: MEAL_CENTS }]);
    expect(await eventsOf('billing.payment.received', payment.id)).toBe(1);
    expect(await eventsOf('billing.invoice.issued', basket.id)).toBe(1);
    expect(
      await fixture.db.query(
        'SELECT notified_status, notification_count FROM card_transactions WHERE payment_id = $1',
        [payment.id],
      ),
    ).toEqual([{ notified_status: 'AUTHORISED', notification_count: 11 }]);
  });

  it('refuses a notification whose signature is wrong: 403 and nothing changes; the genuine refusal frees the basket', async () => {
    const { family, basket } = await aBasket();
    const { payment, transaction } = await pay(family, basket);
    const fields = fake.notificationFields(transaction, 'AUTHORISED');

    const attempts = [
      // Signed with a key that is not the shop's.
      await fake.forge(transaction, fields, 'NotTheShopKey00000000000000'),
      // The shop's key, but the amount changed after signing.
      await fake.forge(
        transaction,
        { ...fields, vads_amount: '1' },
        SHOP.testKey,
        providerSignature(fields, SHOP.testKey),
      ),
      // Signed with the production key while the shop is in TEST mode.
      await fake.forge(transaction, { ...fields, vads_ctx_mode: 'PRODUCTION' }, SHOP.productionKey),
      // A shop billing does not know.
      await fake.forge(transaction, { ...fields, vads_site_id: '87654321' }, SHOP.testKey),
    ];
    for (const attempt of attempts) {
      expect([attempt.status, attempt.response.code]).toEqual([403, 'CARD_NOTIFICATION_REFUSED']);
    }
    // Not even a signature: refused at the gateway.
    const unsigned = await fake.forge(transaction, fields, SHOP.testKey, 'not-base64');
    expect([unsigned.status, unsigned.response.code]).toEqual([400, 'VALIDATION_FAILED']);

    expect((await paymentOf(family, payment.id)).state).toBe('waiting');
    expect(
      await fixture.db.query(
        'SELECT notified_state, notification_count FROM card_transactions WHERE payment_id = $1',
        [payment.id],
      ),
    ).toEqual([{ notified_state: null, notification_count: 0 }]);
    expect(await eventsOf('billing.payment.received', payment.id)).toBe(0);
    expect(await eventsOf('billing.payment.failed', payment.id)).toBe(0);
    expect(
      fixture.system.logs.lines.some((line) =>
        line.msg?.startsWith('A card notification was refused'),
      ),
    ).toBe(true);

    const refused = await fake.notify(transaction, 'REFUSED');
    expect([refused.status, refused.response.state]).toEqual([200, 'denied']);
    expect(await eventsOf('billing.payment.failed', payment.id)).toBe(1);
    // The family may pay again: a new payment, a new transaction the provider accepts.
    const again = await pay(family, basket);
    expect(again.payment.id).not.toBe(payment.id);
    expect(again.transaction.key).not.toBe(transaction.key);
    expect((await fake.notify(again.transaction, 'CAPTURED')).response.state).toBe('paid');
  });

  it('takes no money when the notified amount, order or currency is not the payment’s', async () => {
    const { family, basket } = await aBasket();
    const { payment, transaction } = await pay(family, basket);
    const cheaper = await fake.notify(transaction, 'AUTHORISED', { vads_amount: '100' });
    expect([cheaper.status, cheaper.response.state]).toEqual([200, 'error']);
    expect(await count('SELECT count(*)::int AS n FROM invoices WHERE id = $1', [basket.id])).toBe(
      0,
    );
    expect(await eventsOf('billing.payment.received', payment.id)).toBe(0);
    expect(await eventsOf('billing.payment.failed', payment.id)).toBe(1);

    const other = await pay(family, basket);
    const elsewhere = await fake.notify(other.transaction, 'AUTHORISED', {
      vads_order_id: payment.id,
    });
    expect(elsewhere.response.state).toBe('error');
    const dollars = await pay(family, basket);
    expect(
      (await fake.notify(dollars.transaction, 'AUTHORISED', { vads_currency: '840' })).response
        .state,
    ).toBe('error');
    // A signed notification of a transaction billing never started changes nothing.
    const unknown = await fake.notify(dollars.transaction, 'AUTHORISED', {
      vads_trans_id: 'zzzzzz',
    });
    expect([unknown.status, unknown.response]).toEqual([200, { paymentId: null, state: null }]);
    expect(
      expectStatus(await call<BasketView[]>('GET', '/me/baskets', family), 200).find(
        (candidate) => candidate.id === basket.id,
      )?.status,
    ).toBe('open');
  });

  it('expires a payment left without a final notification past its lifetime; a late paid one is said, not applied', async () => {
    const { family, basket } = await aBasket();
    const { payment, transaction } = await pay(family, basket);
    // Still in progress at the provider: waiting.
    expect((await fake.notify(transaction, 'UNDER_VERIFICATION')).response.state).toBe('waiting');
    const job = fixture.system.service('billing').app.get(CardExpiryJob);
    now = new Date(now.getTime() + 19 * MINUTE);
    expect(await job.run(now)).toBe(0);
    now = new Date(now.getTime() + 2 * MINUTE);
    expect(await job.run(now)).toBe(1);
    expect((await paymentOf(family, payment.id)).state).toBe('expired');
    expect(await eventsOf('billing.payment.failed', payment.id)).toBe(1);

    const late = await fake.notify(transaction, 'AUTHORISED');
    expect([late.status, late.response.state]).toEqual([200, 'expired']);
    expect(await eventsOf('billing.payment.received', payment.id)).toBe(0);
    expect(
      fixture.system.logs.lines.some(
        (line) => line.level === 'error' && line.msg?.includes('a refund is due'),
      ),
    ).toBe(true);
  });

  it('never shows a shop key in answers, events or logs', async () => {
    const keys = [SHOP.testKey, SHOP.productionKey];
    const outbox = JSON.stringify(await fixture.db.query('SELECT envelope FROM outbox'));
    const payments = JSON.stringify(await fixture.db.query('SELECT * FROM payments'));
    const logs = JSON.stringify(fixture.system.logs.lines);
    const answers = JSON.stringify(fake.sent);
    for (const key of keys) {
      for (const text of [outbox, payments, logs, answers]) expect(text).not.toContain(key);
    }
    expect(logs).toContain('Card shops in TEST mode');
  });
});

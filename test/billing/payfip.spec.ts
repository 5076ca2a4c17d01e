import type {
  AccountView,
  PaymentView,
  PayfipOutcome,
  PayfipReconcileView,
} from '@portail/contracts';
import { CALLER_SIGNER, Clock, SERVICE_CONFIG, type CallerSigner } from '@portail/service-kit';
import type { BillingConfig } from '../../services/billing/src/config';
import { runPayfipReconcileCommand } from '../../services/billing/src/payments/payfip/payfip-reconcile-command';
import { PayfipReconcileJob } from '../../services/billing/src/payments/payfip/payfip-reconcile.job';
import { type JsonResponse } from '../identity/directory-support';
import { expectStatus } from '../support/directory-actors';
import { FakePayfip } from './payfip-fake';
import {
  RUN_DAY,
  aPostBillingSystem,
  type BilledChild,
  type PostBillingFixture,
} from './postbilling-fixture';

const OCTOBER = '2026-10';
const MINUTE = 60_000;
/** One family per test, each billed for October one meal, on the day of its number. */
const FAMILIES = 15;

/**
 * Post-billed invoices (October's run) paid online through PayFIP
 * (PAYMENT_PROVIDER_INVOICES=payfip) against a fake of its SOAP web service, through the gateway,
 * on real PostgreSQL and NATS: the notification and the return carry only the idop, billing asks
 * PayFIP and applies its answer once.
 */
describe('billing: PayFIP web service', () => {
  const payfip = new FakePayfip();
  let fixture: PostBillingFixture;
  let now = RUN_DAY;
  const unused: Array<{ child: BilledChild; invoiceId: string }> = [];
  /** The family of the current test and its October invoice. */
  let dumas: BilledChild;
  let invoiceId: string;

  /** PayFIP's notification as it sends it: a form with the idop, nothing else. */
  const notify = async (idop: string, field = 'idop'): Promise<JsonResponse<PayfipOutcome>> => {
    const response = await fetch(`${fixture.system.gatewayUrl}/api/v1/payfip/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ [field]: idop }).toString(),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: (text ? JSON.parse(text) : {}) as PayfipOutcome,
    };
  };

  const pay = async () =>
    expectStatus(
      await fixture.call<PaymentView>('POST', `/me/invoices/${invoiceId}/payments`, dumas.family),
      201,
    );

  const paymentOf = async (paymentId: string) =>
    expectStatus(
      await fixture.call<PaymentView>('GET', `/me/payments/${paymentId}`, dumas.family),
      200,
    );

  const invoice = async () =>
    expectStatus(
      await fixture.call<AccountView>('GET', '/me/invoices', dumas.family),
      200,
    ).invoices.find((item) => item.id === invoiceId)!;

  const receivedEvents = (paymentId: string) =>
    fixture.count(
      `SELECT count(*)::int AS n FROM outbox
       WHERE type = 'billing.payment.received' AND aggregate_id = $1`,
      [paymentId],
    );

  beforeAll(async () => {
    const endpoint = await payfip.start();
    fixture = await aPostBillingSystem(false, {
      PAYMENT_PROVIDER_INVOICES: 'payfip',
      PAYFIP_ENDPOINT: endpoint,
      PAYFIP_SAISIE: 'T',
      PAYFIP_PUBLIC_URL: 'https://portail.example.org/api/v1',
      PAYFIP_RECONCILE_INTERVAL_MS: '86400000',
      PAYMENT_RETURN_URL: 'https://portail.example.org',
    });
    jest
      .spyOn(fixture.system.service('billing').app.get(Clock), 'now')
      .mockImplementation(() => now);
    const children: BilledChild[] = [];
    for (let index = 1; index <= FAMILIES; index += 1) {
      const child = await fixture.aFamilyWithAChild(`Iris${'e'.repeat(index)}`);
      await fixture.attended(child, `2026-10-${String(index).padStart(2, '0')}`, 'present');
      children.push(child);
    }
    await fixture.lock(OCTOBER);
    const run = await fixture.run(OCTOBER, false);
    for (const child of children) {
      const billed = run.households.find((item) => item.householdId === child.householdId)!;
      unused.push({ child, invoiceId: billed.invoiceId! });
    }
  }, 180_000);

  beforeEach(() => {
    ({ child: dumas, invoiceId } = unused.shift()!);
  });

  afterAll(async () => {
    await fixture?.close();
    await payfip.close();
  });

  afterEach(() => {
    expect(payfip.shapeErrors).toEqual([]);
  });

  it('creates the PayFIP operation with the WSDL shape and sends the family to its page', async () => {
    const payment = await pay();
    const operation = payfip.last();
    expect(payment).toMatchObject({
      method: 'payfip',
      state: 'waiting',
      providerReference: operation.idOp,
      redirectUrl: `https://www.payfip.gouv.fr/tpa/paiementws.web?idop=${operation.idOp}`,
    });
    const { debtReference, totalCents } = await invoice();
    expect(operation.args).toEqual({
      exer: '2026',
      mel: expect.stringContaining('@') as string,
      montant: String(totalCents),
      numcli: '000070',
      objet: expect.stringMatching(/^Facture \d+$/) as string,
      refdet: debtReference.replace(/[^A-Za-z0-9]/g, ''),
      saisie: 'T',
      urlnotif: 'https://portail.example.org/api/v1/payfip/notifications',
      urlredirect: 'https://portail.example.org/api/v1/payfip/return',
    });
  });

  it('pays once when PayFIP notifies ten times that the card paid (V, then P alike)', async () => {
    const payment = await pay();
    payfip.settle(payment.providerReference!, 'V');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        notify(payment.providerReference!, index % 2 ? 'idOp' : 'idop'),
      ),
    );
    for (const answer of answers) {
      expect(expectStatus(answer, 200)).toEqual({
        paymentId: payment.id,
        state: 'paid',
        returnUrl: `https://portail.example.org/paiements/${payment.id}`,
      });
    }
    expect(await receivedEvents(payment.id)).toBe(1);
    const { totalCents, paidCents, status } = await invoice();
    expect({ paidCents, status }).toEqual({ paidCents: totalCents, status: 'paid' });
  });

  it('changes nothing for an idop billing did not start', async () => {
    const payments = `SELECT id, state FROM payments ORDER BY id`;
    const before = await fixture.db.query<unknown[]>(payments);
    const answer = expectStatus(await notify('ffffffff-0000-1111-2222-333333333333'), 200);
    expect(answer).toEqual({
      paymentId: null,
      state: null,
      returnUrl: 'https://portail.example.org/paiements',
    });
    expect(await fixture.db.query<unknown[]>(payments)).toEqual(before);
  });

  it.each([
    ['montant', { montant: '1' }],
    ['refdet', { refdet: '2026CA00999' }],
    ['numcli', { numcli: '000071' }],
  ])('records an error and no money when PayFIP answers another %s', async (_, overrides) => {
    const payment = await pay();
    payfip.settle(payment.providerReference!, 'P', overrides);
    expect(expectStatus(await notify(payment.providerReference!), 200).state).toBe('error');
    expect(await receivedEvents(payment.id)).toBe(0);
    expect(await invoice()).toMatchObject({ paidCents: 0 });
  });

  it('keeps a payment whose result PayFIP does not know yet (P5) waiting, then expires it after 20 minutes', async () => {
    const payment = await pay();
    expect(expectStatus(await notify(payment.providerReference!), 200).state).toBe('waiting');
    now = new Date(now.getTime() + 19 * MINUTE);
    const job = fixture.system.service('billing').app.get(PayfipReconcileJob);
    await job.runOnce();
    expect((await paymentOf(payment.id)).state).toBe('waiting');
    now = new Date(now.getTime() + 2 * MINUTE);
    expect(await job.runOnce()).toMatchObject({ ran: true });
    expect((await paymentOf(payment.id)).state).toBe('expired');
    expect(await invoice()).toMatchObject({ paidCents: 0 });
    // Notification e-mails the family from this event (its expiry, as any failure).
    expect(
      await fixture.db.query<Array<{ state: string }>>(
        `SELECT envelope->'payload'->>'state' AS state FROM outbox
         WHERE type = 'billing.payment.failed' AND aggregate_id = $1`,
        [payment.id],
      ),
    ).toEqual([{ state: 'expired' }]);
  });

  it('records the family abandoning on PayFIP (A) as cancelled and sends it back to its payment', async () => {
    const payment = await pay();
    payfip.settle(payment.providerReference!, 'A');
    const response = await fetch(
      `${fixture.system.gatewayUrl}/api/v1/payfip/return?idop=${payment.providerReference}`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `https://portail.example.org/paiements/${payment.id}`,
    );
    expect((await paymentOf(payment.id)).state).toBe('cancelled');
  });

  it('sends the family back to its payment, still waiting, when PayFIP cannot be asked', async () => {
    const payment = await pay();
    payfip.settle(payment.providerReference!, 'P');
    payfip.downForNextRequest = true;
    const response = await fetch(
      `${fixture.system.gatewayUrl}/api/v1/payfip/return?idOp=${payment.providerReference}`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `https://portail.example.org/paiements/${payment.id}`,
    );
    expect(await receivedEvents(payment.id)).toBe(0);
    expect(expectStatus(await notify(payment.providerReference!), 200).state).toBe('paid');
  });

  it('expires an operation PayFIP no longer knows (P1)', async () => {
    const payment = await pay();
    payfip.operations.delete(payment.providerReference!);
    expect(expectStatus(await notify(payment.providerReference!), 200).state).toBe('expired');
  });

  it('lists and retries the payments still waiting (the operator command, over NATS)', async () => {
    const payment = await pay();
    const config = fixture.system.service('billing').app.get<BillingConfig>(SERVICE_CONFIG);
    // As `main.js payfip-reconcile` does: signed with billing's own key (operator subjects).
    const nats = {
      url: config.NATS_URL,
      subjectPrefix: config.NATS_SUBJECT_PREFIX,
      signer: fixture.system.service('billing').app.get<CallerSigner>(CALLER_SIGNER),
    };
    const printed: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      expect(await runPayfipReconcileCommand(nats, ['--list'])).toBe(0);
      const listed = JSON.parse(printed.pop()!) as Array<{ paymentId: string; idOp: string }>;
      expect(listed).toContainEqual(
        expect.objectContaining({ paymentId: payment.id, idOp: payment.providerReference }),
      );
      payfip.settle(payment.providerReference!, 'P');
      expect(await runPayfipReconcileCommand(nats, [])).toBe(0);
      const result = JSON.parse(printed.pop()!) as PayfipReconcileView;
      expect(result.settled).toContainEqual({ paymentId: payment.id, state: 'paid' });
      expect(await runPayfipReconcileCommand(nats, ['--older-than', 'soon'])).toBe(2);
    } finally {
      stdout.mockRestore();
    }
    const { totalCents, paidCents, status } = await invoice();
    expect({ paidCents, status }).toEqual({ paidCents: totalCents, status: 'paid' });
  });

  it('ends a payment PayFIP refuses to open (A2) in error, and lets the family start again', async () => {
    payfip.refuseNextCreation = 'A2';
    const refused = await fixture.call<{ code: string }>(
      'POST',
      `/me/invoices/${invoiceId}/payments`,
      dumas.family,
    );
    expect(refused.status).toBe(502);
    expect(refused.body.code).toBe('PAYMENT_PROVIDER_FAILED');
    expect(
      await fixture.count(
        `SELECT count(*)::int AS n FROM payments WHERE invoice_id = $1 AND state = 'error'`,
        [invoiceId],
      ),
    ).toBe(1);
    expect(await pay()).toMatchObject({ state: 'waiting', providerReference: payfip.last().idOp });
  });

  it('keeps a payment PayFIP could not be reached for waiting, opens it again with the job, then expires it', async () => {
    payfip.downForNextRequest = true;
    const path = `/me/invoices/${invoiceId}/payments`;
    expect((await fixture.call('POST', path, dumas.family)).status).toBe(502);
    const [stuck] = await fixture.db.query<Array<{ id: string; provider_reference: null }>>(
      `SELECT id, provider_reference FROM payments WHERE invoice_id = $1 AND state = 'waiting'`,
      [invoiceId],
    );
    expect(stuck.provider_reference).toBeNull();
    const job = fixture.system.service('billing').app.get(PayfipReconcileJob);
    now = new Date(now.getTime() + 10 * MINUTE);
    await job.runOnce();
    expect((await paymentOf(stuck.id)).providerReference).toBe(payfip.last().idOp);
    now = new Date(now.getTime() + 11 * MINUTE);
    await job.runOnce();
    expect((await paymentOf(stuck.id)).state).toBe('expired');
  });

  it.each([
    ['without idop', ''],
    ['with an idop that is not one', '?idop=%3Cscript%3E'],
  ])('refuses a notification %s (400)', async (_, query) => {
    const response = await fetch(
      `${fixture.system.gatewayUrl}/api/v1/payfip/notifications${query}`,
      {
        method: 'POST',
      },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
  });
});

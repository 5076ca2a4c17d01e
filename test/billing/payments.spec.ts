import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type {
  AccountView,
  BasketView,
  BookingEventBase,
  InvoicePage,
  PaymentPage,
  PaymentView,
  RegieView,
} from '@portail/contracts';
import { Clock, SERVICE_CONFIG } from '@portail/service-kit';
import type { TestSystem } from '@portail/testing';
import { BasketExpiry } from '../../services/billing/src/baskets/basket-expiry.job';
import type { BillingConfig } from '../../services/billing/src/config';
import { InvoiceIssuer } from '../../services/billing/src/invoices/invoice-issuer';
import { RegieStore } from '../../services/billing/src/regies/regie-store';
import { api, type JsonResponse } from '../identity/directory-support';
import {
  anAgent,
  anOrganisation,
  expectStatus,
  serviceOf,
  type Agent,
  type Organisation,
} from '../support/directory-actors';
import { eventually } from '../support/eventually';
import { aHouseholdOf } from '../support/households';
import { aFamily, anAdmin, type Actor } from '../support/identity-actors';
import {
  aBooking,
  aRequestBooking,
  recordReservationEvent,
  startBillingSystem,
} from '../support/fake-reservation';

/** Thursday 3 December 2026, 10:00 in Paris: billing's clock, moved by the tests. */
const START = new Date('2026-12-03T09:00:00Z');
const MINUTE = 60_000;

/** Wednesdays at the leisure centre, pre-billed: 12,50 € a day. */
const WEDNESDAY_TARIFF = {
  activityCode: 'mercredis',
  unitCode: 'journee',
  label: 'Accueil de loisirs du mercredi - journée',
  validFrom: '2026-09-01',
  validUntil: '2027-08-31',
  brackets: [{ upToQuotient: null, residentCents: 1250, nonResidentCents: 1250 }],
  siblingReductionPercents: [],
  lateCancellationPercent: 100,
  unjustifiedAbsencePercent: 100,
  unexpectedPresencePercent: 100,
};

interface Family {
  actor: Actor;
  householdId: string;
  childId: string;
}

/**
 * Payments against invoices (at the counter, online with the sandbox provider) and pre-billed
 * baskets, through the gateway, on real PostgreSQL and NATS; reservation's booking events come
 * from the fake producer.
 */
describe('billing: payments and pre-billed baskets', () => {
  let system: TestSystem;
  let db: DataSource;
  let now = START;
  let admin: Actor;
  let vichy: Organisation;
  let cusset: Organisation;
  let regie: RegieView;
  let careAgent: Agent;
  let cussetAgent: Agent;
  let dumas: Family;
  let martin: Family;
  /** Each test invoice bills a month of its own (one post-billed invoice per household and month). */
  let invoices = 0;

  const call = <T>(
    method: string,
    path: string,
    actor?: Actor,
    body?: unknown,
  ): Promise<JsonResponse<T>> =>
    api<T>(system, method, path, { headers: actor?.authorization, body });

  const move = (minutes: number) => {
    now = new Date(now.getTime() + minutes * MINUTE);
  };

  /** An invoice of `totalCents` issued to the household today (one line). */
  async function anInvoice(family: Family, totalCents: number): Promise<string> {
    const app = system.service('billing').app;
    const issued = await app.get(InvoiceIssuer).issue({
      regie: await app.get(RegieStore).load(regie.id),
      month: `${2000 + (invoices += 1)}-11`,
      statement: {
        householdId: family.householdId,
        totalCents,
        lines: [
          {
            childId: family.childId,
            childName: 'DUMAS Iris',
            kind: 'present',
            label: WEDNESDAY_TARIFF.label,
            quantity: 1,
            unitPriceCents: totalCents,
            amountCents: totalCents,
            note: null,
          },
        ],
      },
      addressee: { name: 'DUMAS Camille', addressLines: ['3 rue de Paris', '03200 Vichy'] },
      accountIds: [family.actor.accountId],
      issuedOn: '2026-12-03',
      issuedBy: admin.accountId,
      issuedAt: now,
    });
    return issued.invoiceId;
  }

  async function aFamilyWithAChild(firstName: string): Promise<Family> {
    const actor = await aFamily(system);
    const householdId = await aHouseholdOf(system, actor);
    const childId = expectStatus(
      await call<{ id: string }>('POST', `/households/${householdId}/children`, actor, {
        firstName,
        lastName: 'Dumas',
        birthDate: '2018-04-02',
        sex: 'female',
      }),
      201,
    ).id;
    await eventually(
      async () =>
        (
          await db.query<unknown[]>(
            `SELECT 1 FROM children c JOIN households h ON h.id = c.household_id
             WHERE c.id = $1 AND h.guardians @> $2::jsonb`,
            [childId, JSON.stringify([{ accountId: actor.accountId }])],
          )
        ).length > 0,
      "billing's copy of the family",
    );
    return { actor, householdId, childId };
  }

  const invoiceOf = async (family: Family, invoiceId: string) =>
    expectStatus(await call<AccountView>('GET', '/me/invoices', family.actor), 200).invoices.find(
      (invoice) => invoice.id === invoiceId,
    )!;

  const outboxOf = <T>(type: string, aggregateId: string) =>
    db.query<Array<{ payload: T }>>(
      `SELECT envelope->'payload' AS payload FROM outbox WHERE type = $1 AND aggregate_id = $2
       ORDER BY sequence`,
      [type, aggregateId],
    );

  const counter = (agent: Agent, invoiceId: string, body: Record<string, unknown>) =>
    call<PaymentView & { code: string; detail: string }>(
      'POST',
      `/agent/invoices/${invoiceId}/payments`,
      agent.actor,
      body,
    );

  const settle = (family: Family, paymentId: string, outcome: string) =>
    call<PaymentView>('POST', `/me/payments/${paymentId}/sandbox`, family.actor, { outcome });

  beforeAll(async () => {
    system = await startBillingSystem({
      RATE_LIMIT_PER_MINUTE: '100000',
      DATABASE_POOL_SIZE: '30',
      BILLING_JOBS_ENABLED: 'false',
    });
    db = system.service('billing').app.get(DataSource);
    jest.spyOn(system.service('billing').app.get(Clock), 'now').mockImplementation(() => now);
    admin = await anAdmin(system);
    vichy = await anOrganisation(system, admin, 'Vichy', ['school-catering', 'out-of-school-care']);
    cusset = await anOrganisation(system, admin, 'Cusset', ['out-of-school-care']);
    careAgent = await anAgent(system, admin, vichy, ['out-of-school-care']);
    cussetAgent = await anAgent(system, admin, cusset, ['out-of-school-care'], 'Sacha');
    regie = expectStatus(
      await call<RegieView>('POST', '/agent/regies', admin, {
        name: 'Affaires Scolaires de Vichy',
        organisationId: vichy.id,
        municipalServiceIds: [serviceOf(vichy, 'out-of-school-care')],
        treasuryAddress: ['CDFIP de CUSSET - Trésorerie de Vichy', '03307 CUSSET Cedex'],
        payfipCollectivityNumber: '000070',
        debtReferenceFormat: '{year}-CA-00-{number}',
        dueDateRule: { kind: 'days-after-issue', days: 30 },
      }),
      201,
    );
    expectStatus(
      await call('POST', `/agent/regies/${regie.id}/tariffs`, admin, WEDNESDAY_TARIFF),
      201,
    );
    dumas = await aFamilyWithAChild('Iris');
    martin = await aFamilyWithAChild('Jade');
  }, 120_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await system?.close();
  });

  describe('at the counter', () => {
    it('records a cheque by an agent of the régie: the invoice is partly paid, then paid', async () => {
      const invoiceId = await anInvoice(dumas, 3646);
      const cheque = expectStatus(
        await counter(careAgent, invoiceId, {
          method: 'cheque',
          amountCents: 2000,
          receivedOn: '2026-12-02',
          chequeNumber: '0001234',
          note: 'Remis au guichet',
        }),
        201,
      );
      expect(cheque).toMatchObject({
        invoiceId,
        method: 'cheque',
        amountCents: 2000,
        state: 'paid',
        chequeNumber: '0001234',
        receivedOn: '2026-12-02',
        recordedBy: careAgent.actor.accountId,
      });
      expect(await invoiceOf(dumas, invoiceId)).toMatchObject({
        status: 'partly-paid',
        paidCents: 2000,
        balanceCents: 1646,
      });
      expectStatus(
        await counter(careAgent, invoiceId, {
          method: 'cash',
          amountCents: 1646,
          receivedOn: '2026-12-03',
        }),
        201,
      );
      expect(await invoiceOf(dumas, invoiceId)).toMatchObject({ status: 'paid', balanceCents: 0 });
      // The family's account and the agent's view of it list the payments of every kind.
      const account = expectStatus(
        await call<AccountView>('GET', '/me/invoices', dumas.actor),
        200,
      );
      expect(
        account.payments.filter((payment) => payment.invoiceId === invoiceId).map((p) => p.method),
      ).toEqual(['cash', 'cheque']);
      const agentView = expectStatus(
        await call<AccountView>(
          'GET',
          `/agent/regies/${regie.id}/households/${dumas.householdId}/account`,
          careAgent.actor,
        ),
        200,
      );
      expect(agentView.payments.map((payment) => payment.id)).toContain(cheque.id);
      const received = await outboxOf<{ amountCents: number; invoiceBalanceCents: number }>(
        'billing.payment.received',
        cheque.id,
      );
      expect(received[0].payload).toMatchObject({
        invoiceId,
        householdId: dumas.householdId,
        accountIds: [dumas.actor.accountId],
        method: 'cheque',
        amountCents: 2000,
        invoiceBalanceCents: 1646,
        regieName: 'Affaires Scolaires de Vichy',
      });
      // The listing filters on the same rule as the view.
      const paid = expectStatus(
        await call<InvoicePage>(
          'GET',
          `/agent/regies/${regie.id}/invoices?status=paid&householdId=${dumas.householdId}`,
          careAgent.actor,
        ),
        200,
      );
      expect(paid.items.map((invoice) => invoice.id)).toContain(invoiceId);
    });

    it('refuses more than the balance with 409 in French, and nothing on a paid invoice', async () => {
      const invoiceId = await anInvoice(dumas, 1000);
      const refused = await counter(careAgent, invoiceId, {
        method: 'cash',
        amountCents: 1001,
        receivedOn: '2026-12-03',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('PAYMENT_EXCEEDS_BALANCE');
      expect(refused.body.detail).toContain('10,00 €');
      expectStatus(
        await counter(careAgent, invoiceId, {
          method: 'cash',
          amountCents: 1000,
          receivedOn: '2026-12-03',
        }),
        201,
      );
      const nothing = await counter(careAgent, invoiceId, {
        method: 'cash',
        amountCents: 1,
        receivedOn: '2026-12-03',
      });
      expect([nothing.status, nothing.body.code]).toEqual([409, 'NOTHING_TO_PAY']);
    });

    it('never overpays when payments race on one invoice', async () => {
      const invoiceId = await anInvoice(dumas, 4000);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          counter(careAgent, invoiceId, {
            method: 'cash',
            amountCents: 1000,
            receivedOn: '2026-12-03',
          }),
        ),
      );
      expect(answers.filter((answer) => answer.status === 201)).toHaveLength(4);
      expect(
        answers.filter((answer) => answer.status === 409).map((answer) => answer.body.code),
      ).toEqual(Array.from({ length: 6 }, () => 'NOTHING_TO_PAY'));
      const [row] = await db.query<Array<{ paid_cents: number; payments: number }>>(
        `SELECT paid_cents, (SELECT sum(amount_cents)::int FROM payments WHERE invoice_id = $1)
           AS payments FROM invoices WHERE id = $1`,
        [invoiceId],
      );
      expect(row).toEqual({ paid_cents: 4000, payments: 4000 });
    });

    it("answers 404 for another régie's invoice, 403 to a family, 400 in French for bad input", async () => {
      const invoiceId = await anInvoice(dumas, 1500);
      const body = { method: 'cash', amountCents: 500, receivedOn: '2026-12-03' };
      const other = await counter(cussetAgent, invoiceId, body);
      expect([other.status, other.body.code]).toEqual([404, 'INVOICE_NOT_FOUND']);
      const unknown = await counter(careAgent, uuidv7(), body);
      expect([unknown.status, unknown.body.code]).toEqual([404, 'INVOICE_NOT_FOUND']);
      const family = await call('POST', `/agent/invoices/${invoiceId}/payments`, dumas.actor, body);
      expect(family.status).toBe(403);
      const bad = await counter(careAgent, invoiceId, {
        method: 'card',
        amountCents: 0,
        receivedOn: '2026-02-30',
      });
      expect(bad.status).toBe(400);
      expect(bad.contentType).toContain('application/problem+json');
      expect(JSON.stringify(bad.body)).toContain('Le moyen de paiement au guichet');
      expect(JSON.stringify(bad.body)).toContain('Le montant est d’au moins 1 centime.');
      const badId = await counter(careAgent, 'pas-un-identifiant', body);
      expect(badId.status).toBe(400);
    });
  });

  describe('online, with the sandbox provider', () => {
    it('starts a payment of the balance, answers it again, and applies what the provider says', async () => {
      const invoiceId = await anInvoice(dumas, 2480);
      const started = expectStatus(
        await call<PaymentView>('POST', `/me/invoices/${invoiceId}/payments`, dumas.actor),
        201,
      );
      expect(started).toMatchObject({ state: 'waiting', amountCents: 2480, method: 'card' });
      expect(started.redirectUrl).toContain(`sandbox=${started.providerReference}`);
      const again = expectStatus(
        await call<PaymentView>('POST', `/me/invoices/${invoiceId}/payments`, dumas.actor),
        201,
      );
      expect(again.id).toBe(started.id);
      // While it waits, the counter may not take what is promised.
      const blocked = await counter(careAgent, invoiceId, {
        method: 'cash',
        amountCents: 100,
        receivedOn: '2026-12-03',
      });
      expect([blocked.status, blocked.body.code]).toEqual([409, 'NOTHING_TO_PAY']);

      const denied = expectStatus(await settle(dumas, started.id, 'denied'), 200);
      expect(denied.state).toBe('denied');
      expect((await outboxOf('billing.payment.failed', started.id))[0].payload).toMatchObject({
        state: 'denied',
        invoiceId,
        amountCents: 2480,
      });
      expect(await invoiceOf(dumas, invoiceId)).toMatchObject({ status: 'issued', paidCents: 0 });

      const second = expectStatus(
        await call<PaymentView>('POST', `/me/invoices/${invoiceId}/payments`, dumas.actor),
        201,
      );
      expect(second.id).not.toBe(started.id);
      expect(expectStatus(await settle(dumas, second.id, 'paid'), 200).state).toBe('paid');
      // Asked again, the provider's answer is applied once only.
      expect(
        expectStatus(await call<PaymentView>('GET', `/me/payments/${second.id}`, dumas.actor), 200),
      ).toMatchObject({ state: 'paid', redirectUrl: null });
      expect(await invoiceOf(dumas, invoiceId)).toMatchObject({
        status: 'paid',
        paidCents: 2480,
        balanceCents: 0,
      });
      expect(await outboxOf('billing.payment.received', second.id)).toHaveLength(1);
      const done = await call<{ code: string }>(
        'POST',
        `/me/invoices/${invoiceId}/payments`,
        dumas.actor,
      );
      expect([done.status, done.body.code]).toEqual([409, 'NOTHING_TO_PAY']);
    });

    it('expires a payment left waiting past the provider lifetime, asked by the Clock', async () => {
      const invoiceId = await anInvoice(dumas, 900);
      const started = expectStatus(
        await call<PaymentView>('POST', `/me/invoices/${invoiceId}/payments`, dumas.actor),
        201,
      );
      move(21);
      // Asked again after its lifetime, the payment is found expired and a new one starts.
      const renewed = expectStatus(
        await call<PaymentView>('POST', `/me/invoices/${invoiceId}/payments`, dumas.actor),
        201,
      );
      expect(renewed).toMatchObject({ state: 'waiting', amountCents: 900 });
      expect(renewed.id).not.toBe(started.id);
      expect(
        expectStatus(await call<PaymentView>('GET', `/me/payments/${started.id}`, dumas.actor), 200)
          .state,
      ).toBe('expired');
      expect((await outboxOf('billing.payment.failed', started.id))[0].payload).toMatchObject({
        state: 'expired',
      });
    });

    it("answers 404 for another family's invoice or payment, 403 to an agent", async () => {
      const invoiceId = await anInvoice(dumas, 700);
      const other = await call<{ code: string }>(
        'POST',
        `/me/invoices/${invoiceId}/payments`,
        martin.actor,
      );
      expect([other.status, other.body.code]).toEqual([404, 'INVOICE_NOT_FOUND']);
      const started = expectStatus(
        await call<PaymentView>('POST', `/me/invoices/${invoiceId}/payments`, dumas.actor),
        201,
      );
      const read = await call<{ code: string }>('GET', `/me/payments/${started.id}`, martin.actor);
      expect([read.status, read.body.code]).toEqual([404, 'PAYMENT_NOT_FOUND']);
      const paid = await settle(martin, started.id, 'paid');
      expect(paid.status).toBe(404);
      expect((await call('GET', `/me/payments/${started.id}`, careAgent.actor)).status).toBe(403);
      const bad = await call<{ code: string }>(
        'POST',
        `/me/payments/${started.id}/sandbox`,
        dumas.actor,
        { outcome: 'maybe' },
      );
      expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      for (const path of ['/me/payments/pas-un-paiement', '/me/invoices/pas-une-facture/pdf']) {
        const badId = await call<{ code: string; detail: string }>('GET', path, dumas.actor);
        expect([badId.status, badId.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      const badBasket = await call<{ code: string; errors?: unknown }>(
        'POST',
        '/me/baskets/pas-un-panier/payments',
        dumas.actor,
      );
      expect([badBasket.status, badBasket.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(JSON.stringify(badBasket.body)).toContain("L'identifiant du panier");
      expect(
        expectStatus(await call<PaymentView>('GET', `/me/payments/${started.id}`, dumas.actor), 200)
          .state,
      ).toBe('waiting');
    });

    it('has no sandbox page in production', async () => {
      const invoiceId = await anInvoice(dumas, 600);
      const started = expectStatus(
        await call<PaymentView>('POST', `/me/invoices/${invoiceId}/payments`, dumas.actor),
        201,
      );
      const config = system.service('billing').app.get<symbol, BillingConfig>(SERVICE_CONFIG);
      config.NODE_ENV = 'production';
      try {
        const refused = await call<{ code: string }>(
          'POST',
          `/me/payments/${started.id}/sandbox`,
          dumas.actor,
          { outcome: 'paid' },
        );
        expect([refused.status, refused.body.code]).toEqual([404, 'PAYMENT_SANDBOX_DISABLED']);
      } finally {
        config.NODE_ENV = 'test';
      }
      expect((await invoiceOf(dumas, invoiceId)).status).toBe('issued');
    });
  });

  describe("the régie's payments", () => {
    type PaymentList = PaymentPage & { code: string; detail: string };
    const list = (agent: Actor, query: string) =>
      call<PaymentList>('GET', `/agent/regies/${regie.id}/payments${query}`, agent);

    it('lists every kind with its provider, state and reference, filtered, and sums what was paid', async () => {
      const invoiceId = await anInvoice(martin, 1200);
      const cheque = expectStatus(
        await counter(careAgent, invoiceId, {
          method: 'cheque',
          amountCents: 200,
          receivedOn: '2026-11-30',
          chequeNumber: '0009876',
        }),
        201,
      );
      const online = expectStatus(
        await call<PaymentView>('POST', `/me/invoices/${invoiceId}/payments`, martin.actor),
        201,
      );
      expectStatus(await settle(martin, online.id, 'denied'), 200);

      const all = expectStatus(
        await list(careAgent.actor, `?householdId=${martin.householdId}`),
        200,
      );
      expect(all.items.map((payment) => [payment.id, payment.provider, payment.state])).toEqual([
        [online.id, 'sandbox', 'denied'],
        [cheque.id, null, 'paid'],
      ]);
      expect(all.items[0].providerReference).toBe(online.providerReference);
      expect(all).toMatchObject({ total: 2, paidCents: 200, page: 1, pageSize: 50 });

      const denied = expectStatus(
        await list(careAgent.actor, `?state=denied&method=card&householdId=${martin.householdId}`),
        200,
      );
      expect(denied.items.map((payment) => payment.id)).toEqual([online.id]);
      // The day a counter payment was received, in the régie's books.
      const day = expectStatus(
        await list(careAgent.actor, '?method=cheque&from=2026-11-30&to=2026-11-30'),
        200,
      );
      expect(day.items.map((payment) => payment.id)).toEqual([cheque.id]);
      expect(day.paidCents).toBe(200);
      const everything = expectStatus(await list(careAgent.actor, '?pageSize=200'), 200);
      expect(everything.paidCents).toBe(
        everything.items
          .filter((payment) => payment.state === 'paid')
          .reduce((sum, payment) => sum + payment.amountCents, 0),
      );
    });

    it('answers only the agents of the régie, and 400 in French for bad filters', async () => {
      expect((await list(cussetAgent.actor, '')).status).toBe(403);
      expect((await list(dumas.actor, '')).status).toBe(403);
      const badMethod = await list(careAgent.actor, '?method=bitcoin');
      expect([badMethod.status, badMethod.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(JSON.stringify(badMethod.body)).toContain('Le moyen de paiement est l');
      const badDay = await list(careAgent.actor, '?from=2026-02-30');
      expect(badDay.status).toBe(400);
      expect((await list(careAgent.actor, '?pageSize=100000')).status).toBe(400);
    });
  });

  describe('pre-billed baskets', () => {
    const wednesday = (family: Family, day: string): BookingEventBase =>
      aBooking({
        organisationId: vichy.id,
        municipalServiceId: serviceOf(vichy, 'out-of-school-care'),
        activityCode: 'mercredis',
        unitCode: 'journee',
        day,
        childId: family.childId,
        householdId: family.householdId,
        billing: 'pre-billing',
      });

    const booked = (booking: BookingEventBase) =>
      recordReservationEvent(system, 'reservation.request.recorded', aRequestBooking(booking));

    const cancelled = (booking: BookingEventBase) =>
      recordReservationEvent(system, 'reservation.booking.cancelled', {
        ...booking,
        late: false,
        cause: 'family',
        previousStatus: 'booked',
      });

    const openBasket = (family: Family, items: number) =>
      eventually(async () => {
        const baskets = expectStatus(
          await call<BasketView[]>('GET', '/me/baskets', family.actor),
          200,
        );
        return baskets.find((basket) => basket.status === 'open' && basket.items.length === items);
      }, `an open basket of ${items} days`);

    const lastNumber = async () =>
      (
        await db.query<Array<{ n: number }>>(
          'SELECT coalesce(max(number), 0)::int AS n FROM invoices WHERE regie_id = $1',
          [regie.id],
        )
      )[0].n;

    it('fills a basket with booked days at the tariff, drops a cancelled one, and pays it: an invoice issued, numbered and paid', async () => {
      const first = wednesday(dumas, '2026-12-09');
      const second = wednesday(dumas, '2026-12-16');
      await booked(first);
      await booked(second);
      let basket = await openBasket(dumas, 2);
      expect(basket).toMatchObject({
        regieId: regie.id,
        totalCents: 2500,
        expiresAt: new Date(now.getTime() + 60 * MINUTE).toISOString(),
        invoiceNumber: null,
      });
      expect(basket.items[0]).toMatchObject({
        day: '2026-12-09',
        unitPriceCents: 1250,
        label: WEDNESDAY_TARIFF.label,
        childName: 'DUMAS Iris',
      });
      await cancelled(second);
      basket = await openBasket(dumas, 1);
      expect(basket.totalCents).toBe(1250);

      const other = await call<{ code: string }>(
        'POST',
        `/me/baskets/${basket.id}/payments`,
        martin.actor,
      );
      expect([other.status, other.body.code]).toEqual([404, 'BASKET_NOT_FOUND']);
      expect(
        expectStatus(await call<BasketView[]>('GET', '/me/baskets', martin.actor), 200),
      ).toEqual([]);

      const before = await lastNumber();
      const payment = expectStatus(
        await call<PaymentView>('POST', `/me/baskets/${basket.id}/payments`, dumas.actor),
        201,
      );
      expect(payment).toMatchObject({
        state: 'waiting',
        amountCents: 1250,
        basketId: basket.id,
        invoiceId: basket.id,
        invoiceNumber: null,
      });
      // A day booked while the payment waits goes to a new basket.
      await booked(wednesday(dumas, '2027-01-06'));
      const next = await eventually(async () => {
        const baskets = expectStatus(
          await call<BasketView[]>('GET', '/me/baskets', dumas.actor),
          200,
        );
        return baskets.find((candidate) => candidate.id !== basket.id);
      }, 'a second basket');
      expect(next.items.map((item) => item.day)).toEqual(['2027-01-06']);

      const paid = expectStatus(await settle(dumas, payment.id, 'paid'), 200);
      expect(paid).toMatchObject({
        state: 'paid',
        invoiceId: basket.id,
        invoiceNumber: before + 1,
      });
      const invoice = await invoiceOf(dumas, basket.id);
      expect(invoice).toMatchObject({
        number: before + 1,
        status: 'paid',
        totalCents: 1250,
        paidCents: 1250,
        lines: [expect.objectContaining({ quantity: 1, unitPriceCents: 1250, amountCents: 1250 })],
      });
      const baskets = expectStatus(
        await call<BasketView[]>('GET', '/me/baskets', dumas.actor),
        200,
      );
      expect(baskets.find((candidate) => candidate.id === basket.id)).toMatchObject({
        status: 'paid',
        invoiceNumber: before + 1,
      });
      expect((await outboxOf('billing.invoice.issued', basket.id))[0].payload).toMatchObject({
        invoiceId: basket.id,
        number: before + 1,
        totalCents: 1250,
      });
      expect((await outboxOf('billing.payment.received', payment.id))[0].payload).toMatchObject({
        basketId: basket.id,
        invoiceNumber: before + 1,
        invoiceBalanceCents: 0,
      });
      const again = await call<{ code: string }>(
        'POST',
        `/me/baskets/${basket.id}/payments`,
        dumas.actor,
      );
      expect([again.status, again.body.code]).toEqual([409, 'NOTHING_TO_PAY']);
    });

    it('expires an unpaid basket after the delay: its bookings in the event, no number taken', async () => {
      const expiry = system.service('billing').app.get(BasketExpiry);
      const booking = wednesday(martin, '2026-12-09');
      await booked(booking);
      const basket = await openBasket(martin, 1);
      move(59);
      await expiry.runOnce();
      expect((await openBasket(martin, 1)).id).toBe(basket.id);

      // A payment under way holds the basket until the provider answers.
      const payment = expectStatus(
        await call<PaymentView>('POST', `/me/baskets/${basket.id}/payments`, martin.actor),
        201,
      );
      move(2);
      await expiry.runOnce();
      expect((await openBasket(martin, 1)).id).toBe(basket.id);
      const before = await lastNumber();
      move(20);
      await expiry.runOnce();
      expect(
        expectStatus(
          await call<PaymentView>('GET', `/me/payments/${payment.id}`, martin.actor),
          200,
        ).state,
      ).toBe('expired');
      const baskets = expectStatus(
        await call<BasketView[]>('GET', '/me/baskets', martin.actor),
        200,
      );
      expect(baskets.find((candidate) => candidate.id === basket.id)).toMatchObject({
        status: 'expired',
        items: [expect.objectContaining({ bookingId: booking.bookingId })],
      });
      expect((await outboxOf('billing.basket.expired', basket.id))[0].payload).toMatchObject({
        basketId: basket.id,
        householdId: martin.householdId,
        accountIds: [martin.actor.accountId],
        bookingIds: [booking.bookingId],
        totalCents: 1250,
      });
      expect(await lastNumber()).toBe(before);
      const late = await call<{ code: string }>(
        'POST',
        `/me/baskets/${basket.id}/payments`,
        martin.actor,
      );
      expect([late.status, late.body.code]).toEqual([409, 'NOTHING_TO_PAY']);
      // The next invoice of the régie follows on: the expired basket left no gap.
      const invoiceId = await anInvoice(martin, 500);
      expect((await invoiceOf(martin, invoiceId)).number).toBe(before + 1);
    });
  });
});

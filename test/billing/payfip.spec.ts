import { DataSource } from 'typeorm';
import type {
  AccountView,
  PaymentView,
  PayfipOutcome,
  PayfipReconcileView,
  RegieView,
} from '@portail/contracts';
import { Clock, SERVICE_CONFIG } from '@portail/service-kit';
import type { TestSystem } from '@portail/testing';
import { InvoiceIssuer } from '../../services/billing/src/invoices/invoice-issuer';
import type { BillingConfig } from '../../services/billing/src/config';
import { runPayfipReconcileCommand } from '../../services/billing/src/payments/payfip/payfip-reconcile-command';
import { PayfipReconcileJob } from '../../services/billing/src/payments/payfip/payfip-reconcile.job';
import { RegieStore } from '../../services/billing/src/regies/regie-store';
import { api, type JsonResponse } from '../identity/directory-support';
import { anOrganisation, expectStatus, serviceOf } from '../support/directory-actors';
import { eventually } from '../support/eventually';
import { aHouseholdOf } from '../support/households';
import { aFamily, anAdmin, type Actor } from '../support/identity-actors';
import { startBillingSystem } from '../support/fake-reservation';
import { FakePayfip } from './payfip-fake';

/** Thursday 3 December 2026, 10:00 in Paris: billing's clock, moved by the tests. */
const START = new Date('2026-12-03T09:00:00Z');
const MINUTE = 60_000;

interface Family {
  actor: Actor;
  householdId: string;
  childId: string;
}

/**
 * Invoices paid online through PayFIP (PAYMENT_PROVIDER_INVOICES=payfip) against a fake of its
 * SOAP web service, through the gateway, on real PostgreSQL and NATS: the notification and the
 * return carry only the idop, billing asks PayFIP and applies its answer once.
 */
describe('billing: PayFIP web service', () => {
  const payfip = new FakePayfip();
  let system: TestSystem;
  let db: DataSource;
  let now = START;
  let admin: Actor;
  let regie: RegieView;
  let dumas: Family;
  let invoices = 0;

  const call = <T>(method: string, path: string, actor?: Actor, body?: unknown) =>
    api<T>(system, method, path, { headers: actor?.authorization, body });

  /** PayFIP's notification as it sends it: a form with the idop, nothing else. */
  const notify = async (idop: string, field = 'idop'): Promise<JsonResponse<PayfipOutcome>> => {
    const response = await fetch(`${system.gatewayUrl}/api/v1/payfip/notifications`, {
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
            label: 'Restauration scolaire',
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

  const pay = async (invoiceId: string) =>
    expectStatus(
      await call<PaymentView>('POST', `/me/invoices/${invoiceId}/payments`, dumas.actor),
      201,
    );

  const paymentOf = async (paymentId: string) =>
    expectStatus(await call<PaymentView>('GET', `/me/payments/${paymentId}`, dumas.actor), 200);

  const invoiceOf = async (invoiceId: string) =>
    expectStatus(await call<AccountView>('GET', '/me/invoices', dumas.actor), 200).invoices.find(
      (invoice) => invoice.id === invoiceId,
    )!;

  const receivedEvents = async (paymentId: string) =>
    (
      await db.query<unknown[]>(
        `SELECT 1 FROM outbox WHERE type = 'billing.payment.received' AND aggregate_id = $1`,
        [paymentId],
      )
    ).length;

  beforeAll(async () => {
    const endpoint = await payfip.start();
    system = await startBillingSystem({
      RATE_LIMIT_PER_MINUTE: '100000',
      BILLING_JOBS_ENABLED: 'false',
      PAYMENT_PROVIDER_INVOICES: 'payfip',
      PAYFIP_ENDPOINT: endpoint,
      PAYFIP_SAISIE: 'T',
      PAYFIP_PUBLIC_URL: 'https://portail.example.org/api/v1',
      PAYMENT_RETURN_URL: 'https://portail.example.org',
    });
    db = system.service('billing').app.get(DataSource);
    jest.spyOn(system.service('billing').app.get(Clock), 'now').mockImplementation(() => now);
    admin = await anAdmin(system);
    const vichy = await anOrganisation(system, admin, 'Vichy', ['school-catering']);
    regie = expectStatus(
      await call<RegieView>('POST', '/agent/regies', admin, {
        name: 'Affaires Scolaires de Vichy',
        organisationId: vichy.id,
        municipalServiceIds: [serviceOf(vichy, 'school-catering')],
        treasuryAddress: ['CDFIP de CUSSET - Trésorerie de Vichy', '03307 CUSSET Cedex'],
        payfipCollectivityNumber: '000070',
        debtReferenceFormat: '{year}-CA-00-{number}',
        dueDateRule: { kind: 'days-after-issue', days: 30 },
      }),
      201,
    );
    const actor = await aFamily(system);
    const householdId = await aHouseholdOf(system, actor);
    const childId = expectStatus(
      await call<{ id: string }>('POST', `/households/${householdId}/children`, actor, {
        firstName: 'Iris',
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
    dumas = { actor, householdId, childId };
  }, 120_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await system?.close();
    await payfip.close();
  });

  afterEach(() => {
    expect(payfip.shapeErrors).toEqual([]);
  });

  it('creates the PayFIP operation with the WSDL shape and sends the family to its page', async () => {
    const invoiceId = await anInvoice(dumas, 3646);
    const payment = await pay(invoiceId);
    const operation = payfip.last();
    expect(payment).toMatchObject({
      method: 'payfip',
      state: 'waiting',
      providerReference: operation.idOp,
      redirectUrl: `https://www.payfip.gouv.fr/tpa/paiementws.web?idop=${operation.idOp}`,
    });
    const debtReference = (await invoiceOf(invoiceId)).debtReference;
    expect(operation.args).toEqual({
      exer: '2026',
      mel: expect.stringContaining('@') as string,
      montant: '3646',
      numcli: '000070',
      objet: expect.stringMatching(/^Facture \d+$/) as string,
      refdet: debtReference.replace(/[^A-Za-z0-9]/g, ''),
      saisie: 'T',
      urlnotif: 'https://portail.example.org/api/v1/payfip/notifications',
      urlredirect: 'https://portail.example.org/api/v1/payfip/return',
    });
  });

  it('pays once when PayFIP notifies ten times that the card paid (V, then P alike)', async () => {
    const invoiceId = await anInvoice(dumas, 2150);
    const payment = await pay(invoiceId);
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
    expect(await invoiceOf(invoiceId)).toMatchObject({ paidCents: 2150, status: 'paid' });
  });

  it('changes nothing for an idop billing did not start', async () => {
    const before = await db.query<unknown[]>(`SELECT id, state FROM payments ORDER BY id`);
    const answer = expectStatus(await notify('ffffffff-0000-1111-2222-333333333333'), 200);
    expect(answer).toEqual({
      paymentId: null,
      state: null,
      returnUrl: 'https://portail.example.org/paiements',
    });
    expect(await db.query<unknown[]>(`SELECT id, state FROM payments ORDER BY id`)).toEqual(before);
  });

  it.each([
    ['montant', { montant: '1' }],
    ['refdet', { refdet: '2026CA00999' }],
    ['numcli', { numcli: '000071' }],
  ])('records an error and no money when PayFIP answers another %s', async (_, overrides) => {
    const invoiceId = await anInvoice(dumas, 1800);
    const payment = await pay(invoiceId);
    payfip.settle(payment.providerReference!, 'P', overrides);
    expect(expectStatus(await notify(payment.providerReference!), 200).state).toBe('error');
    expect(await receivedEvents(payment.id)).toBe(0);
    expect(await invoiceOf(invoiceId)).toMatchObject({ paidCents: 0 });
  });

  it('keeps a payment whose result PayFIP does not know yet (P5) waiting, then expires it after 20 minutes', async () => {
    const invoiceId = await anInvoice(dumas, 990);
    const payment = await pay(invoiceId);
    expect(expectStatus(await notify(payment.providerReference!), 200).state).toBe('waiting');
    now = new Date(now.getTime() + 19 * MINUTE);
    const job = system.service('billing').app.get(PayfipReconcileJob);
    await job.runOnce();
    expect((await paymentOf(payment.id)).state).toBe('waiting');
    now = new Date(now.getTime() + 2 * MINUTE);
    expect(await job.runOnce()).toMatchObject({ ran: true });
    expect((await paymentOf(payment.id)).state).toBe('expired');
    expect(await invoiceOf(invoiceId)).toMatchObject({ paidCents: 0 });
  });

  it('records the family abandoning on PayFIP (A) as cancelled and sends it back to its payment', async () => {
    const invoiceId = await anInvoice(dumas, 1200);
    const payment = await pay(invoiceId);
    payfip.settle(payment.providerReference!, 'A');
    const response = await fetch(
      `${system.gatewayUrl}/api/v1/payfip/return?idop=${payment.providerReference}`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `https://portail.example.org/paiements/${payment.id}`,
    );
    expect((await paymentOf(payment.id)).state).toBe('cancelled');
  });

  it('expires an operation PayFIP no longer knows (P1)', async () => {
    const invoiceId = await anInvoice(dumas, 700);
    const payment = await pay(invoiceId);
    payfip.operations.delete(payment.providerReference!);
    expect(expectStatus(await notify(payment.providerReference!), 200).state).toBe('expired');
  });

  it('lists and retries the payments still waiting (the operator command, over NATS)', async () => {
    const invoiceId = await anInvoice(dumas, 450);
    const payment = await pay(invoiceId);
    const config = system.service('billing').app.get<BillingConfig>(SERVICE_CONFIG);
    const nats = { url: config.NATS_URL, subjectPrefix: config.NATS_SUBJECT_PREFIX };
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
    expect(await invoiceOf(invoiceId)).toMatchObject({ paidCents: 450, status: 'paid' });
  });

  it.each([
    ['without idop', ''],
    ['with an idop that is not one', '?idop=%3Cscript%3E'],
  ])('refuses a notification %s (400)', async (_, query) => {
    const response = await fetch(`${system.gatewayUrl}/api/v1/payfip/notifications${query}`, {
      method: 'POST',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
  });
});

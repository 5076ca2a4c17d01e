import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type { AccountView, PaymentView, RegieView, RunView } from '@portail/contracts';
import { Clock } from '@portail/service-kit';
import type { TestSystem } from '@portail/testing';
import { api } from '../identity/directory-support';
import { SmtpCatcher } from '../notification/smtp-catcher';
import {
  anAgent,
  anOrganisation,
  expectStatus,
  serviceOf,
  type Agent,
  type Organisation,
} from '../support/directory-actors';
import { eventually } from '../support/eventually';
import {
  accepted,
  anApplication,
  recordEnrolmentEvent,
  startSystemWithFakeEnrolment,
} from '../support/fake-enrolment';
import { aHouseholdOf } from '../support/households';
import { aFamily, anAdmin, type Actor } from '../support/identity-actors';
import { pdfText } from '../support/pdf-text';
import { PublicAddress } from '../support/public-address';
import {
  A_MEAL_UNIT,
  aCateringActivity,
  type CateringUnit,
  type ReservationFixture,
} from '../support/reservation-fixture';
import { FakePayfip } from './payfip-fake';
import { CATERING_TARIFF, VICHY_REGIE } from './postbilling-fixture';

const PORTAL_URL = 'https://portail.vichy-communaute.test';
const OCTOBER = '2026-10';

/** The October school days of the meal unit (Mon, Tue, Thu, Fri) from the 1st to the 9th. */
const MEAL_DAYS = [
  '2026-10-01',
  '2026-10-02',
  '2026-10-05',
  '2026-10-06',
  '2026-10-08',
  '2026-10-09',
];

/**
 * Flow 5 of the architecture, post-billing, through the gateway with the real identity,
 * reservation, billing and notification services (enrolment's acceptance is recorded by the
 * fake producer): a family books October's meals, the agent records attendance, a supervisor
 * locks the month, an agent of the régie runs the billing (dry run, then issue), the family
 * receives "Votre facture est disponible" by e-mail, downloads the PDF, read back, and pays it
 * online through PayFIP (a fake of its web service and payment page, which calls the portal back
 * at its public address as PayFIP does).
 */
describe('flow 5: post-billing from bookings to the invoice PDF', () => {
  let system: TestSystem;
  let smtp: SmtpCatcher;
  let admin: Actor;
  let vichy: Organisation;
  let cateringAgent: Agent;
  let supervisor: Agent;
  let meal: CateringUnit;
  let family: Actor;
  let householdId: string;
  let childId: string;
  let regie: RegieView;
  const payfip = new FakePayfip();
  const publicAddress = new PublicAddress();

  const at = (service: 'reservation' | 'billing', instant: string) =>
    jest.spyOn(system.service(service).app.get(Clock), 'now').mockReturnValue(new Date(instant));
  const billingCount = async (sql: string, parameters: unknown[] = []) =>
    (
      await system
        .service('billing')
        .app.get(DataSource)
        .query<Array<{ n: number }>>(sql, parameters)
    )[0].n;

  beforeAll(async () => {
    smtp = new SmtpCatcher();
    const port = await smtp.listen();
    const payfipEndpoint = await payfip.start();
    const publicBase = await publicAddress.start();
    system = await startSystemWithFakeEnrolment(
      ['identity', 'reservation', 'billing', 'notification'],
      {
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        PORTAL_URL,
        MAIL_POLL_INTERVAL_MS: '50',
        RATE_LIMIT_PER_MINUTE: '100000',
        RESERVATION_JOBS_ENABLED: 'false',
        INVOICE_REMINDERS_ENABLED: 'false',
        PAYMENT_PROVIDER_INVOICES: 'payfip',
        PAYFIP_ENDPOINT: payfipEndpoint,
        PAYFIP_PAYMENT_PAGE_URL: payfip.pageUrl,
        PAYFIP_PUBLIC_URL: `${publicBase}/api/v1`,
        PAYMENT_RETURN_URL: PORTAL_URL,
      },
    );
    publicAddress.forwardTo(system.gatewayUrl);
    at('reservation', '2026-09-20T08:00:00Z');
    admin = await anAdmin(system);
    vichy = await anOrganisation(system, admin, 'Vichy', ['school-catering']);
    cateringAgent = await anAgent(system, admin, vichy, ['school-catering']);
    supervisor = await anAgent(system, admin, vichy, ['school-catering'], 'Sacha', {
      lastName: 'RESPONSABLE',
      roles: ['agent', 'supervisor'],
    });
    meal = await aCateringActivity({ system, cateringAgent, vichy } as ReservationFixture, {
      unit: A_MEAL_UNIT,
      capacity: 30,
    });
    family = await aFamily(system);
    householdId = await aHouseholdOf(system, family);
    childId = expectStatus(
      await api<{ id: string }>(system, 'POST', `/households/${householdId}/children`, {
        headers: family.authorization,
        body: { firstName: 'Iris', lastName: 'Paillette', birthDate: '2017-03-01', sex: 'female' },
      }),
      201,
    ).id;
  }, 180_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await system?.close();
    await smtp?.close();
    await payfip.close();
    await publicAddress.close();
  });

  it('sets up the régie of the catering service and its tariff', async () => {
    regie = expectStatus(
      await api<RegieView>(system, 'POST', '/agent/regies', {
        headers: supervisor.actor.authorization,
        body: {
          ...VICHY_REGIE,
          organisationId: vichy.id,
          municipalServiceIds: [serviceOf(vichy, 'school-catering')],
        },
      }),
      201,
    );
    expectStatus(
      await api(system, 'POST', `/agent/regies/${regie.id}/tariffs`, {
        headers: supervisor.actor.authorization,
        body: CATERING_TARIFF,
      }),
      201,
    );
  });

  it("books October's meals once the application is accepted", async () => {
    await recordEnrolmentEvent(
      system,
      'enrolment.application.accepted',
      accepted(
        anApplication({
          applicationId: randomUUID(),
          organisationId: vichy.id,
          municipalServiceId: serviceOf(vichy, 'school-catering'),
          householdId,
          child: { id: childId, firstName: 'Iris', lastName: 'Paillette' },
          recipients: [{ accountId: family.accountId, email: family.email, firstName: 'Camille' }],
        }),
      ),
    );
    for (const day of MEAL_DAYS) {
      expect(DateTime.fromISO(day).weekday).not.toBe(3);
      const booking = await eventually(async () => {
        const response = await api<{ status: string }>(
          system,
          'POST',
          `/children/${childId}/bookings`,
          {
            headers: family.authorization,
            body: { unitId: meal.unitId, siteId: meal.siteId, day },
          },
        );
        return response.status === 201 ? response.body : undefined;
      }, `the booking of ${day}`);
      expect(booking.status).toBe('booked');
    }
  });

  it('records attendance, then a supervisor locks the month', async () => {
    at('reservation', '2026-10-30T16:00:00Z');
    const statuses = [
      'present',
      'present',
      'present',
      'absent-unjustified',
      'present',
      'absent-justified',
    ];
    for (const [index, day] of MEAL_DAYS.entries()) {
      expectStatus(
        await api(system, 'PUT', `/agent/activities/${meal.activity.id}/attendance`, {
          headers: cateringAgent.actor.authorization,
          body: {
            siteId: meal.siteId,
            unitId: meal.unitId,
            day,
            records: [
              statuses[index] === 'absent-justified'
                ? { childId, status: statuses[index], reason: 'Certificat médical' }
                : { childId, status: statuses[index] },
            ],
          },
        }),
        200,
      );
    }
    at('reservation', '2026-11-02T08:00:00Z');
    expectStatus(
      await api(
        system,
        'POST',
        `/agent/services/${serviceOf(vichy, 'school-catering')}/attendance-months/${OCTOBER}/lock`,
        { headers: supervisor.actor.authorization },
      ),
      200,
    );
  });

  it('runs the billing of the locked month: dry run, then issue', async () => {
    at('billing', '2026-11-03T09:00:00Z');
    await eventually(
      async () =>
        (await billingCount('SELECT count(*)::int AS n FROM month_locks WHERE month = $1', [
          OCTOBER,
        ])) === 1 &&
        (await billingCount('SELECT count(*)::int AS n FROM attendance WHERE child_id = $1', [
          childId,
        ])) === 6,
      "billing's copy of October",
    );
    const path = `/agent/regies/${regie.id}/runs`;
    const dry = expectStatus(
      await api<RunView>(system, 'POST', path, {
        headers: cateringAgent.actor.authorization,
        body: { month: OCTOBER, dryRun: true },
      }),
      200,
    );
    // Resident of Vichy, no quotient: 4,55 € a meal; 4 present + 1 unjustified absence.
    expect(dry).toMatchObject({ householdCount: 1, totalCents: 5 * 455, issuedCount: 0 });
    const issued = expectStatus(
      await api<RunView>(system, 'POST', path, {
        headers: cateringAgent.actor.authorization,
        body: { month: OCTOBER, dryRun: false },
      }),
      200,
    );
    expect(issued).toMatchObject({ issuedCount: 1, totalCents: 2275 });
    expect(issued.households[0].number).toBe(1);
  });

  it('e-mails the family that its invoice is available', async () => {
    const mail = await eventually(
      () =>
        smtp
          .sentTo(family.email)
          .find((candidate) => candidate.subject === 'Votre facture est disponible'),
      'the invoice e-mail',
    );
    const text = mail.text.replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('pour octobre 2026 est disponible dans votre espace.');
    expect(text).toContain('Montant : 22,75 €, à régler avant le 10 décembre 2026.');
    expect(text).toContain(`${PORTAL_URL}/factures`);
  });

  it('lets the family download the PDF, which reads as the specification invoice', async () => {
    const account = expectStatus(
      await api<AccountView>(system, 'GET', '/me/invoices', { headers: family.authorization }),
      200,
    );
    expect(account.balanceCents).toBe(2275);
    const [invoice] = account.invoices;
    const response = await fetch(`${system.gatewayUrl}/api/v1/me/invoices/${invoice.id}/pdf`, {
      headers: family.authorization,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/pdf');
    const text = await pdfText(Buffer.from(await response.arrayBuffer()));
    for (const expected of [
      'FACTURE n° 1',
      'Affaires Scolaires de Vichy',
      'Facture du 03/11/2026',
      'Octobre 2026',
      '01/10/2026 -> 31/10/2026',
      'A régler avant le 10/12/2026',
      'DUMAS Camille',
      'PAILLETTE Iris',
      'Vichy Restauration Scolaire - Ecole élémentaire Jacques Laurent',
      'Absence non justifiée',
      '18,20 €',
      '4,55 €',
      '22,75 €',
      'Talon à joindre à votre règlement',
      'CDFIP de CUSSET - Trésorerie de Vichy',
      'Identifiant de la collectivité : 000070',
      'Référence de la dette : 2026-CA-00-000001',
      'N° Dossier : 1',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('lets the family pay it online through PayFIP, then e-mails the receipt', async () => {
    const [invoice] = expectStatus(
      await api<AccountView>(system, 'GET', '/me/invoices', { headers: family.authorization }),
      200,
    ).invoices;
    const payment = expectStatus(
      await api<PaymentView>(system, 'POST', `/me/invoices/${invoice.id}/payments`, {
        headers: family.authorization,
      }),
      201,
    );
    expect(payment).toMatchObject({ method: 'payfip', state: 'waiting', amountCents: 2275 });
    // PayFIP sends its receipt to the family's login e-mail, asked of identity.
    expect(payfip.last().args).toMatchObject({ mel: family.email, montant: '2275' });
    // The family's browser: PayFIP's page, the card paid, back to the portal.
    const page = await fetch(payment.redirectUrl!);
    expect(page.status).toBe(200);
    const paid = await fetch(payment.redirectUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ idop: payment.providerReference!, resultrans: 'P' }).toString(),
      redirect: 'manual',
    });
    expect(paid.status).toBe(302);
    expect(payfip.notifications).toEqual([{ idOp: payment.providerReference, status: 200 }]);
    const back = await fetch(paid.headers.get('location')!, { redirect: 'manual' });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`${PORTAL_URL}/paiements/${payment.id}`);
    expect(payfip.shapeErrors).toEqual([]);

    expect(
      expectStatus(
        await api<PaymentView>(system, 'GET', `/me/payments/${payment.id}`, {
          headers: family.authorization,
        }),
        200,
      ),
    ).toMatchObject({
      state: 'paid',
      provider: 'payfip',
      providerReference: payment.providerReference,
    });
    const account = expectStatus(
      await api<AccountView>(system, 'GET', '/me/invoices', { headers: family.authorization }),
      200,
    );
    expect(account.balanceCents).toBe(0);
    expect(account.invoices[0]).toMatchObject({ status: 'paid', paidCents: 2275 });
    const mail = await eventually(
      () =>
        smtp
          .sentTo(family.email)
          .find((candidate) => candidate.subject === 'Nous avons bien reçu votre paiement'),
      'the receipt e-mail',
    );
    expect(mail.text.replace(/[\u00a0\u202f]/g, ' ')).toContain('22,75 €');
  });
});

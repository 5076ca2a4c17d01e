import { Clock } from '@portail/service-kit';
import type {
  AccountView,
  ActivityView,
  BasketView,
  BookingView,
  PaymentView,
  RegieView,
} from '@portail/contracts';
import type { TestSystem } from '@portail/testing';
import { BasketExpiry } from '../../services/billing/src/baskets/basket-expiry.job';
import { api } from '../identity/directory-support';
import {
  aFamilyWithChildren,
  anAgent,
  anOrganisation,
  aProcedure,
  eventually,
  expectStatus,
  serviceOf,
  startDraft,
  submit,
  type Agent,
  type Family,
  type Organisation,
} from '../enrolment/enrolment-support';
import { anAdmin, type Actor } from '../support/identity-actors';
import { startSystem } from '../support/services';
import { SmtpCatcher } from '../notification/smtp-catcher';
import { FakeCardProvider, cardProviderEnv } from './card-fake';

/** Monday 7 December 2026, 9:00 in Paris: reservation's clock; billing's starts there too. */
const MONDAY = new Date('2026-12-07T08:00:00Z');
const MINUTE = 60_000;

/**
 * Flow 4 of the architecture, through the gateway with the real identity, enrolment, reservation,
 * billing and notification services: Wednesdays at the leisure centre are paid at booking
 * ("paiement à la réservation"). The enrolment is accepted at once, each booked Wednesday goes
 * into the family's basket, paid by card on the fake PayZen / Systempay page (the signed form
 * billing answers, the signed notification the page sends back) into an invoice issued and paid;
 * a basket left unpaid expires and releases its places to the waiting list. The family is mailed
 * each time.
 */
describe('billing: flow 4, pre-billed Wednesdays end to end through the gateway', () => {
  let system: TestSystem;
  let now = MONDAY;
  let admin: Actor;
  let vichy: Organisation;
  let careAgent: Agent;
  let wednesdays: ActivityView;
  let lea: { family: Family; childId: string };
  let tom: { family: Family; childId: string };
  let smtp: SmtpCatcher;
  const card = new FakeCardProvider(() => system.gatewayUrl);

  /** The first mail to the family whose subject is this one. */
  const mailTo = (family: Family, subject: string) =>
    eventually(
      async () =>
        Promise.resolve(
          smtp.sentTo(family.actor.email).find((candidate) => candidate.subject === subject),
        ),
      `"${subject}" to the family`,
    );

  const get = async <T>(path: string, actor: Actor): Promise<T> =>
    expectStatus(await api<T>(system, 'GET', path, { headers: actor.authorization }), 200);

  const post = <T>(path: string, actor: Actor, body?: unknown) =>
    api<T>(system, 'POST', path, { headers: actor.authorization, body });

  const book = async (child: { family: Family; childId: string }, day: string) =>
    expectStatus(
      await post<BookingView>(`/children/${child.childId}/bookings`, child.family.actor, {
        unitId: wednesdays.units[0].id,
        siteId: wednesdays.sites[0].id,
        day,
      }),
      201,
    );

  const bookingOn = async (child: { family: Family; childId: string }, day: string) =>
    (await get<BookingView[]>('/me/bookings', child.family.actor)).find(
      (booking) => booking.day === day,
    );

  /** The family's open basket holding `day`, once billing has it. */
  const basketWith = (child: { family: Family }, day: string) =>
    eventually(
      async () =>
        (await get<BasketView[]>('/me/baskets', child.family.actor)).find(
          (basket) => basket.status === 'open' && basket.items.some((item) => item.day === day),
        ),
      `a basket with ${day}`,
    );

  /** A child of a new Vichy family, enrolled in the Wednesdays (accepted at once). */
  async function anEnrolledChild(
    firstName: string,
    lastName: string,
    procedureId: string,
  ): Promise<{ family: Family; childId: string }> {
    const family = await aFamilyWithChildren(
      system,
      [{ firstName, birthDate: '2017-05-04' }],
      { organisationId: vichy.id },
      lastName,
    );
    const childId = family.household.children[0].id;
    const draft = expectStatus(
      await startDraft(system, family, { procedureId, childId, answers: {} }),
      201,
    );
    expect(expectStatus(await submit(system, family.actor, draft.id), 200).status).toBe('accepted');
    await eventually(
      async () =>
        (
          await api(system, 'GET', `/children/${childId}/slots?month=2026-12`, {
            headers: family.actor.authorization,
          })
        ).status === 200 || undefined,
      'the Wednesdays booking right',
    );
    return { family, childId };
  }

  beforeAll(async () => {
    smtp = new SmtpCatcher();
    const port = await smtp.listen();
    system = await startSystem(
      ['identity', 'enrolment', 'reservation', 'billing', 'notification'],
      {
        RATE_LIMIT_PER_MINUTE: '100000',
        BILLING_JOBS_ENABLED: 'false',
        RESERVATION_JOBS_ENABLED: 'false',
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        MAIL_POLL_INTERVAL_MS: '50',
        ...cardProviderEnv(await card.start()),
      },
    );
    jest.spyOn(system.service('reservation').app.get(Clock), 'now').mockReturnValue(MONDAY);
    jest.spyOn(system.service('billing').app.get(Clock), 'now').mockImplementation(() => now);
    admin = await anAdmin(system);
    vichy = await anOrganisation(system, admin, 'Vichy', ['out-of-school-care']);
    careAgent = await anAgent(system, admin, vichy, ['out-of-school-care']);
    const regie = expectStatus(
      await post<RegieView>('/agent/regies', admin, {
        name: 'Régie Enfance Jeunesse de Vichy',
        organisationId: vichy.id,
        municipalServiceIds: [serviceOf(vichy, 'out-of-school-care')],
        treasuryAddress: ['CDFIP de CUSSET - Trésorerie de Vichy', '03307 CUSSET Cedex'],
        payfipCollectivityNumber: '000070',
        debtReferenceFormat: '{year}-EJ-{number}',
        dueDateRule: { kind: 'days-after-issue', days: 30 },
      }),
      201,
    );
    expectStatus(
      await post(`/agent/regies/${regie.id}/tariffs`, admin, {
        activityCode: 'mercredis',
        unitCode: 'journee',
        label: 'Accueil de loisirs du mercredi - journée',
        validFrom: '2026-09-01',
        validUntil: '2027-08-31',
        brackets: [
          { upToQuotient: 700, residentCents: 900, nonResidentCents: 1400 },
          { upToQuotient: null, residentCents: 1250, nonResidentCents: 1800 },
        ],
        siblingReductionPercents: [],
        lateCancellationPercent: 100,
        unjustifiedAbsencePercent: 100,
        unexpectedPresencePercent: 100,
      }),
      201,
    );
    const headers = careAgent.actor.authorization;
    wednesdays = expectStatus(
      await post<ActivityView>('/agent/activities', careAgent.actor, {
        municipalServiceId: serviceOf(vichy, 'out-of-school-care'),
        code: 'mercredis',
        name: 'Accueil de loisirs du mercredi',
      }),
      201,
    );
    wednesdays = expectStatus(
      await post<ActivityView>(`/agent/activities/${wednesdays.id}/units`, careAgent.actor, {
        code: 'journee',
        label: 'Journée',
        kind: 'wednesday-full',
        startsAt: '08:00',
        endsAt: '18:00',
        weekdays: [3],
        noticePolicy: { booking: { kind: 'calendarDaysBefore', days: 1, at: '18:00' } },
      }),
      201,
    );
    wednesdays = expectStatus(
      await post<ActivityView>(`/agent/activities/${wednesdays.id}/sites`, careAgent.actor, {
        name: 'Centre de loisirs des Garêts',
      }),
      201,
    );
    // One place a Wednesday: the second child waits.
    expectStatus(
      await api(system, 'PUT', `/agent/activities/${wednesdays.id}/capacities`, {
        headers,
        body: { unitId: wednesdays.units[0].id, siteId: wednesdays.sites[0].id, capacity: 1 },
      }),
      200,
    );
    const procedure = await aProcedure(system, careAgent, {
      municipalServiceId: serviceOf(vichy, 'out-of-school-care'),
      title: 'Accueil de loisirs du mercredi',
      validationMode: 'automatic',
      grant: {
        kind: 'activity-booking',
        activityCode: 'mercredis',
        activityName: 'Accueil de loisirs du mercredi',
        billing: 'pre-billing',
      },
    });
    lea = await anEnrolledChild('Léa', 'Paillette', procedure.id);
    tom = await anEnrolledChild('Tom', 'Girard', procedure.id);
  }, 180_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await system?.close();
    await smtp?.close();
    await card.close();
  });

  afterEach(() => {
    expect(card.formErrors).toEqual([]);
  });

  it('books a Wednesday into the basket, pays it by card on the provider’s page: refused, then paid, the invoice is issued and paid', async () => {
    expect((await book(lea, '2026-12-09')).status).toBe('booked');
    const basket = await basketWith(lea, '2026-12-09');
    // No quotient known: the highest bracket, and the basket says why.
    expect(basket).toMatchObject({ totalCents: 1250, invoiceNumber: null });
    expect(basket.items[0]).toMatchObject({ childName: 'PAILLETTE Léa', unitPriceCents: 1250 });
    expect(basket.items[0].note).toBeTruthy();

    /** The app answers the signed form; the family's browser posts it to the provider's page. */
    const payByCard = async () => {
      const started = expectStatus(
        await post<PaymentView>(`/me/baskets/${basket.id}/payments`, lea.family.actor),
        201,
      );
      expect(started).toMatchObject({ state: 'waiting', amountCents: 1250, method: 'card' });
      expect(started.paymentForm!.fields.vads_url_return).toBe(
        `https://portail.example.org/paiements/${started.id}`,
      );
      expect((await card.post(started.paymentForm!)).status).toBe(200);
      return { payment: started, transaction: card.last() };
    };
    // The card is refused: the family is told, and pays again.
    const refused = await payByCard();
    expect((await card.notify(refused.transaction, 'REFUSED')).response).toEqual({
      paymentId: refused.payment.id,
      state: 'denied',
    });
    await mailTo(lea.family, "Votre paiement n'a pas abouti");
    const { payment, transaction } = await payByCard();
    // Back from the page before the notification: the family's page reads it still waiting.
    expect((await get<PaymentView>(`/me/payments/${payment.id}`, lea.family.actor)).state).toBe(
      'waiting',
    );
    // The provider's signed notification settles it, through the gateway's public route.
    const notification = await card.notify(transaction, 'AUTHORISED');
    expect([notification.status, notification.response.state]).toEqual([200, 'paid']);
    expect((await card.replay(notification)).response.state).toBe('paid');
    const paid = await get<PaymentView>(`/me/payments/${payment.id}`, lea.family.actor);
    expect(paid).toMatchObject({ state: 'paid', invoiceId: basket.id, invoiceNumber: 1 });
    const account = await get<AccountView>('/me/invoices', lea.family.actor);
    expect(account.balanceCents).toBe(0);
    expect(account.invoices).toEqual([
      expect.objectContaining({
        id: basket.id,
        number: 1,
        debtReference: '2026-EJ-000001',
        status: 'paid',
        totalCents: 1250,
        paidCents: 1250,
        lines: [
          expect.objectContaining({
            childName: 'PAILLETTE Léa',
            label: 'Accueil de loisirs du mercredi - journée',
            quantity: 1,
            amountCents: 1250,
          }),
        ],
      }),
    ]);
    // The booking stays booked: paid, it is the family's.
    expect((await bookingOn(lea, '2026-12-09'))?.status).toBe('booked');
    await mailTo(lea.family, 'Nous avons bien reçu votre paiement');
  });

  it('expires a basket left unpaid past the delay: reservation releases the place to the child waiting', async () => {
    expect((await book(lea, '2026-12-16')).status).toBe('booked');
    expect((await book(tom, '2026-12-16')).status).toBe('waitlisted');
    const basket = await basketWith(lea, '2026-12-16');
    const expiry = system.service('billing').app.get(BasketExpiry);

    now = new Date(now.getTime() + 59 * MINUTE);
    await expiry.runOnce();
    expect((await bookingOn(lea, '2026-12-16'))?.status).toBe('booked');

    now = new Date(now.getTime() + 2 * MINUTE);
    expect(await expiry.runOnce()).toMatchObject({ ran: true, handled: 1 });
    const released = await eventually(async () => {
      const booking = await bookingOn(lea, '2026-12-16');
      return booking?.status === 'cancelled' ? booking : undefined;
    }, "Léa's booking released");
    // Not a late cancellation: nothing is billed for it; the family reads why.
    expect(released.late).toBe(false);
    expect(released.message).toContain('Panier non réglé dans le délai');
    await eventually(
      async () => (await bookingOn(tom, '2026-12-16'))?.status === 'booked',
      "Tom's booking promoted",
    );
    const leaBaskets = await get<BasketView[]>('/me/baskets', lea.family.actor);
    expect(leaBaskets.find((candidate) => candidate.id === basket.id)?.status).toBe('expired');
    // Tom's place, now booked, is his family's to pay.
    expect((await basketWith(tom, '2026-12-16')).totalCents).toBe(1250);
    const late = await post<{ code: string }>(
      `/me/baskets/${basket.id}/payments`,
      lea.family.actor,
    );
    expect([late.status, late.body.code]).toEqual([409, 'NOTHING_TO_PAY']);
    await mailTo(lea.family, 'Votre panier de réservations a expiré');
  });
});

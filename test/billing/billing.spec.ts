import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  BillingSubjects,
  type AccountView,
  type InvoicePage,
  type QuoteView,
  type RegieView,
  type RunView,
  type TariffView,
} from '@portail/contracts';
import { Clock, ServiceRequester } from '@portail/service-kit';
import type { TestSystem } from '@portail/testing';
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
import {
  A_PASSWORD,
  aFamily,
  anAdmin,
  logIn,
  uniqueEmail,
  type Actor,
} from '../support/identity-actors';
import { pdfText } from '../support/pdf-text';
import { eventually } from '../support/eventually';
import { VICHY_REGIE as FIXTURE_REGIE } from './postbilling-fixture';
import {
  aBookingAt,
  anAttendance,
  aRequestBooking,
  recordReservationEvent,
  startBillingSystem,
  type Place,
} from '../support/fake-reservation';

const OCTOBER = '2026-10';
/** Billing runs on Tuesday 3 November 2026, in Paris. */
const RUN_DAY = new Date('2026-11-03T09:00:00Z');
const CONCURRENT_ISSUANCES = 200;

// The specification's régie (the same as the post-billing fixture's).
const VICHY_REGIE = FIXTURE_REGIE;

const CATERING_TARIFF = {
  activityCode: 'restauration-scolaire',
  unitCode: 'repas',
  label: 'Vichy Restauration Scolaire - Ecole élémentaire Jacques Laurent',
  validFrom: '2026-09-01',
  validUntil: '2027-08-31',
  brackets: [
    { upToQuotient: 500, residentCents: 105, nonResidentCents: 210 },
    { upToQuotient: 900, residentCents: 230, nonResidentCents: 350 },
    { upToQuotient: null, residentCents: 320, nonResidentCents: 455 },
  ],
  siblingReductionPercents: [10],
  lateCancellationPercent: 100,
  unjustifiedAbsencePercent: 100,
  unexpectedPresencePercent: 150,
};

describe('billing: régies, tariffs, post-billing runs, invoices', () => {
  let system: TestSystem;
  let db: DataSource;
  let admin: Actor;
  let vichy: Organisation;
  let cusset: Organisation;
  let supervisor: Actor;
  let cussetSupervisor: Actor;
  let cateringAgent: Agent;
  let careAgent: Agent;
  let regie: RegieView;
  let catering: Place;

  /** Dumas: quotient 650, lives in Vichy (resident), Iris (2017) and Louis (2019). */
  const dumas = { family: undefined as unknown as Actor, householdId: '', iris: '', louis: '' };
  /** Martin: no quotient, lives in Cusset (not resident of Vichy's régie), Jade. */
  const martin = { family: undefined as unknown as Actor, householdId: '', jade: '' };

  const call = <T>(
    method: string,
    path: string,
    actor?: Actor,
    body?: unknown,
  ): Promise<JsonResponse<T>> =>
    api<T>(system, method, path, { headers: actor?.authorization, body });

  async function aSupervisor(organisation: Organisation): Promise<Actor> {
    const email = uniqueEmail('responsable');
    const created = expectStatus(
      await call<{ id: string }>('POST', '/admin/agents', admin, {
        email,
        password: A_PASSWORD,
        firstName: 'Claude',
        lastName: 'RESPONSABLE',
        organisationId: organisation.id,
        serviceIds: organisation.services.map((service) => service.id),
        roles: ['agent', 'supervisor'],
      }),
      201,
    );
    const pair = await logIn(system, email, A_PASSWORD);
    return {
      accountId: created.id,
      email,
      password: A_PASSWORD,
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      authorization: { authorization: `Bearer ${pair.accessToken}` },
    };
  }

  async function aHousehold(
    actor: Actor,
    lastName: string,
    commune: Record<string, unknown>,
    address: { line1: string; postalCode: string; city: string },
  ): Promise<string> {
    return expectStatus(
      await call<{ id: string }>('POST', '/households', actor, {
        guardian: {
          civility: 'madame',
          firstName: 'Camille',
          lastName,
          relationship: 'mother',
          phone: '06 12 34 56 78',
          email: actor.email,
          address,
          commune,
        },
      }),
      201,
    ).id;
  }

  async function aChild(
    actor: Actor,
    householdId: string,
    firstName: string,
    lastName: string,
    birthDate: string,
  ) {
    return expectStatus(
      await call<{ id: string }>('POST', `/households/${householdId}/children`, actor, {
        firstName,
        lastName,
        birthDate,
        sex: 'female',
      }),
      201,
    ).id;
  }

  /** The status of a download (its body is a PDF, not JSON). */
  const downloadStatus = async (path: string, actor: Actor): Promise<number> =>
    (await fetch(`${system.gatewayUrl}/api/v1${path}`, { headers: actor.authorization })).status;

  const count = async (sql: string, parameters: unknown[] = []): Promise<number> =>
    (await db.query<Array<{ n: number }>>(sql, parameters))[0].n;

  /** A booking that took place, with its attendance. */
  async function attended(
    child: { childId: string; householdId: string },
    day: string,
    status: Parameters<typeof anAttendance>[4],
  ) {
    const booking = status === 'unexpected' ? null : aBookingAt(catering, child, day);
    if (booking) {
      await recordReservationEvent(
        system,
        'reservation.request.recorded',
        aRequestBooking(booking),
      );
    }
    await recordReservationEvent(
      system,
      'reservation.attendance.recorded',
      anAttendance(booking, catering, child, day, status),
      randomUUID(),
    );
  }

  const october = (day: number) => `2026-10-${String(day).padStart(2, '0')}`;

  beforeAll(async () => {
    // Room for the 200 concurrent issuances to wait on the counter row in PostgreSQL rather than
    // in the pool's queue (whose wait is bounded by the connection timeout).
    system = await startBillingSystem({
      RATE_LIMIT_PER_MINUTE: '100000',
      DATABASE_POOL_SIZE: '60',
    });
    db = system.service('billing').app.get(DataSource);
    jest.spyOn(system.service('billing').app.get(Clock), 'now').mockReturnValue(RUN_DAY);
    admin = await anAdmin(system);
    vichy = await anOrganisation(system, admin, 'Vichy', ['school-catering', 'out-of-school-care']);
    cusset = await anOrganisation(system, admin, 'Cusset', ['school-catering']);
    supervisor = await aSupervisor(vichy);
    cussetSupervisor = await aSupervisor(cusset);
    cateringAgent = await anAgent(system, admin, vichy, ['school-catering']);
    careAgent = await anAgent(system, admin, vichy, ['out-of-school-care'], 'Sacha');
    catering = {
      organisationId: vichy.id,
      municipalServiceId: serviceOf(vichy, 'school-catering'),
      activityCode: 'restauration-scolaire',
      unitId: uuidv7(),
      unitCode: 'repas',
    };

    dumas.family = await aFamily(system);
    dumas.householdId = await aHousehold(
      dumas.family,
      'Dumas',
      { organisationId: vichy.id },
      {
        line1: '3 rue de Paris',
        postalCode: '03200',
        city: 'Vichy',
      },
    );
    expectStatus(
      await call('PATCH', `/households/${dumas.householdId}`, dumas.family, {
        familyQuotient: 650,
        familyQuotientValidUntil: '2027-08-31',
      }),
      200,
    );
    dumas.iris = await aChild(dumas.family, dumas.householdId, 'Iris', 'Dumas', '2017-03-01');
    dumas.louis = await aChild(dumas.family, dumas.householdId, 'Louis', 'Dumas', '2019-06-12');
    martin.family = await aFamily(system);
    martin.householdId = await aHousehold(
      martin.family,
      'Martin',
      { name: 'Cusset', inseeCode: '03095' },
      {
        line1: '12 avenue Gilbert Roux',
        postalCode: '03300',
        city: 'Cusset',
      },
    );
    martin.jade = await aChild(martin.family, martin.householdId, 'Jade', 'Martin', '2018-01-20');
    await eventually(
      async () =>
        (await count('SELECT count(*)::int AS n FROM children WHERE id = ANY($1)', [
          [dumas.iris, dumas.louis, martin.jade],
        ])) === 3 &&
        (await count(
          'SELECT count(*)::int AS n FROM households WHERE family_quotient = 650 AND id = $1',
          [dumas.householdId],
        )) === 1,
      "billing's copy of the households",
    );
  }, 120_000);

  afterAll(async () => {
    await system?.close();
  });

  describe('régies', () => {
    it('lets a supervisor of the organisation create its régie', async () => {
      regie = expectStatus(
        await call<RegieView>('POST', '/agent/regies', supervisor, {
          ...VICHY_REGIE,
          organisationId: vichy.id,
          municipalServiceIds: [serviceOf(vichy, 'school-catering')],
        }),
        201,
      );
      expect(regie).toMatchObject({
        name: 'Affaires Scolaires de Vichy',
        residentOrganisationIds: [vichy.id],
        paymentMethods: ['Chèque à l’ordre du Trésor Public', 'Espèce'],
      });
    });

    it("refuses another organisation's supervisor, a plain agent and a family", async () => {
      const body = {
        ...VICHY_REGIE,
        organisationId: vichy.id,
        municipalServiceIds: [serviceOf(vichy, 'school-catering')],
      };
      expect((await call('POST', '/agent/regies', cussetSupervisor, body)).status).toBe(403);
      expect((await call('POST', '/agent/regies', cateringAgent.actor, body)).status).toBe(403);
      expect((await call('POST', '/agent/regies', dumas.family, body)).status).toBe(403);
      expect((await call('GET', `/agent/regies/${regie.id}`, careAgent.actor)).status).toBe(403);
      expect((await call('GET', `/agent/regies/${regie.id}`, cateringAgent.actor)).status).toBe(
        200,
      );
    });

    it('refuses a bad PayFIP number and due-date rule in French, and a creditor in the API', async () => {
      const response = await call<{ errors: Array<{ field: string; message: string }> }>(
        'POST',
        '/agent/regies',
        supervisor,
        {
          ...VICHY_REGIE,
          organisationId: vichy.id,
          municipalServiceIds: [serviceOf(vichy, 'school-catering')],
          payfipCollectivityNumber: '70',
          sepaCreditor: {
            ics: 'FR00ZZZ123456',
            iban: 'FR7630001007941234567890186',
            bic: 'BDFEFRPPCCT',
          },
          dueDateRule: { kind: 'day-of-next-month', day: 31 },
        },
      );
      expect(response.status).toBe(400);
      expect(response.contentType).toContain('application/problem+json');
      const messages = JSON.stringify(response.body);
      // The SEPA creditor (its IBAN) comes from the SEPA settings, a secret, never the API.
      expect(messages).toContain('sepaCreditor');
      expect(messages).toContain("L'identifiant PayFIP de la collectivité compte 6 chiffres.");
      expect(messages).toContain("Le jour d'échéance est entre 1 et 28.");
    });
  });

  describe('tariffs and quotes', () => {
    it('adds a tariff, and refuses one overlapping it or with brackets out of order', async () => {
      const tariff = expectStatus(
        await call<TariffView>(
          'POST',
          `/agent/regies/${regie.id}/tariffs`,
          supervisor,
          CATERING_TARIFF,
        ),
        201,
      );
      expect(tariff.brackets).toHaveLength(3);
      const overlap = await call<{ code: string }>(
        'POST',
        `/agent/regies/${regie.id}/tariffs`,
        supervisor,
        {
          ...CATERING_TARIFF,
          validFrom: '2027-01-01',
          validUntil: '2027-12-31',
        },
      );
      expect(overlap.status).toBe(409);
      expect(overlap.body.code).toBe('TARIFF_OVERLAP');
      const disorder = await call<{ detail: string }>(
        'POST',
        `/agent/regies/${regie.id}/tariffs`,
        supervisor,
        {
          ...CATERING_TARIFF,
          unitCode: 'gouter',
          brackets: [
            CATERING_TARIFF.brackets[1],
            CATERING_TARIFF.brackets[0],
            CATERING_TARIFF.brackets[2],
          ],
        },
      );
      expect(disorder.status).toBe(400);
      expect(JSON.stringify(disorder.body)).toContain('Les plafonds de quotient doivent croître.');
    });

    it('quotes a slot for reservation: the bracket of the quotient, resident, eldest', async () => {
      // As reservation asks: quotes answer only the services that may call them.
      const requester = system.service('reservation').app.get(ServiceRequester);
      const quote: QuoteView = await requester.request(BillingSubjects.quotesGet, {
        municipalServiceId: catering.municipalServiceId,
        activityCode: 'restauration-scolaire',
        unitCode: 'repas',
        childId: dumas.iris,
        day: '2026-10-08',
      });
      expect(quote).toMatchObject({
        unitPriceCents: 230,
        bracket: 1,
        resident: true,
        siblingRank: 1,
        note: null,
      });
      const jade: QuoteView = await requester.request(BillingSubjects.quotesGet, {
        municipalServiceId: catering.municipalServiceId,
        activityCode: 'restauration-scolaire',
        unitCode: 'repas',
        childId: martin.jade,
        day: '2026-10-08',
      });
      expect(jade).toMatchObject({ unitPriceCents: 455, resident: false });
      expect(jade.note).toContain('Quotient familial non communiqué');
    });

    it('quotes a month of slots at once, with no price where no tariff applies', async () => {
      // As reservation asks: quotes answer only the services that may call them.
      const requester = system.service('reservation').app.get(ServiceRequester);
      const month = await requester.request(BillingSubjects.quotesList, {
        municipalServiceId: catering.municipalServiceId,
        activityCode: 'restauration-scolaire',
        childId: dumas.iris,
        items: [
          { unitCode: 'repas', day: '2026-10-08' },
          { unitCode: 'repas', day: '2026-10-09' },
          { unitCode: 'gouter', day: '2026-10-08' },
        ],
      });
      expect(month.prices).toEqual([
        { unitCode: 'repas', day: '2026-10-08', unitPriceCents: 230 },
        { unitCode: 'repas', day: '2026-10-09', unitPriceCents: 230 },
        { unitCode: 'gouter', day: '2026-10-08', unitPriceCents: null },
      ]);
    });
  });

  describe('a post-billing run of October', () => {
    const iris = () => ({ childId: dumas.iris, householdId: dumas.householdId });
    const louis = () => ({ childId: dumas.louis, householdId: dumas.householdId });
    const jade = () => ({ childId: martin.jade, householdId: martin.householdId });
    /** Dumas: Iris 7 × 2,30 + 3 absences × 2,30; Louis (−10 %) 4 × 2,07 + 1 unexpected × 3,11 + 1 late × 2,07. */
    const DUMAS_TOTAL = 7 * 230 + 3 * 230 + 4 * 207 + 311 + 207;
    const MARTIN_TOTAL = 2 * 455;

    beforeAll(async () => {
      for (let day = 1; day <= 7; day += 1) await attended(iris(), october(day), 'present');
      for (let day = 12; day <= 14; day += 1)
        await attended(iris(), october(day), 'absent-unjustified');
      for (let day = 15; day <= 16; day += 1)
        await attended(iris(), october(day), 'absent-justified');
      for (let day = 1; day <= 4; day += 1) await attended(louis(), october(day), 'present');
      await attended(louis(), october(5), 'unexpected');
      const late = aBookingAt(catering, louis(), october(6));
      await recordReservationEvent(system, 'reservation.request.recorded', aRequestBooking(late));
      await recordReservationEvent(
        system,
        'reservation.booking.cancelled',
        { ...late, late: true, cause: 'family', previousStatus: 'booked' },
        late.bookingId,
      );
      const onTime = aBookingAt(catering, louis(), october(7));
      await recordReservationEvent(system, 'reservation.request.recorded', aRequestBooking(onTime));
      await recordReservationEvent(
        system,
        'reservation.booking.cancelled',
        { ...onTime, late: false, cause: 'family', previousStatus: 'booked' },
        onTime.bookingId,
      );
      // Corrected later: absent then present, the last record wins.
      await attended(jade(), october(8), 'absent-unjustified');
      await attended(jade(), october(8), 'present');
      await attended(jade(), october(9), 'present');
      await eventually(
        async () =>
          (await count('SELECT count(*)::int AS n FROM attendance')) === 19 &&
          (await count("SELECT count(*)::int AS n FROM booked_days WHERE status = 'cancelled'")) ===
            2 &&
          (await count(
            "SELECT count(*)::int AS n FROM attendance WHERE child_id = $1 AND status = 'present'",
            [martin.jade],
          )) === 2,
        "billing's copy of October's attendance",
      );
    }, 120_000);

    it('refuses to run before reservation locked the month', async () => {
      const response = await call<{ code: string; detail: string }>(
        'POST',
        `/agent/regies/${regie.id}/runs`,
        cateringAgent.actor,
        {
          month: OCTOBER,
          dryRun: true,
        },
      );
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('MONTH_NOT_LOCKED');
    });

    it('shows in a dry run what each household would receive, and issues nothing', async () => {
      await recordReservationEvent(
        system,
        'reservation.attendance.month-locked',
        {
          organisationId: vichy.id,
          municipalServiceId: catering.municipalServiceId,
          month: OCTOBER,
          lockedBy: cateringAgent.id,
          lockedAt: '2026-11-02T08:00:00.000Z',
        },
        catering.municipalServiceId,
      );
      await eventually(
        async () => (await count('SELECT count(*)::int AS n FROM month_locks')) === 1,
        'the lock',
      );
      const run = expectStatus(
        await call<RunView>('POST', `/agent/regies/${regie.id}/runs`, cateringAgent.actor, {
          month: OCTOBER,
          dryRun: true,
        }),
        200,
      );
      expect(run).toMatchObject({
        issuedCount: 0,
        householdCount: 2,
        totalCents: DUMAS_TOTAL + MARTIN_TOTAL,
      });
      const byHousehold = new Map(
        run.households.map((household) => [household.householdId, household]),
      );
      const dumasView = byHousehold.get(dumas.householdId)!;
      expect(dumasView.addressee).toBe('DUMAS Camille');
      expect(dumasView.totalCents).toBe(DUMAS_TOTAL);
      expect(
        dumasView.lines.map((line) => [
          line.childName,
          line.kind,
          line.quantity,
          line.unitPriceCents,
          line.amountCents,
        ]),
      ).toEqual([
        ['DUMAS Iris', 'present', 7, 230, 1610],
        ['DUMAS Iris', 'absent-unjustified', 3, 230, 690],
        ['DUMAS Louis', 'present', 4, 207, 828],
        ['DUMAS Louis', 'unexpected', 1, 311, 311],
        ['DUMAS Louis', 'late-cancellation', 1, 207, 207],
      ]);
      expect(dumasView.lines.reduce((sum, line) => sum + line.amountCents, 0)).toBe(
        dumasView.totalCents,
      );
      const martinView = byHousehold.get(martin.householdId)!;
      expect(martinView.totalCents).toBe(MARTIN_TOTAL);
      expect(martinView.lines[0].note).toBe(
        'Quotient familial non communiqué : tarif de la tranche la plus haute',
      );
      expect(await count('SELECT count(*)::int AS n FROM invoices')).toBe(0);
    });

    it("refuses the run to an agent of none of the régie's services", async () => {
      const response = await call<{ code: string }>(
        'POST',
        `/agent/regies/${regie.id}/runs`,
        careAgent.actor,
        {
          month: OCTOBER,
          dryRun: false,
        },
      );
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('REGIE_OUT_OF_SCOPE');
    });

    it('issues one invoice per household, numbered from 1, and nothing twice when run again', async () => {
      const first = expectStatus(
        await call<RunView>('POST', `/agent/regies/${regie.id}/runs`, cateringAgent.actor, {
          month: OCTOBER,
          dryRun: false,
        }),
        200,
      );
      expect(first.issuedCount).toBe(2);
      expect(first.households.map((household) => household.number).sort()).toEqual([1, 2]);
      const again = expectStatus(
        await call<RunView>('POST', `/agent/regies/${regie.id}/runs`, cateringAgent.actor, {
          month: OCTOBER,
          dryRun: false,
        }),
        200,
      );
      expect(again).toMatchObject({ issuedCount: 0, alreadyIssuedCount: 2 });
      expect(again.households.map((household) => household.invoiceId).sort()).toEqual(
        first.households.map((household) => household.invoiceId).sort(),
      );
      expect(await count('SELECT count(*)::int AS n FROM invoices')).toBe(2);
      expect(
        await count("SELECT count(*)::int AS n FROM outbox WHERE type = 'billing.invoice.issued'"),
      ).toBe(2);
      const [event] = await db.query<Array<{ envelope: { payload: Record<string, unknown> } }>>(
        "SELECT envelope FROM outbox WHERE type = 'billing.invoice.issued' AND aggregate_id = $1",
        [
          first.households.find((household) => household.householdId === dumas.householdId)!
            .invoiceId,
        ],
      );
      expect(event.envelope.payload).toMatchObject({
        householdId: dumas.householdId,
        accountIds: [dumas.family.accountId],
        totalCents: DUMAS_TOTAL,
        month: OCTOBER,
        issuedOn: '2026-11-03',
        dueOn: '2026-12-10',
      });
    });

    it('never lets an issued invoice change', async () => {
      await expect(db.query('UPDATE invoices SET total_cents = 1')).rejects.toThrow(
        /never changes/,
      );
      await expect(db.query('DELETE FROM invoice_lines')).rejects.toThrow(/never changes/);
    });

    it("shows each family its own invoices and balance, never another's", async () => {
      const account = expectStatus(
        await call<AccountView>('GET', '/me/invoices', dumas.family),
        200,
      );
      expect(account.householdId).toBe(dumas.householdId);
      expect(account.invoices).toHaveLength(1);
      expect(account.invoices[0]).toMatchObject({
        status: 'issued',
        totalCents: DUMAS_TOTAL,
        balanceCents: DUMAS_TOTAL,
        regieName: 'Affaires Scolaires de Vichy',
        dueOn: '2026-12-10',
      });
      expect(account.invoices[0].familyFileNumber).toBeGreaterThan(0);
      expect(account.balanceCents).toBe(DUMAS_TOTAL);
      const other = expectStatus(
        await call<AccountView>('GET', '/me/invoices', martin.family),
        200,
      );
      expect(other.invoices.map((invoice) => invoice.householdId)).toEqual([martin.householdId]);
      expect(
        await downloadStatus(`/me/invoices/${account.invoices[0].id}/pdf`, martin.family),
      ).toBe(404);
      expect((await call('GET', '/me/invoices', cateringAgent.actor)).status).toBe(403);
    });

    it('renders the PDF with every field of the example invoice', async () => {
      const account = expectStatus(
        await call<AccountView>('GET', '/me/invoices', dumas.family),
        200,
      );
      const invoice = account.invoices[0];
      const response = await fetch(`${system.gatewayUrl}/api/v1/me/invoices/${invoice.id}/pdf`, {
        headers: dumas.family.authorization,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      const text = await pdfText(Buffer.from(await response.arrayBuffer()));
      const reference = `2026-CA-00-${String(invoice.number).padStart(6, '0')}`;
      for (const field of [
        `FACTURE n° ${invoice.number}`,
        'Affaires Scolaires de Vichy',
        'Facture du 03/11/2026',
        'Octobre 2026',
        '01/10/2026 -> 31/10/2026',
        'A régler avant le 10/12/2026',
        'DUMAS Camille',
        '3 rue de Paris',
        '03200 Vichy',
        'Observations',
        'DUMAS Iris',
        'DUMAS Louis',
        'Qté',
        'Tarif',
        'Montant',
        'Vichy Restauration Scolaire - Ecole élémentaire Jacques Laurent 7 2,30 € 16,10 €',
        'Absence non justifiée 3 2,30 € 6,90 €',
        'Présence non prévue 1 3,11 € 3,11 €',
        'Annulation tardive 1 2,07 € 2,07 €',
        'Sous-total',
        'A payer 36,46 €',
        'Talon à joindre à votre règlement',
        'CDFIP de CUSSET - Trésorerie de Vichy',
        '8 rue du bief',
        'BP 42657',
        '03307 CUSSET Cedex',
        'Identifiant de la collectivité : 000070',
        `Référence de la dette : ${reference}`,
        'Chèque à l’ordre du Trésor Public',
        'Espèce',
        `N° Dossier : ${invoice.familyFileNumber}`,
        'www.payfip.gouv.fr',
        'Solde facture : 36,46 €',
      ]) {
        expect(text).toContain(field);
      }
    });

    it("lets the régie's agents list and download its invoices, and no one else", async () => {
      const page = expectStatus(
        await call<InvoicePage>(
          'GET',
          `/agent/regies/${regie.id}/invoices?month=${OCTOBER}&status=issued`,
          cateringAgent.actor,
        ),
        200,
      );
      expect(page.total).toBe(2);
      const overdue = expectStatus(
        await call<InvoicePage>(
          'GET',
          `/agent/regies/${regie.id}/invoices?status=overdue`,
          cateringAgent.actor,
        ),
        200,
      );
      expect(overdue.total).toBe(0);
      const account = expectStatus(
        await call<AccountView>(
          'GET',
          `/agent/regies/${regie.id}/households/${martin.householdId}/account`,
          cateringAgent.actor,
        ),
        200,
      );
      expect(account.balanceCents).toBe(MARTIN_TOTAL);
      const invoiceId = account.invoices[0].id;
      expect(await downloadStatus(`/agent/invoices/${invoiceId}/pdf`, cateringAgent.actor)).toBe(
        200,
      );
      expect(await downloadStatus(`/agent/invoices/${invoiceId}/pdf`, careAgent.actor)).toBe(404);
      expect(await downloadStatus(`/agent/invoices/${invoiceId}/pdf`, martin.family)).toBe(403);
      expect(
        (await call('GET', `/agent/regies/${regie.id}/invoices`, careAgent.actor)).status,
      ).toBe(403);
    });

    it('refuses a malformed month in French', async () => {
      const response = await call('POST', `/agent/regies/${regie.id}/runs`, cateringAgent.actor, {
        month: '2026-13',
        dryRun: 'oui',
      });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain('Le mois doit être de la forme AAAA-MM');
      expect(JSON.stringify(response.body)).toContain('dryRun doit être true ou false.');
    });
  });

  describe('invoice numbering', () => {
    it(`gives ${CONCURRENT_ISSUANCES} concurrent issuances consecutive numbers, no gap, no duplicate; a failed one leaves no gap`, async () => {
      const care = expectStatus(
        await call<RegieView>('POST', '/agent/regies', supervisor, {
          ...VICHY_REGIE,
          name: 'Régie périscolaire de Vichy',
          debtReferenceFormat: 'R{year}{month}N{number}',
          organisationId: vichy.id,
          municipalServiceIds: [serviceOf(vichy, 'out-of-school-care')],
        }),
        201,
      );
      const app = system.service('billing').app;
      const row = await app.get(RegieStore).load(care.id);
      const issuer = app.get(InvoiceIssuer);
      const issuance = (householdId: string, quantity = 1) => ({
        regie: row,
        month: '2026-11',
        statement: {
          householdId,
          lines: [
            {
              childId: uuidv7(),
              childName: 'DUMAS Iris',
              kind: 'present' as const,
              label: 'Accueil du matin',
              quantity,
              unitPriceCents: 150,
              amountCents: quantity * 150,
              note: null,
            },
          ],
          totalCents: quantity * 150,
        },
        addressee: { name: 'DUMAS Camille', addressLines: ['3 rue de Paris', '03200 Vichy'] },
        accountIds: [],
        issuedOn: '2026-12-02',
        issuedBy: cateringAgent.id,
        issuedAt: new Date('2026-12-02T09:00:00Z'),
      });

      const issued = await Promise.all(
        Array.from({ length: CONCURRENT_ISSUANCES }, () => issuer.issue(issuance(uuidv7()))),
      );
      const numbers = issued.map((invoice) => invoice.number).sort((a, b) => a - b);
      expect(numbers).toEqual(
        Array.from({ length: CONCURRENT_ISSUANCES }, (_, index) => index + 1),
      );

      // A failed issuance (a line the database refuses, after the number was taken) rolls back.
      await expect(issuer.issue(issuance(uuidv7(), 0))).rejects.toThrow();
      // The same household twice at once: one invoice, the other answers it.
      const twice = uuidv7();
      const [a, b] = await Promise.all([
        issuer.issue(issuance(twice)),
        issuer.issue(issuance(twice)),
      ]);
      expect(a.invoiceId).toBe(b.invoiceId);
      const next = await issuer.issue(issuance(uuidv7()));
      expect(next.number).toBe(CONCURRENT_ISSUANCES + 2);
      const stored = await db.query<Array<{ number: number }>>(
        'SELECT number FROM invoices WHERE regie_id = $1 ORDER BY number',
        [care.id],
      );
      expect(stored.map((invoice) => invoice.number)).toEqual(
        Array.from({ length: CONCURRENT_ISSUANCES + 2 }, (_, index) => index + 1),
      );
      const [first] = await db.query<Array<{ debt_reference: string }>>(
        'SELECT debt_reference FROM invoices WHERE regie_id = $1 AND number = 1',
        [care.id],
      );
      expect(first.debt_reference).toBe('R202611N000001');
      // File numbers too: one per household, the failed issuance's family keeping its own.
      const files = await db.query<Array<{ number: number }>>(
        'SELECT number FROM family_files WHERE regie_id = $1 ORDER BY number',
        [care.id],
      );
      expect(files.map((file) => file.number)).toEqual(
        Array.from({ length: CONCURRENT_ISSUANCES + 3 }, (_, index) => index + 1),
      );
    }, 60_000);
  });
});

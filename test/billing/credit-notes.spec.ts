import {
  BillingSubjects,
  type AccountView,
  type Caller,
  type CorrectiveRunView,
  type CreditNoteView,
  type EstimateView,
  type ExportRowsView,
  type InvoicePage,
} from '@portail/contracts';
import { ServiceRequester } from '@portail/service-kit';
import { expectStatus } from '../support/directory-actors';
import type { Actor } from '../support/identity-actors';
import { pdfText } from '../support/pdf-text';
import { aBookingAt, aRequestBooking, recordReservationEvent } from '../support/fake-reservation';
import {
  aPostBillingSystem,
  MEAL_CENTS,
  type BilledChild,
  type PostBillingFixture,
} from './postbilling-fixture';

const OCTOBER = '2026-10';
const october = (day: number) => `2026-10-${String(day).padStart(2, '0')}`;

/**
 * Credit notes ("avoirs"), corrective runs, the treasury's CSV export and the monthly estimate,
 * through the gateway, on billing with identity and a fake reservation producer (real
 * PostgreSQL and NATS).
 */
describe('billing: credit notes, corrective runs, the treasury export, the estimate', () => {
  let fixture: PostBillingFixture;
  /** 5 meals in October: credited by hand. */
  let dumas: BilledChild;
  /** 3 meals in October, then corrected after the lock. */
  let martin: BilledChild;
  let dumasInvoiceId: string;
  let martinInvoiceId: string;

  const invoicesOf = async (householdId: string) =>
    expectStatus(
      await fixture.call<InvoicePage>(
        'GET',
        `/agent/regies/${fixture.regie.id}/invoices?householdId=${householdId}`,
        fixture.agent.actor,
      ),
      200,
    ).items;

  const credit = (invoiceId: string, body: unknown, actor = fixture.agent.actor) =>
    fixture.call<CreditNoteView & { code: string; detail: string }>(
      'POST',
      `/agent/invoices/${invoiceId}/credit-notes`,
      actor,
      body,
    );

  beforeAll(async () => {
    fixture = await aPostBillingSystem(false, { DATABASE_POOL_SIZE: '30' });
    dumas = await fixture.aFamilyWithAChild('Iris');
    martin = await fixture.aFamilyWithAChild('Jade');
    for (let day = 1; day <= 5; day += 1) await fixture.attended(dumas, october(day), 'present');
    for (let day = 1; day <= 3; day += 1) await fixture.attended(martin, october(day), 'present');
    await fixture.lock(OCTOBER);
    const run = await fixture.run(OCTOBER, false);
    expect(run.issuedCount).toBe(2);
    dumasInvoiceId = run.households.find((h) => h.householdId === dumas.householdId)!.invoiceId!;
    martinInvoiceId = run.households.find((h) => h.householdId === martin.householdId)!.invoiceId!;
  }, 180_000);

  afterAll(async () => {
    await fixture?.close();
  });

  describe('credit notes', () => {
    it('credits part of an invoice with a reason; the invoice stays, its balance counts it', async () => {
      const note = expectStatus(
        await credit(dumasInvoiceId, {
          amountCents: MEAL_CENTS,
          reason: 'Repas du 2 octobre facturé alors que la classe était en sortie.',
        }),
        201,
      );
      expect(note).toMatchObject({
        invoiceId: dumasInvoiceId,
        year: 2026,
        number: 1,
        kind: 'manual',
        amountCents: MEAL_CENTS,
        issuedOn: '2026-11-03',
        replacementInvoiceId: null,
      });
      const [invoice] = await invoicesOf(dumas.householdId);
      expect(invoice).toMatchObject({
        totalCents: 5 * MEAL_CENTS,
        creditedCents: MEAL_CENTS,
        balanceCents: 4 * MEAL_CENTS,
        status: 'issued',
      });
      const family = expectStatus(
        await fixture.call<AccountView>('GET', '/me/invoices', dumas.family),
        200,
      );
      expect(family.balanceCents).toBe(4 * MEAL_CENTS);
      expect(family.creditNotes.map((c) => [c.number, c.amountCents, c.reason])).toEqual([
        [1, MEAL_CENTS, 'Repas du 2 octobre facturé alors que la classe était en sortie.'],
      ]);
      const agentView = expectStatus(
        await fixture.call<AccountView>(
          'GET',
          `/agent/regies/${fixture.regie.id}/households/${dumas.householdId}/account`,
          fixture.agent.actor,
        ),
        200,
      );
      expect(agentView.creditNotes).toHaveLength(1);
      expect(
        await fixture.count(
          "SELECT count(*)::int AS n FROM outbox WHERE type = 'billing.credit-note.issued'",
        ),
      ).toBe(1);
      await expect(fixture.db.query('UPDATE credit_notes SET amount_cents = 1')).rejects.toThrow(
        /never changes/,
      );
    });

    it('gives the credit note as a PDF to its family and its régie, to nobody else', async () => {
      const [note] = expectStatus(
        await fixture.call<AccountView>('GET', '/me/invoices', dumas.family),
        200,
      ).creditNotes;
      const download = (path: string, actor: Actor) =>
        fetch(`${fixture.system.gatewayUrl}/api/v1${path}`, { headers: actor.authorization });
      const mine = await download(`/me/credit-notes/${note.id}/pdf`, dumas.family);
      expect(mine.status).toBe(200);
      expect(mine.headers.get('content-disposition')).toContain('avoir-2026-000001.pdf');
      const text = await pdfText(Buffer.from(await mine.arrayBuffer()));
      for (const expected of [
        'AVOIR n° 1',
        'Affaires Scolaires de Vichy',
        'Avoir du 03/11/2026',
        'Sur la facture n° 1 du 03/11/2026 (Octobre 2026)',
        'Référence de la dette : 2026-CA-00-000001',
        'DUMAS Camille',
        'Repas du 2 octobre facturé alors que la classe était en sortie.',
        "Montant de l'avoir : 4,55 €",
      ]) {
        expect(text).toContain(expected);
      }
      expect((await download(`/me/credit-notes/${note.id}/pdf`, martin.family)).status).toBe(404);
      expect(
        (await download(`/agent/credit-notes/${note.id}/pdf`, fixture.agent.actor)).status,
      ).toBe(200);
      expect(
        (await download(`/agent/credit-notes/${note.id}/pdf`, fixture.outsider.actor)).status,
      ).toBe(404);
    });

    it('refuses more than is left creditable, no reason, another régie and a family', async () => {
      const tooMuch = await credit(dumasInvoiceId, {
        amountCents: 5 * MEAL_CENTS,
        reason: 'Erreur.',
      });
      expect(tooMuch.status).toBe(422);
      expect(tooMuch.body.code).toBe('CREDIT_NOTE_EXCEEDS_INVOICE');
      expect(tooMuch.body.detail).toContain('18,20 €');
      const noReason = await credit(dumasInvoiceId, { amountCents: 100, reason: '  ' });
      expect(noReason.status).toBe(400);
      expect(JSON.stringify(noReason.body)).toContain("Le motif de l'avoir est obligatoire.");
      const zero = await credit(dumasInvoiceId, { amountCents: 0, reason: 'Erreur.' });
      expect(zero.status).toBe(400);
      const outsider = await credit(
        dumasInvoiceId,
        { amountCents: 100, reason: 'Erreur.' },
        fixture.outsider.actor,
      );
      expect(outsider.status).toBe(404);
      expect(outsider.body.code).toBe('INVOICE_NOT_FOUND');
      expect(
        (await credit(dumasInvoiceId, { amountCents: 100, reason: 'Erreur.' }, dumas.family))
          .status,
      ).toBe(403);
    });

    it('numbers concurrent credit notes without a gap and never credits past the total', async () => {
      // 4 meals (18,20 €) are left: 25 concurrent credit notes of 1 € → 18 pass, 7 are refused.
      const responses = await Promise.all(
        Array.from({ length: 25 }, () =>
          credit(dumasInvoiceId, { amountCents: 100, reason: 'Geste commercial.' }),
        ),
      );
      const issued = responses.filter((response) => response.status === 201);
      expect(issued).toHaveLength(18);
      expect(responses.filter((response) => response.status === 422)).toHaveLength(7);
      expect(issued.map((response) => response.body.number).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 18 }, (_, index) => index + 2),
      );
      const [invoice] = await invoicesOf(dumas.householdId);
      expect(invoice).toMatchObject({ creditedCents: MEAL_CENTS + 1800, balanceCents: 20 });
    });

    it('cancels an unpaid invoice credited in full', async () => {
      expectStatus(await credit(dumasInvoiceId, { amountCents: 20, reason: 'Solde annulé.' }), 201);
      const [invoice] = await invoicesOf(dumas.householdId);
      expect(invoice).toMatchObject({ status: 'cancelled', balanceCents: 0 });
      const cancelled = expectStatus(
        await fixture.call<InvoicePage>(
          'GET',
          `/agent/regies/${fixture.regie.id}/invoices?status=cancelled`,
          fixture.agent.actor,
        ),
        200,
      );
      expect(cancelled.items.map((item) => item.id)).toEqual([dumasInvoiceId]);
    });
  });

  describe('a corrective run', () => {
    beforeAll(async () => {
      // After the lock: Jade was absent (justified) on the 2nd, present on the 6th (the same
      // bill so far) and absent without a reason on the 7th (billed).
      await fixture.attended(martin, october(2), 'absent-justified', true);
      await fixture.attended(martin, october(6), 'present', true);
      await fixture.attended(martin, october(7), 'absent-unjustified', true);
    });

    it('shows in a dry run who is billed differently now, and issues nothing', async () => {
      const dry = await fixture.run<CorrectiveRunView>(OCTOBER, true, 'corrective-runs');
      expect(dry).toMatchObject({
        dryRun: true,
        householdCount: 1,
        creditNoteCount: 0,
        invoiceCount: 0,
      });
      expect(dry.households[0]).toMatchObject({
        householdId: martin.householdId,
        previousInvoiceId: martinInvoiceId,
        previousCents: 3 * MEAL_CENTS,
        totalCents: 4 * MEAL_CENTS,
        creditNote: null,
        invoiceId: null,
      });
      expect(dry.households[0].lines.map((line) => [line.kind, line.quantity])).toEqual([
        ['present', 3],
        ['absent-unjustified', 1],
      ]);
      expect(await fixture.count('SELECT count(*)::int AS n FROM invoices')).toBe(2);
    });

    it('credits the old invoice and issues a new one, never editing it; twice issues nothing twice', async () => {
      const run = await fixture.run<CorrectiveRunView>(OCTOBER, false, 'corrective-runs');
      expect(run).toMatchObject({ householdCount: 1, creditNoteCount: 1, invoiceCount: 1 });
      const [corrected] = run.households;
      expect(corrected.creditNote).toMatchObject({
        kind: 'corrective',
        invoiceId: martinInvoiceId,
        amountCents: 3 * MEAL_CENTS,
        replacementInvoiceId: corrected.invoiceId,
      });
      expect(corrected.creditNote!.reason).toBe(
        'Présences corrigées pour octobre 2026 : la facture n° 2 est remplacée par une nouvelle facture.',
      );
      expect(corrected.number).toBe(3);
      const invoices = await invoicesOf(martin.householdId);
      const old = invoices.find((invoice) => invoice.id === martinInvoiceId)!;
      const replacement = invoices.find((invoice) => invoice.id === corrected.invoiceId)!;
      expect(old).toMatchObject({
        totalCents: 3 * MEAL_CENTS,
        status: 'cancelled',
        balanceCents: 0,
      });
      expect(replacement).toMatchObject({
        replacesInvoiceId: martinInvoiceId,
        totalCents: 4 * MEAL_CENTS,
        balanceCents: 4 * MEAL_CENTS,
        status: 'issued',
      });
      expect(replacement.lines.map((line) => [line.kind, line.quantity])).toEqual([
        ['present', 3],
        ['absent-unjustified', 1],
      ]);
      const again = await fixture.run<CorrectiveRunView>(OCTOBER, false, 'corrective-runs');
      expect(again).toMatchObject({ householdCount: 0, creditNoteCount: 0, invoiceCount: 0 });
      const concurrent = await Promise.all([
        fixture.run<CorrectiveRunView>(OCTOBER, false, 'corrective-runs'),
        fixture.run<CorrectiveRunView>(OCTOBER, false, 'corrective-runs'),
      ]);
      expect(concurrent.map((result) => result.invoiceCount)).toEqual([0, 0]);
      expect(await fixture.count('SELECT count(*)::int AS n FROM invoices')).toBe(3);
      // The normal run of the month issues nothing either.
      expect((await fixture.run(OCTOBER, false)).issuedCount).toBe(0);
    });

    it('cancels the month of a household that comes to nothing now, with a credit note only', async () => {
      for (const day of [1, 3, 6])
        await fixture.attended(martin, october(day), 'absent-justified', true);
      await fixture.attended(martin, october(7), 'absent-justified', true);
      const run = await fixture.run<CorrectiveRunView>(OCTOBER, false, 'corrective-runs');
      expect(run).toMatchObject({ householdCount: 1, creditNoteCount: 1, invoiceCount: 0 });
      expect(run.households[0].creditNote!.reason).toBe(
        'Présences corrigées pour octobre 2026 : la facture n° 3 est annulée.',
      );
      const again = await fixture.run<CorrectiveRunView>(OCTOBER, false, 'corrective-runs');
      expect(again.householdCount).toBe(0);
      const account = expectStatus(
        await fixture.call<AccountView>('GET', '/me/invoices', martin.family),
        200,
      );
      expect(account.balanceCents).toBe(0);
      expect(account.creditNotes.map((note) => note.kind)).toEqual(['corrective', 'corrective']);
    });

    it("refuses a corrective run to an agent of none of the régie's services", async () => {
      const response = await fixture.call<{ code: string }>(
        'POST',
        `/agent/regies/${fixture.regie.id}/corrective-runs`,
        fixture.outsider.actor,
        { month: OCTOBER, dryRun: true },
      );
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('REGIE_OUT_OF_SCOPE');
    });
  });

  describe("the treasury's export", () => {
    const exportPath = () => `/agent/regies/${fixture.regie.id}/runs/${OCTOBER}/export.csv`;
    const download = (actor = fixture.agent.actor) =>
      fetch(`${fixture.system.gatewayUrl}/api/v1${exportPath()}`, { headers: actor.authorization });

    it('gives one row per invoice: UTF-8 with BOM, semicolons, French decimal commas', async () => {
      const response = await download();
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/csv');
      expect(response.headers.get('content-disposition')).toContain('factures-000070-2026-10.csv');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
      expect(lines[0]).toBe(
        "Exercice;Numéro de facture;Type;Remplace la facture;Référence de la dette;N° Dossier;Destinataire;Adresse;Date d'émission;Échéance;Montant (€);Avoirs (€)",
      );
      expect(lines).toHaveLength(4);
      expect(lines[1]).toBe(
        '2026;1;Facture;;2026-CA-00-000001;1;DUMAS Camille;3 rue de Paris, 03200 Vichy;03/11/2026;10/12/2026;22,75;22,75',
      );
      expect(lines[3]).toContain(';3;Facture rectificative;2;2026-CA-00-000003;');
      expect(lines[3]).toMatch(/;18,20;18,20$/);
    });

    it('pages through billing in the order of the numbers', async () => {
      const requester = fixture.system.service('billing').app.get(ServiceRequester);
      const caller: Caller = { kind: 'admin', accountId: fixture.admin.accountId };
      const first: ExportRowsView = await requester.request(
        BillingSubjects.exportsRunRows,
        { regieId: fixture.regie.id, month: OCTOBER, limit: 2 },
        { caller },
      );
      expect(first.rows.map((row) => row.number)).toEqual([1, 2]);
      expect(first.more).toBe(true);
      const next: ExportRowsView = await requester.request(
        BillingSubjects.exportsRunRows,
        { regieId: fixture.regie.id, month: OCTOBER, limit: 2, afterYear: 2026, afterNumber: 2 },
        { caller },
      );
      expect(next.rows.map((row) => row.number)).toEqual([3]);
      expect(next.more).toBe(false);
    });

    it('is refused to an agent of another organisation and to a family', async () => {
      expect((await download(fixture.outsider.actor)).status).toBe(403);
      expect((await download(dumas.family)).status).toBe(403);
      const bad = await fetch(
        `${fixture.system.gatewayUrl}/api/v1/agent/regies/${fixture.regie.id}/runs/2026-13/export.csv`,
        { headers: fixture.agent.actor.authorization },
      );
      expect(bad.status).toBe(400);
    });
  });

  describe('what will I pay this month', () => {
    it('prices the booked days of the month per child and activity, as an estimate', async () => {
      for (const day of ['2026-11-05', '2026-11-06', '2026-11-09'])
        await fixture.booked(dumas, day);
      // A unit no tariff covers: counted, not priced.
      await fixture.booked(dumas, '2026-11-10', { ...fixture.catering, unitCode: 'gouter' });
      // Cancelled: not counted.
      const cancelled = aBookingAt(fixture.catering, dumas, '2026-11-12');
      await recordReservationEvent(
        fixture.system,
        'reservation.request.recorded',
        aRequestBooking(cancelled),
      );
      await recordReservationEvent(fixture.system, 'reservation.booking.cancelled', {
        ...cancelled,
        late: false,
        cause: 'family',
        previousStatus: 'booked',
      });
      const estimate = await (async () => {
        const deadline = Date.now() + 20_000;
        for (;;) {
          const answer = expectStatus(
            await fixture.call<EstimateView>(
              'GET',
              '/me/invoices/estimate?month=2026-11',
              dumas.family,
            ),
            200,
          );
          if (
            (answer.unpricedDays === 1 &&
              answer.lines[0]?.quantity === 3 &&
              (await fixture.count(
                "SELECT count(*)::int AS n FROM booked_days WHERE status = 'cancelled'",
              )) === 1) ||
            Date.now() > deadline
          )
            return answer;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      expect(estimate).toMatchObject({
        month: '2026-11',
        estimate: true,
        totalCents: 3 * MEAL_CENTS,
        unpricedDays: 1,
      });
      expect(estimate.lines).toEqual([
        expect.objectContaining({
          childName: 'DUMAS Iris',
          activityCode: 'restauration-scolaire',
          regieName: 'Affaires Scolaires de Vichy',
          quantity: 3,
          unitPriceCents: MEAL_CENTS,
          amountCents: 3 * MEAL_CENTS,
        }),
      ]);
    });

    it('answers an empty estimate for a month without bookings, and refuses a bad month', async () => {
      const empty = expectStatus(
        await fixture.call<EstimateView>(
          'GET',
          '/me/invoices/estimate?month=2027-02',
          martin.family,
        ),
        200,
      );
      expect(empty).toMatchObject({ totalCents: 0, lines: [], unpricedDays: 0, estimate: true });
      const bad = await fixture.call('GET', '/me/invoices/estimate?month=2027-2', martin.family);
      expect(bad.status).toBe(400);
      expect(
        (await fixture.call('GET', '/me/invoices/estimate?month=2026-11', fixture.agent.actor))
          .status,
      ).toBe(403);
    });
  });
});

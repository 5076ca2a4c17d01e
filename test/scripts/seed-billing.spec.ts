import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase, withDatabase } from '@portail/database';
import { LogCapture, TestSystem } from '@portail/testing';
import {
  BILLED_REGIE,
  DEMO_DEBTOR,
  DEMO_REGIES,
  DEMO_TARIFFS,
  seedBilling,
  type BillingSeedOptions,
} from '../../scripts/seed-billing';
import { DEMO_SEPA_CREDITORS } from '../../scripts/demo-payments';
import { seedReservation } from '../../scripts/seed-reservation';
import { SEEDED_ADMIN_EMAIL, seededIdentity } from '../support/seeded-identity';

/** The demo's "today", as in the reservation seed's spec: a Thursday of November 2026, Paris. */
const DEMO_DAY = new Date('2026-11-26T10:00:00+01:00');

describe('npm run seed: régies, tariffs and issued invoices of billing', () => {
  const fixture = seededIdentity('bill');
  const { identityDatabaseUrl, env } = fixture;
  const reservationDatabaseUrl = fixture.stepDatabaseUrl;
  const billingDatabase = TestSystem.uniqueDatabaseName('seedbilling');
  const billingDatabaseUrl = withDatabase(TestSystem.serverUrl(), billingDatabase);

  beforeAll(async () => {
    await fixture.seed();
    await seedReservation({
      reservationDatabaseUrl,
      identityDatabaseUrl,
      adminEmail: SEEDED_ADMIN_EMAIL,
      env,
      logDestination: new LogCapture(),
      now: DEMO_DAY,
    });
  }, 180_000);

  afterAll(async () => {
    await dropDatabase(TestSystem.serverUrl(), billingDatabase);
    await fixture.drop();
  });

  const options = (): BillingSeedOptions => ({
    billingDatabaseUrl,
    reservationDatabaseUrl,
    identityDatabaseUrl,
    adminEmail: SEEDED_ADMIN_EMAIL,
    env,
    logDestination: new LogCapture(),
    now: DEMO_DAY,
  });

  it('creates the régies of the specification, tariffs for every seeded unit, a locked month of attendance and its invoices; a second run creates nothing', async () => {
    const first = await seedBilling(options());
    expect(first).toMatchObject({
      month: '2026-10',
      regies: DEMO_REGIES.length,
      tariffs: DEMO_TARIFFS.length,
      lateCancellations: 1,
      monthLocks: 2,
    });
    expect(first.bookings).toBeGreaterThan(20);
    expect(first.attendance).toBeGreaterThan(20);
    expect(first.events).toBeGreaterThan(first.attendance);
    // The LEMAIRE household (Inès and Hugo) and the FAYOLLE one (Nathan).
    expect(first.invoices).toBe(2);

    const billing = new Client({ connectionString: billingDatabaseUrl });
    const reservation = new Client({ connectionString: reservationDatabaseUrl });
    await billing.connect();
    await reservation.connect();
    const counts = async () => ({
      billing: (
        await billing.query<Record<string, string>>(
          `SELECT (SELECT count(*) FROM regies)::text AS regies,
                  (SELECT count(*) FROM tariffs)::text AS tariffs,
                  (SELECT count(*) FROM invoices)::text AS invoices,
                  (SELECT count(*) FROM invoice_lines)::text AS lines,
                  (SELECT count(*) FROM billing_runs)::text AS runs,
                  (SELECT count(*) FROM attendance)::text AS attendance,
                  (SELECT count(*) FROM inbox)::text AS inbox,
                  (SELECT count(*) FROM outbox)::text AS events`,
        )
      ).rows[0],
      reservation: (
        await reservation.query<Record<string, string>>(
          `SELECT (SELECT count(*) FROM bookings)::text AS bookings,
                  (SELECT count(*) FROM attendance_records)::text AS attendance,
                  (SELECT count(*) FROM attendance_month_locks)::text AS locks,
                  (SELECT count(*) FROM outbox)::text AS events`,
        )
      ).rows[0],
    });
    try {
      const { rows: regies } = await billing.query<{
        name: string;
        treasury_address: string[];
        payfip_collectivity_number: string;
        debt_reference_format: string;
        municipal_service_ids: string[];
      }>('SELECT * FROM regies ORDER BY name');
      expect(regies.map((regie) => regie.name).sort()).toEqual(
        DEMO_REGIES.map((demo) => demo.name).sort(),
      );
      const vichy = regies.find((regie) => regie.name === BILLED_REGIE)!;
      expect(vichy).toMatchObject({
        payfip_collectivity_number: '000070',
        debt_reference_format: '{year}-CA-00-{number}',
        treasury_address: [
          'CDFIP de CUSSET - Trésorerie de Vichy',
          '8 rue du bief',
          'BP 42657',
          '03307 CUSSET Cedex',
        ],
      });
      expect(vichy.municipal_service_ids).toHaveLength(2);

      // A tariff for every unit of the reservation seed's activities, with brackets.
      const { rows: units } = await reservation.query<{ activity: string; unit: string }>(
        `SELECT a.code AS activity, u.code AS unit FROM activity_units u
           JOIN activities a ON a.id = u.activity_id ORDER BY 1, 2`,
      );
      const { rows: tariffs } = await billing.query<{
        activity: string;
        unit: string;
        brackets: unknown[];
      }>(
        'SELECT activity_code AS activity, unit_code AS unit, brackets FROM tariffs ORDER BY 1, 2',
      );
      expect(tariffs.map(({ activity, unit }) => ({ activity, unit }))).toEqual(units);
      for (const tariff of tariffs) expect(tariff.brackets.length).toBeGreaterThan(1);

      // October: invoices numbered 1 and 2, debt references of the specification's format,
      // lines summing to their totals, every kind of billed day.
      const { rows: invoices } = await billing.query<{
        number: number;
        debt_reference: string;
        month: string;
        issued_on: string;
        total_cents: number;
        lines_total: number;
        children: number;
        addressee: { name: string };
      }>(
        `SELECT i.number, i.debt_reference, i.month, i.issued_on::text AS issued_on,
                i.total_cents, i.addressee, sum(l.amount_cents)::int AS lines_total,
                count(DISTINCT l.child_id)::int AS children
           FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
          GROUP BY i.id ORDER BY i.number`,
      );
      expect(invoices.map((invoice) => invoice.number)).toEqual([1, 2]);
      for (const invoice of invoices) {
        expect(invoice.month).toBe('2026-10');
        expect(invoice.issued_on).toBe('2026-11-26');
        expect(invoice.debt_reference).toBe(
          `2026-CA-00-${String(invoice.number).padStart(6, '0')}`,
        );
        expect(invoice.lines_total).toBe(invoice.total_cents);
        expect(invoice.total_cents).toBeGreaterThan(0);
      }
      expect(invoices.map((invoice) => invoice.children).sort()).toEqual([1, 2]);
      expect(invoices.map((invoice) => invoice.addressee.name.split(' ')[0]).sort()).toEqual([
        'FAYOLLE',
        'LEMAIRE',
      ]);
      const { rows: kinds } = await billing.query<{ kind: string }>(
        'SELECT DISTINCT kind FROM invoice_lines ORDER BY kind',
      );
      expect(kinds.map((row) => row.kind)).toEqual([
        'absent-unjustified',
        'late-cancellation',
        'present',
        'unexpected',
      ]);
      // Justified absences are recorded but never billed.
      const { rows: justified } = await billing.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM attendance WHERE status = 'absent-justified'",
      );
      expect(justified[0].n).toBeGreaterThan(0);

      const before = await counts();
      const second = await seedBilling(options());
      expect(second).toEqual({
        month: '2026-10',
        mandates: 0,
        regies: 0,
        tariffs: 0,
        bookings: 0,
        lateCancellations: 0,
        attendance: 0,
        monthLocks: 0,
        events: 0,
        invoices: 0,
      });
      expect(await counts()).toEqual(before);
    } finally {
      await billing.end();
      await reservation.end();
    }
  }, 240_000);

  it("gives the demo family a SEPA mandate with the billed régie when billing has its creditor (npm start's demo), once", async () => {
    const withSepa = (): BillingSeedOptions => ({
      ...options(),
      env: {
        ...env,
        SEPA_CREDITORS: JSON.stringify(DEMO_SEPA_CREDITORS),
        SEPA_IBAN_KEY: randomBytes(32).toString('base64'),
      },
    });
    expect(await seedBilling(withSepa())).toMatchObject({ mandates: 1, invoices: 0 });
    expect(await seedBilling(withSepa())).toMatchObject({ mandates: 0 });
    const billing = new Client({ connectionString: billingDatabaseUrl });
    await billing.connect();
    try {
      const { rows } = await billing.query<{
        debtor_name: string;
        iban_masked: string;
        iban_ciphertext: string;
        regie: string;
      }>(
        `SELECT m.debtor_name, m.iban_masked, m.iban_ciphertext, r.name AS regie
         FROM sepa_mandates m JOIN regies r ON r.id = m.regie_id`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ debtor_name: DEMO_DEBTOR.debtorName, regie: BILLED_REGIE });
      expect(rows[0].iban_masked).toMatch(/^FR76 \*{4}/);
      expect(rows[0].iban_ciphertext).not.toContain(DEMO_DEBTOR.iban.slice(4));
    } finally {
      await billing.end();
    }
  }, 120_000);
});

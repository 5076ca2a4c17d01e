/**
 * Issue 16: enrolment, reservation and billing keep personal data no longer than they need it.
 * Each service's purge job (services/<service>/src/retention/) is run at a fixed instant (the
 * service's Clock moved): rows past their retention go (documents with their bytes), recent rows
 * stay, and billing's accounting records (invoices, lines, credit notes, payments that moved
 * money) stay whatever their age. The job runs once across two replicas of a service. Aged rows
 * are written in SQL as the use cases write them (their timestamps could not be aged otherwise).
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@portail/config';
import {
  Clock,
  RetentionJob,
  startBackendService,
  type RunningService,
  type TimedJobRun,
} from '@portail/service-kit';
import type { TestSystem } from '@portail/testing';
import { billingEnvSchema } from '../../services/billing/src/config';
import { billingService } from '../../services/billing/src/billing.service';
import { DocumentStorage } from '../../services/enrolment/src/documents/storage/document-storage';
import { startSystem } from '../support/services';

/** The instant every purge is judged at (a Saturday of December, school year 2026-2027). */
const NOW = new Date('2026-12-05T10:00:00Z');
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS);

type Service = 'enrolment' | 'reservation' | 'billing';

describe('retention in enrolment, reservation and billing', () => {
  let system: TestSystem;

  const ids = (service: Service, sql: string, params: unknown[] = []) =>
    system
      .query<{ id: string }>(service, sql, params)
      .then((rows) => rows.map((row) => row.id).sort());

  /** Runs a service's purge (on `app`, one replica) as if it were NOW. */
  async function purge(app: RunningService['app']): Promise<TimedJobRun> {
    const clock = jest.spyOn(app.get(Clock, { strict: false }), 'now').mockReturnValue(NOW);
    try {
      return await app.get(RetentionJob, { strict: false }).runOnce();
    } finally {
      clock.mockRestore();
    }
  }

  beforeAll(async () => {
    system = await startSystem(['enrolment', 'reservation', 'billing'], {
      // the tests run the jobs themselves, at NOW; other timed jobs would touch the rows
      RETENTION_JOB_ENABLED: 'false',
      BILLING_JOBS_ENABLED: 'false',
      INVOICE_REMINDERS_ENABLED: 'false',
      RESERVATION_JOBS_ENABLED: 'false',
    });
  }, 120_000);

  afterAll(async () => {
    await system?.close();
  });

  describe('enrolment', () => {
    const householdId = randomUUID();
    const account = randomUUID();
    const app = () => system.service('enrolment').app;
    const storage = () => app().get(DocumentStorage, { strict: false });
    const a: Record<string, string> = {};
    const d: Record<string, { id: string; key: string }> = {};
    let reference = 0;

    const procedure = async (season: string) => {
      const id = randomUUID();
      await system.query(
        'enrolment',
        `INSERT INTO procedures (id, organisation_id, organisation_name, municipal_service_id,
           municipal_service_name, season, title, description, form, opens_at, closes_at,
           validation_mode, "grant", status, created_by)
         VALUES ($1, $2, 'Vichy', $3, 'Restauration scolaire', $4, 'Cantine', 'Inscription',
           '{"fields": []}', '2023-06-01', '2027-06-01', 'manual', '{}', 'published', $5)`,
        [id, randomUUID(), randomUUID(), season, account],
      );
      return id;
    };

    const application = async (
      procedureId: string,
      season: string,
      status: string,
      updatedAt: Date,
    ) => {
      const id = randomUUID();
      reference += 1;
      await system.query(
        'enrolment',
        `INSERT INTO applications (id, reference, procedure_id, organisation_id,
           municipal_service_id, season, household_id, child_id, child, child_search, status,
           answers, filed_by_kind, filed_by_account_id, submitted_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
           '{"firstName": "Léa", "lastName": "Durand", "birthDate": "2018-04-02"}', 'lea durand',
           $9, '{"allergies": "arachide"}', 'family', $10, $11, $11, $11)`,
        [
          id,
          `R-${reference}-${randomUUID().slice(0, 8)}`,
          procedureId,
          randomUUID(),
          randomUUID(),
          season,
          householdId,
          randomUUID(),
          status,
          account,
          updatedAt,
        ],
      );
      await system.query(
        'enrolment',
        `INSERT INTO application_history (application_id, status, at, actor_kind, actor_account_id, message)
         VALUES ($1, $2, $3, 'family', $4, 'Merci')`,
        [id, status, updatedAt, account],
      );
      return id;
    };

    const document = async (
      validUntil: string | null,
      hidden: boolean,
      attachedTo?: string,
    ): Promise<{ id: string; key: string }> => {
      const id = randomUUID();
      const key = `households/${householdId}/${id}`;
      await storage().put(key, Buffer.from(`%PDF-1.4 ${id}`));
      await system.query(
        'enrolment',
        `INSERT INTO documents (id, household_id, document_type, label, file_name, content_type,
           size, sha256, valid_until, storage_key, uploaded_by, uploaded_by_kind, uploaded_at, hidden_at)
         VALUES ($1, $2, 'proof-of-address', 'Justificatif', 'facture.pdf', 'application/pdf', 40,
           repeat('a', 64), $3, $4, $5, 'family', $6, $7)`,
        [id, householdId, validUntil, key, account, daysAgo(800), hidden ? daysAgo(300) : null],
      );
      if (attachedTo) {
        await system.query(
          'enrolment',
          `INSERT INTO application_documents (application_id, document_id, document_type,
             file_name, content_type, size)
           VALUES ($1, $2, 'proof-of-address', 'facture.pdf', 'application/pdf', 40)`,
          [attachedTo, id],
        );
      }
      return { id, key };
    };

    const accessLog = (at: Date) =>
      system.query(
        'enrolment',
        `INSERT INTO document_access_log (document_id, household_id, application_ids, action,
           actor_kind, actor_account_id, at)
         VALUES ($1, $2, '{}', 'download', 'agent', $3, $4)`,
        [randomUUID(), householdId, randomUUID(), at],
      );

    beforeAll(async () => {
      const past = await procedure('2023-2024');
      const lastYear = await procedure('2025-2026');
      const current = await procedure('2026-2027');
      a.oldDraft = await application(current, '2026-2027', 'draft', daysAgo(181));
      a.recentDraft = await application(current, '2026-2027', 'draft', daysAgo(30));
      a.oldRejection = await application(current, '2026-2027', 'rejected', daysAgo(396));
      a.recentWithdrawal = await application(current, '2026-2027', 'withdrawn', daysAgo(60));
      // 2023-2024 ended on 31 August 2024: 826 days before NOW
      a.pastSeason = await application(past, '2023-2024', 'accepted', daysAgo(900));
      // 2025-2026 ended on 31 August 2026: 96 days before NOW
      a.lastSeason = await application(lastYear, '2025-2026', 'accepted', daysAgo(400));
      a.current = await application(current, '2026-2027', 'submitted', daysAgo(400));
      d.hiddenOfOldRejection = await document(null, true, a.oldRejection);
      d.hiddenOfRecentWithdrawal = await document(null, true, a.recentWithdrawal);
      d.longExpired = await document('2025-11-30', false);
      d.recentlyExpired = await document('2026-06-30', false);
      d.live = await document(null, false);
      d.expiredButAttached = await document('2024-06-30', false, a.lastSeason);
      await accessLog(daysAgo(366));
      await accessLog(daysAgo(10));
    });

    it('deletes drafts, ended applications and past seasons past their time, with their history and attachments', async () => {
      expect(await purge(app())).toMatchObject({ ran: true });
      expect(await ids('enrolment', 'SELECT id FROM applications')).toEqual(
        [a.recentDraft, a.recentWithdrawal, a.lastSeason, a.current].sort(),
      );
      expect(
        await ids('enrolment', 'SELECT DISTINCT application_id AS id FROM application_history'),
      ).toEqual([a.recentDraft, a.recentWithdrawal, a.lastSeason, a.current].sort());
      expect(
        await ids('enrolment', 'SELECT DISTINCT application_id AS id FROM application_documents'),
      ).toEqual([a.recentWithdrawal, a.lastSeason].sort());
    });

    it('deletes documents no application keeps that were deleted or expired long ago, bytes included', async () => {
      expect(await ids('enrolment', 'SELECT id FROM documents')).toEqual(
        [
          d.hiddenOfRecentWithdrawal.id,
          d.recentlyExpired.id,
          d.live.id,
          d.expiredButAttached.id,
        ].sort(),
      );
      for (const gone of [d.hiddenOfOldRejection, d.longExpired]) {
        expect(await storage().get(gone.key)).toBeUndefined();
      }
      for (const kept of [d.hiddenOfRecentWithdrawal, d.live, d.expiredButAttached]) {
        expect(await storage().get(kept.key)).toBeInstanceOf(Buffer);
      }
      const [{ count }] = await system.query<{ count: number }>(
        'enrolment',
        'SELECT count(*)::int AS count FROM document_access_log',
      );
      expect(count).toBe(1);
    });

    it('changes nothing when run again', async () => {
      const before = await ids('enrolment', 'SELECT id FROM applications');
      expect(await purge(app())).toMatchObject({ ran: true, handled: 0 });
      expect(await ids('enrolment', 'SELECT id FROM applications')).toEqual(before);
    });
  });

  describe('reservation', () => {
    const app = () => system.service('reservation').app;
    const organisationId = randomUUID();
    const serviceId = randomUUID();
    const activityId = randomUUID();
    const unitId = randomUUID();
    const siteId = randomUUID();
    const agent = randomUUID();
    const rows: Record<string, { right: string; booking: string; attendance: string }> = {};
    const feeds: Record<string, string> = {};

    /** A child's right for a season, one booking on `day`, its attendance, maybe a pattern. */
    async function aChildBooked(validFrom: string, validUntil: string, day: string) {
      const right = randomUUID();
      const child = randomUUID();
      const household = randomUUID();
      const account = randomUUID();
      await system.query(
        'reservation',
        `INSERT INTO booking_rights (id, organisation_id, municipal_service_id, activity_code,
           billing, household_id, child_id, child_first_name, child_last_name, account_ids,
           valid_from, valid_until)
         VALUES ($1, $2, $3, 'cantine', 'post-billing', $4, $5, 'Léa', 'Durand', $6, $7, $8)`,
        [right, organisationId, serviceId, household, child, [account], validFrom, validUntil],
      );
      const booking = randomUUID();
      await system.query(
        'reservation',
        `INSERT INTO bookings (id, right_id, child_id, household_id, activity_id, unit_id, site_id,
           day, status, requested_by, requested_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'booked', $9, $10)`,
        [booking, right, child, household, activityId, unitId, siteId, day, account, daysAgo(900)],
      );
      const attendance = randomUUID();
      await system.query(
        'reservation',
        `INSERT INTO attendance_records (id, organisation_id, municipal_service_id, activity_id,
           unit_id, site_id, day, child_id, household_id, right_id, booking_id, status, reason,
           recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'absent-justified',
           'Certificat médical', $12, $13)`,
        [
          attendance,
          organisationId,
          serviceId,
          activityId,
          unitId,
          siteId,
          day,
          child,
          household,
          right,
          booking,
          agent,
          daysAgo(900),
        ],
      );
      await system.query(
        'reservation',
        `INSERT INTO booking_patterns (id, right_id, child_id, household_id, activity_id, site_id,
           units, every_weeks, anchor_day, first_day, last_day, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, '[]', 1, $7, $7, $8, $9, $10, $10)`,
        [
          randomUUID(),
          right,
          child,
          household,
          activityId,
          siteId,
          validFrom,
          validUntil,
          account,
          daysAgo(900),
        ],
      );
      const token = randomUUID();
      await system.query(
        'reservation',
        `INSERT INTO calendar_feeds (child_id, account_id, token_hash, created_at)
         VALUES ($1, $2, sha256(convert_to($3, 'UTF8')), $4)`,
        [child, account, token, daysAgo(900)],
      );
      return { right, booking, attendance, child };
    }

    beforeAll(async () => {
      await system.query(
        'reservation',
        `INSERT INTO activities (id, organisation_id, municipal_service_id, code, name)
         VALUES ($1, $2, $3, 'cantine', 'Restauration scolaire')`,
        [activityId, organisationId, serviceId],
      );
      await system.query(
        'reservation',
        `INSERT INTO activity_units (id, activity_id, code, label, kind, starts_at, ends_at,
           weekdays, notice_policy)
         VALUES ($1, $2, 'repas', 'Repas', 'meal', '11:30', '13:30', '{1,2,4,5}', '{}')`,
        [unitId, activityId],
      );
      await system.query(
        'reservation',
        `INSERT INTO activity_sites (id, activity_id, name) VALUES ($1, $2, 'École Jules Ferry')`,
        [siteId, activityId],
      );
      // 2023-2024 ended on 31 August 2024, more than 730 days before NOW; 2024-2025 did not
      const old = await aChildBooked('2023-09-01', '2024-07-05', '2024-03-12');
      const lastButOne = await aChildBooked('2024-09-02', '2025-07-04', '2025-03-11');
      const current = await aChildBooked('2026-09-01', '2027-07-02', '2026-10-06');
      rows.old = old;
      rows.lastButOne = lastButOne;
      rows.current = current;
      feeds.old = old.child;
      feeds.lastButOne = lastButOne.child;
      feeds.current = current.child;
    });

    it('deletes bookings, attendance, patterns and rights of school years ended long ago', async () => {
      expect(await purge(app())).toMatchObject({ ran: true });
      const kept = [rows.lastButOne, rows.current];
      expect(await ids('reservation', 'SELECT id FROM bookings')).toEqual(
        kept.map((row) => row.booking).sort(),
      );
      expect(await ids('reservation', 'SELECT id FROM attendance_records')).toEqual(
        kept.map((row) => row.attendance).sort(),
      );
      expect(await ids('reservation', 'SELECT right_id AS id FROM booking_patterns')).toEqual(
        kept.map((row) => row.right).sort(),
      );
      expect(await ids('reservation', 'SELECT id FROM booking_rights')).toEqual(
        kept.map((row) => row.right).sort(),
      );
    });

    it('deletes the calendar feeds of children their account can no longer read', async () => {
      expect(await ids('reservation', 'SELECT child_id AS id FROM calendar_feeds')).toEqual([
        feeds.current,
      ]);
    });
  });

  describe('billing', () => {
    const app = () => system.service('billing').app;
    const regieId = randomUUID();
    const household = randomUUID();
    const agent = randomUUID();
    const invoiceId = randomUUID();
    const p: Record<string, string> = {};
    const b: Record<string, string> = {};
    const runs: Record<string, string> = {};
    const m: Record<string, string> = {};

    const payment = async (
      state: string,
      at: Date,
      target: { invoiceId?: string; basketId?: string },
    ) => {
      const id = randomUUID();
      await system.query(
        'billing',
        `INSERT INTO payments (id, invoice_id, basket_id, regie_id, household_id, method,
           amount_cents, state, provider, provider_reference, recorded_by, created_at, settled_at)
         VALUES ($1, $2, $3, $4, $5, 'payfip', 640, $6, 'payfip', $9, $7, $8, $8)`,
        [
          id,
          target.invoiceId ?? null,
          target.basketId ?? null,
          regieId,
          household,
          state,
          agent,
          at,
          `ref-${id}`,
        ],
      );
      return id;
    };

    const basket = async (status: 'expired' | 'paid', closedAt: Date) => {
      const id = randomUUID();
      await system.query(
        'billing',
        `INSERT INTO baskets (id, regie_id, household_id, status, filling, opened_at, expires_at, closed_at)
         VALUES ($1, $2, $3, $4, false, $5, $5, $5)`,
        [id, regieId, household, status, closedAt],
      );
      await system.query(
        'billing',
        `INSERT INTO basket_items (booking_id, basket_id, child_id, child_name, activity_code,
           unit_code, label, day, unit_price_cents, added_at)
         VALUES ($1, $2, $3, 'DURAND Léa', 'accueil', 'mercredi', 'Mercredi', $4, 900, $5)`,
        [randomUUID(), id, randomUUID(), closedAt.toISOString().slice(0, 10), closedAt],
      );
      return id;
    };

    const copies = async (day: string) => {
      const booking = randomUUID();
      await system.query(
        'billing',
        `INSERT INTO booked_days (booking_id, municipal_service_id, activity_code, unit_id,
           unit_code, day, child_id, household_id, billing, status, updated_at)
         VALUES ($1, $2, 'cantine', $3, 'repas', $4, $5, $6, 'post-billing', 'booked', now())`,
        [booking, randomUUID(), randomUUID(), day, randomUUID(), household],
      );
      await system.query(
        'billing',
        `INSERT INTO attendance (unit_id, child_id, day, municipal_service_id, activity_code,
           unit_code, household_id, booking_id, status, recorded_at)
         VALUES ($1, $2, $3, $4, 'cantine', 'repas', $5, $6, 'present', now())`,
        [randomUUID(), randomUUID(), day, randomUUID(), household, booking],
      );
      return booking;
    };

    /** A SEPA mandate, revoked at `revokedAt` (or active), and a debit of it if asked. */
    const mandate = async (revokedAt: Date | null, debitedWith?: string) => {
      const id = randomUUID();
      await system.query(
        'billing',
        `INSERT INTO sepa_mandates (id, regie_id, household_id, creditor_id, rum, debtor_name,
           iban_ciphertext, iban_masked, signed_on, consent_channel, consent_by, consent_at, state,
           next_sequence, revoked_at, created_at)
         VALUES ($1, $2, $3, 'FR12ZZZ123456', $4, 'DURAND Camille', 'chiffré', 'FR76 **** 123',
           '2019-09-01', 'online', $5, '2019-09-01', $6, 'FRST', $7, '2019-09-01')`,
        [
          id,
          regieId,
          household,
          `R000070-${id.slice(0, 7)}`,
          agent,
          revokedAt ? 'revoked' : 'active',
          revokedAt,
        ],
      );
      if (debitedWith) {
        const fileId = randomUUID();
        await system.query(
          'billing',
          `INSERT INTO sepa_debit_files (id, regie_id, month, collection_date, message_id,
             creditor_id, creditor_name, creditor_iban_masked, transaction_count,
             control_sum_cents, groups, xml, created_by, created_at)
           VALUES ($1, $2, '2019-11', '2019-12-20', $3, 'FR12ZZZ123456', 'Régie', 'FR76 ****',
             1, 640, '[]', '<Document/>', $4, '2019-12-05')`,
          [fileId, regieId, `MSG-${fileId.slice(0, 8)}`, agent],
        );
        await system.query(
          'billing',
          `INSERT INTO sepa_debits (id, file_id, invoice_id, household_id, mandate_id, payment_id,
             end_to_end_id, amount_cents, sequence, debtor_name, rum, iban_masked, state,
             return_reason, returned_on)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 640, 'FRST', 'DURAND Camille', 'R000070-1',
             'FR76 ****', 'returned', 'AM04', '2019-12-23')`,
          [
            randomUUID(),
            fileId,
            invoiceId,
            household,
            id,
            debitedWith,
            `E2E-${fileId.slice(0, 8)}`,
          ],
        );
      }
      return id;
    };

    const run = async (status: 'done' | 'running', startedAt: Date) => {
      const id = randomUUID();
      await system.query(
        'billing',
        `INSERT INTO billing_runs (id, regie_id, month, dry_run, started_by, started_at, status,
           households, finished_at)
         VALUES ($1, $2, '2025-05', true, $3, $4, $5, '[{"name": "DURAND Camille"}]', $6)`,
        [id, regieId, agent, startedAt, status, status === 'done' ? startedAt : null],
      );
      return id;
    };

    beforeAll(async () => {
      await system.query(
        'billing',
        `INSERT INTO regies (id, organisation_id, name, municipal_service_ids,
           resident_organisation_ids, treasury_address, payfip_collectivity_number,
           debt_reference_format, due_date_rule, payment_methods)
         VALUES ($1, $2, 'Affaires Scolaires de Vichy', '{}', '{}', '{}', '000070',
           '{year}-{number}', '{"kind":"days-after-issue","days":30}', '{}')`,
        [regieId, randomUUID()],
      );
      // an invoice of 2019, paid then partly credited: accounting records, never purged here
      await system.query(
        'billing',
        `INSERT INTO invoices (id, regie_id, year, number, household_id, month, kind, issued_on,
           due_on, total_cents, family_file_number, debt_reference, addressee, issued_by, issued_at)
         VALUES ($1, $2, 2019, 1, $3, '2019-11', 'post-billing', '2019-12-01', '2019-12-31', 640,
           1, '2019-000001', '{"name":"DURAND Camille","addressLines":["12 rue de Paris"]}', $4,
           '2019-12-01')`,
        [invoiceId, regieId, household, agent],
      );
      await system.query(
        'billing',
        `INSERT INTO invoice_lines (invoice_id, position, child_id, child_name, kind, label,
           quantity, unit_price_cents, amount_cents)
         VALUES ($1, 1, $2, 'DURAND Léa', 'present', 'Repas', 2, 320, 640)`,
        [invoiceId, randomUUID()],
      );
      await system.query(
        'billing',
        `INSERT INTO credit_notes (id, regie_id, year, number, invoice_id, household_id, kind,
           reason, amount_cents, issued_on, issued_by, issued_at)
         VALUES ($1, $2, 2019, 1, $3, $4, 'manual', 'Repas non servi', 320, '2019-12-10', $5,
           '2019-12-10')`,
        [randomUUID(), regieId, invoiceId, household, agent],
      );
      p.paidLongAgo = await payment('paid', new Date('2019-12-15T10:00:00Z'), { invoiceId });
      p.deniedLongAgo = await payment('denied', daysAgo(400), { invoiceId });
      p.cancelledRecently = await payment('cancelled', daysAgo(30), { invoiceId });
      b.expiredLongAgo = await basket('expired', daysAgo(100));
      b.expiredRecently = await basket('expired', daysAgo(20));
      // an old expired basket whose payment attempt is still kept: kept with it
      b.expiredWithAttempt = await basket('expired', daysAgo(100));
      p.attemptOfExpired = await payment('expired', daysAgo(100), {
        basketId: b.expiredWithAttempt,
      });
      b.paidLongAgo = await basket('paid', daysAgo(1000));
      p.paidBasket = await payment('paid', daysAgo(1000), { basketId: b.paidLongAgo });
      b.oldCopy = await copies('2024-10-01');
      b.recentCopy = await copies('2026-10-01');
      // a direct debit the bank returned long ago: its payment ended without money, but it is a
      // line of a collected file (accounting), and so is its mandate
      p.returnedDebit = await payment('denied', daysAgo(1000), { invoiceId });
      m.debited = await mandate(daysAgo(900), p.returnedDebit);
      m.revokedLongAgo = await mandate(daysAgo(400));
      m.revokedRecently = await mandate(daysAgo(30));
      m.active = await mandate(null);
      runs.oldDone = await run('done', daysAgo(400));
      runs.recentDone = await run('done', daysAgo(60));
      runs.oldRunning = await run('running', daysAgo(400));
    });

    it('keeps the accounts: invoices, lines, credit notes and payments that moved money', async () => {
      expect(await purge(app())).toMatchObject({ ran: true });
      expect(await ids('billing', 'SELECT id FROM invoices')).toEqual([invoiceId]);
      expect(await ids('billing', 'SELECT invoice_id AS id FROM invoice_lines')).toEqual([
        invoiceId,
      ]);
      expect(await ids('billing', 'SELECT invoice_id AS id FROM credit_notes')).toEqual([
        invoiceId,
      ]);
      expect(await ids('billing', 'SELECT id FROM payments')).toEqual(
        [
          p.paidLongAgo,
          p.cancelledRecently,
          p.attemptOfExpired,
          p.paidBasket,
          p.returnedDebit,
        ].sort(),
      );
      expect(await ids('billing', 'SELECT id FROM sepa_mandates')).toEqual(
        [m.debited, m.revokedRecently, m.active].sort(),
      );
    });

    it('deletes what is not accounting once past its time: expired baskets, old copies and runs', async () => {
      const kept = [b.expiredRecently, b.expiredWithAttempt, b.paidLongAgo].sort();
      expect(await ids('billing', 'SELECT id FROM baskets')).toEqual(kept);
      expect(await ids('billing', 'SELECT DISTINCT basket_id AS id FROM basket_items')).toEqual(
        kept,
      );
      expect(await ids('billing', 'SELECT booking_id AS id FROM booked_days')).toEqual([
        b.recentCopy,
      ]);
      expect(await ids('billing', 'SELECT booking_id AS id FROM attendance')).toEqual([
        b.recentCopy,
      ]);
      expect(await ids('billing', 'SELECT id FROM billing_runs')).toEqual(
        [runs.recentDone, runs.oldRunning].sort(),
      );
    });

    it('runs once across two replicas', async () => {
      // Enough old copies that a run lasts while the other replica tries.
      await system.query(
        'billing',
        `INSERT INTO booked_days (booking_id, municipal_service_id, activity_code, unit_id,
           unit_code, day, child_id, household_id, billing, status, updated_at)
         SELECT gen_random_uuid(), gen_random_uuid(), 'cantine', gen_random_uuid(), 'repas',
                DATE '2023-09-04' + (n % 200), gen_random_uuid(), $1, 'post-billing', 'booked', now()
           FROM generate_series(1, 30000) AS n`,
        [household],
      );
      const second = await startBackendService(
        billingService,
        loadConfig('billing', billingEnvSchema, {
          ...system.env,
          ...system.callerEnvOf('billing'),
          RETENTION_JOB_ENABLED: 'false',
          BILLING_JOBS_ENABLED: 'false',
          INVOICE_REMINDERS_ENABLED: 'false',
          DATABASE_URL: system.databaseUrlOf('billing'),
        }),
        { httpHost: '127.0.0.1' },
      );
      try {
        const [state] = await system.query<{ runs: number }>(
          'billing',
          "SELECT runs_total::int AS runs FROM timed_jobs WHERE name = 'billing.retention'",
        );
        const outcomes = await Promise.all([purge(app()), purge(second.app)]);
        expect(outcomes.map((outcome) => outcome.ran).sort()).toEqual([false, true]);
        expect(outcomes.find((outcome) => outcome.ran)).toMatchObject({ handled: 30_000 });
        const [after] = await system.query<{ runs: number }>(
          'billing',
          "SELECT runs_total::int AS runs FROM timed_jobs WHERE name = 'billing.retention'",
        );
        expect(after.runs).toBe(state.runs + 1);
        expect(await ids('billing', 'SELECT booking_id AS id FROM booked_days')).toEqual([
          b.recentCopy,
        ]);
      } finally {
        await second.stop();
      }
    }, 60_000);
  });
});

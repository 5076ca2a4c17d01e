import { Clock } from '@portail/service-kit';
import { OverdueRemindersJob } from '../../services/billing/src/reminders/overdue-reminders.job';
import { expectStatus } from '../support/directory-actors';
import { eventually } from '../support/eventually';
import {
  aPostBillingSystem,
  MEAL_CENTS,
  type BilledChild,
  type PostBillingFixture,
} from './postbilling-fixture';

const OCTOBER = '2026-10';

interface Message {
  recipient: string;
  template: string;
  subject: string;
  text: string;
}

/** No-break spaces read as spaces, so that a sentence is matched as written. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/**
 * Billing's e-mails through the real notification service (invoice issued, credit note) and the
 * overdue reminders: a TimedJob of billing, run once across replicas by the Clock, at most one
 * reminder per invoice and step (1 and 15 days after the due date, 10 December 2026).
 */
describe('billing: invoice e-mails and overdue reminders', () => {
  let fixture: PostBillingFixture;
  let iris: BilledChild;
  let jade: BilledChild;
  let irisInvoiceId: string;
  let jadeInvoiceId: string;
  let job: OverdueRemindersJob;

  const messagesTo = (email: string, template: string) =>
    fixture.system.query<Message>(
      'notification',
      'SELECT recipient, template, subject, text FROM outgoing_messages WHERE recipient = $1 AND template = $2 ORDER BY created_at',
      [email, template],
    );
  const at = (instant: string) =>
    jest
      .spyOn(fixture.system.service('billing').app.get(Clock), 'now')
      .mockReturnValue(new Date(instant));
  const overdueEvents = () =>
    fixture.db.query<
      Array<{ payload: { invoiceId: string; daysOverdue: number; balanceCents: number } }>
    >(
      "SELECT envelope->'payload' AS payload FROM outbox WHERE type = 'billing.invoice.overdue' ORDER BY sequence",
    );

  beforeAll(async () => {
    fixture = await aPostBillingSystem(true);
    job = fixture.system.service('billing').app.get(OverdueRemindersJob);
    iris = await fixture.aFamilyWithAChild('Iris');
    jade = await fixture.aFamilyWithAChild('Jade');
    for (const day of ['2026-10-01', '2026-10-02']) {
      await fixture.attended(iris, day, 'present');
      await fixture.attended(jade, day, 'present');
    }
    await fixture.lock(OCTOBER);
    const run = await fixture.run(OCTOBER, false);
    irisInvoiceId = run.households.find((h) => h.householdId === iris.householdId)!.invoiceId!;
    jadeInvoiceId = run.households.find((h) => h.householdId === jade.householdId)!.invoiceId!;
  }, 180_000);

  afterAll(async () => {
    await fixture?.close();
  });

  it('e-mails the family that its invoice is available, with the amount and due date in French', async () => {
    const [mail] = await eventually(async () => {
      const found = await messagesTo(iris.family.email, 'invoice-issued');
      return found.length ? found : undefined;
    }, 'the invoice e-mail');
    expect(mail.subject).toBe('Votre facture est disponible');
    const text = plain(mail.text);
    expect(text).toContain(
      'La facture n° 1 de la régie « Affaires Scolaires de Vichy » pour octobre 2026 est disponible dans votre espace.',
    );
    expect(text).toContain('Montant : 9,10 €, à régler avant le 10 décembre 2026.');
    expect(text).toContain('2026-CA-00-000001');
    expect(text).toContain('/factures');
    const [notice] = await fixture.system.query<{ title: string; body: string }>(
      'notification',
      "SELECT title, body FROM notifications WHERE account_id = $1 AND category = 'invoices'",
      [iris.family.accountId],
    );
    expect(notice.title).toBe('Votre facture est disponible');
    expect(plain(notice.body)).toBe(
      'Facture n° 1 (octobre 2026) : 9,10 € à régler avant le 10 décembre 2026.',
    );
  });

  it('e-mails a credit note with its reason and what is left to pay', async () => {
    expectStatus(
      await fixture.call(
        'POST',
        `/agent/invoices/${jadeInvoiceId}/credit-notes`,
        fixture.agent.actor,
        {
          amountCents: 2 * MEAL_CENTS,
          reason: 'Sortie scolaire : repas fournis par le centre.',
        },
      ),
      201,
    );
    const [mail] = await eventually(async () => {
      const found = await messagesTo(jade.family.email, 'credit-note-issued');
      return found.length ? found : undefined;
    }, 'the credit note e-mail');
    expect(mail.subject).toBe('Un avoir a été émis sur votre facture');
    const text = plain(mail.text);
    expect(text).toContain(
      'Un avoir n° 1 de 9,10 € a été émis sur la facture n° 2 de la régie « Affaires Scolaires de Vichy ».',
    );
    expect(text).toContain('Motif : Sortie scolaire : repas fournis par le centre.');
    expect(text).toContain("Il n'y a plus rien à régler sur cette facture.");
  });

  it('reminds an unpaid invoice once per step, never a cancelled one, and e-mails it', async () => {
    at('2026-12-10T10:00:00Z');
    expect(await job.runOnce()).toMatchObject({ ran: true, handled: 0 });
    at('2026-12-11T07:00:00Z');
    expect(await job.runOnce()).toMatchObject({ ran: true, handled: 1 });
    expect(await job.runOnce()).toMatchObject({ ran: true, handled: 0 });
    at('2026-12-20T07:00:00Z');
    expect(await job.runOnce()).toMatchObject({ ran: true, handled: 0 });
    at('2026-12-25T07:00:00Z');
    expect(await job.runOnce()).toMatchObject({ ran: true, handled: 1 });
    at('2027-02-01T07:00:00Z');
    expect(await job.runOnce()).toMatchObject({ ran: true, handled: 0 });
    expect(
      (await overdueEvents()).map((event) => [event.payload.invoiceId, event.payload.daysOverdue]),
    ).toEqual([
      [irisInvoiceId, 1],
      [irisInvoiceId, 15],
    ]);
    expect((await overdueEvents())[0].payload.balanceCents).toBe(2 * MEAL_CENTS);
    const mails = await eventually(async () => {
      const found = await messagesTo(iris.family.email, 'invoice-overdue');
      return found.length === 2 ? found : undefined;
    }, 'two reminders');
    expect(mails[0].subject).toBe('Rappel : une facture reste à régler');
    expect(plain(mails[0].text)).toContain(
      'La facture n° 1 de la régie « Affaires Scolaires de Vichy » pour octobre 2026 était à régler avant le 10 décembre 2026 : il reste 9,10 € à payer.',
    );
    expect(await messagesTo(jade.family.email, 'invoice-overdue')).toEqual([]);
  });

  it('runs once across replicas and shows its state in /metrics', async () => {
    const [first, second] = await Promise.all([job.runOnce(), job.runOnce()]);
    expect([first.ran, second.ran].sort()).toEqual([false, true]);
    const [state] = await fixture.db.query<
      Array<{ runs_total: string; last_error: string | null }>
    >('SELECT runs_total, last_error FROM timed_jobs WHERE name = $1', [OverdueRemindersJob.NAME]);
    expect(Number(state.runs_total)).toBeGreaterThanOrEqual(7);
    expect(state.last_error).toBeNull();
    const metrics = await (
      await fetch(`${fixture.system.service('billing').httpUrl}/metrics`)
    ).text();
    expect(metrics).toContain(
      'portail_timed_job_last_run_seconds{job="billing.overdue-reminders",service="billing"}',
    );
  });
});

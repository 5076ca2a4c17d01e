import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { RegieView, RunView } from '@portail/contracts';
import { Clock } from '@portail/service-kit';
import type { TestSystem } from '@portail/testing';
import { InvoiceIssuer } from '../../services/billing/src/invoices/invoice-issuer';
import { RegieStore } from '../../services/billing/src/regies/regie-store';
import { RunsResumeJob } from '../../services/billing/src/runs/runs-resume.job';
import { StartRun } from '../../services/billing/src/runs/start-run.use-case';
import { api, type JsonResponse } from '../identity/directory-support';
import {
  anAgent,
  anOrganisation,
  expectStatus,
  serviceOf,
  type Agent,
  type Organisation,
} from '../support/directory-actors';
import { anAdmin, type Actor } from '../support/identity-actors';
import { eventually } from '../support/eventually';
import { startBillingSystem } from '../support/fake-reservation';

/** Billing runs on Tuesday 5 January 2027, in Paris. */
const RUN_DAY = new Date('2027-01-05T09:00:00Z');
const HOUSEHOLDS = 30;
const DAYS_PER_CHILD = 5;
const MEAL_CENTS = 230;

describe('billing runs: asynchronous, followed, resumed once after a stop', () => {
  let system: TestSystem;
  let db: DataSource;
  let admin: Actor;
  let vichy: Organisation;
  let cateringAgent: Agent;
  let careAgent: Agent;
  let regie: RegieView;
  let cateringServiceId: string;
  const householdIds: string[] = [];

  const call = <T>(
    method: string,
    path: string,
    actor?: Actor,
    body?: unknown,
  ): Promise<JsonResponse<T>> =>
    api<T>(system, method, path, { headers: actor?.authorization, body });

  const runOf = (runId: string, actor: Actor = cateringAgent.actor) =>
    call<RunView & { code?: string }>('GET', `/agent/regies/${regie.id}/runs/${runId}`, actor);

  const finished = (runId: string) =>
    eventually(
      async () => {
        const run = expectStatus(await runOf(runId), 200);
        return run.status !== 'running' && run;
      },
      `run ${runId} to end`,
      30_000,
    );

  /** Runs `work` while the tariffs are locked: a run waits at its first read of them. */
  async function whileRunsWait<T>(work: () => Promise<T>): Promise<T> {
    const blocker = db.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    try {
      await blocker.query('LOCK TABLE tariffs IN ACCESS EXCLUSIVE MODE');
      return await work();
    } finally {
      await blocker.rollbackTransaction();
      await blocker.release();
    }
  }

  /** Every household's child lunches DAYS_PER_CHILD days of the month; the month is locked. */
  async function aMonthOfAttendance(month: string, unitCode = 'repas'): Promise<void> {
    await db.query(
      `INSERT INTO attendance (unit_id, child_id, day, municipal_service_id, activity_code,
         unit_code, household_id, booking_id, status, recorded_at)
       SELECT $1, c.id, ($2 || '-0' || d)::date, $3, 'restauration-scolaire', $4, c.household_id,
         NULL, 'present', now()
       FROM children c CROSS JOIN generate_series(1, $5) AS d
       WHERE c.household_id = ANY($6)`,
      [uuidv7(), month, cateringServiceId, unitCode, DAYS_PER_CHILD, householdIds],
    );
    await db.query(
      'INSERT INTO month_locks (municipal_service_id, month, locked_at) VALUES ($1, $2, now())',
      [cateringServiceId, month],
    );
  }

  beforeAll(async () => {
    // BILLING_RUN_WAIT_MS=0: a run's request answers at once; the resume job runs when called.
    system = await startBillingSystem({
      RATE_LIMIT_PER_MINUTE: '100000',
      BILLING_RUN_WAIT_MS: '0',
      BILLING_JOBS_ENABLED: 'false',
    });
    db = system.service('billing').app.get(DataSource);
    jest.spyOn(system.service('billing').app.get(Clock), 'now').mockReturnValue(RUN_DAY);
    admin = await anAdmin(system);
    vichy = await anOrganisation(system, admin, 'Vichy', ['school-catering', 'out-of-school-care']);
    cateringServiceId = serviceOf(vichy, 'school-catering');
    cateringAgent = await anAgent(system, admin, vichy, ['school-catering']);
    careAgent = await anAgent(system, admin, vichy, ['out-of-school-care'], 'Sacha');
    regie = expectStatus(
      await call<RegieView>('POST', '/agent/regies', admin, {
        organisationId: vichy.id,
        name: 'Affaires Scolaires de Vichy',
        municipalServiceIds: [cateringServiceId],
        treasuryAddress: ['CDFIP de CUSSET - Trésorerie de Vichy', '03307 CUSSET Cedex'],
        payfipCollectivityNumber: '000070',
        debtReferenceFormat: '{year}-CA-00-{number}',
        dueDateRule: { kind: 'day-of-next-month', day: 10 },
      }),
      201,
    );
    expectStatus(
      await call('POST', `/agent/regies/${regie.id}/tariffs`, admin, {
        activityCode: 'restauration-scolaire',
        unitCode: 'repas',
        label: 'Vichy Restauration Scolaire',
        validFrom: '2026-09-01',
        validUntil: '2027-08-31',
        brackets: [{ upToQuotient: null, residentCents: MEAL_CENTS, nonResidentCents: 350 }],
        siblingReductionPercents: [10],
        lateCancellationPercent: 100,
        unjustifiedAbsencePercent: 100,
        unexpectedPresencePercent: 150,
      }),
      201,
    );
    // Billing's copies of the households (what identity's events leave), residents of Vichy.
    for (let index = 1; index <= HOUSEHOLDS; index += 1) {
      const householdId = uuidv7();
      householdIds.push(householdId);
      await db.query(
        `INSERT INTO households (id, guardians, family_quotient, family_quotient_valid_until,
           updated_at) VALUES ($1, $2, 650, '2027-08-31', now())`,
        [
          householdId,
          JSON.stringify([
            {
              id: uuidv7(),
              accountId: null,
              primary: true,
              civility: 'madame',
              firstName: 'Camille',
              lastName: `Famille${index}`,
              address: { line1: '3 rue de Paris', line2: null, postalCode: '03200', city: 'Vichy' },
              commune: { organisationId: vichy.id, inseeCode: null, name: 'Vichy' },
            },
          ]),
        ],
      );
      await db.query(
        `INSERT INTO children (id, household_id, first_name, last_name, birth_date, updated_at)
         VALUES ($1, $2, 'Iris', $3, '2017-03-01', now())`,
        [uuidv7(), householdId, `Famille${index}`],
      );
    }
  }, 120_000);

  afterAll(async () => {
    await system?.close();
  });

  it('answers 202 with the run while it works, shows its progress, then its result', async () => {
    await aMonthOfAttendance('2026-10');
    const started = await whileRunsWait(async () => {
      const response = await fetch(`${system.gatewayUrl}/api/v1/agent/regies/${regie.id}/runs`, {
        method: 'POST',
        headers: { ...cateringAgent.actor.authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ month: '2026-10', dryRun: false }),
      });
      expect(response.status).toBe(202);
      const run = (await response.json()) as RunView;
      expect(response.headers.get('location')).toBe(
        `/api/v1/agent/regies/${regie.id}/runs/${run.id}`,
      );
      expect(run).toMatchObject({ status: 'running', processedCount: 0, issuedCount: 0 });
      // Followed while it waits.
      expect(expectStatus(await runOf(run.id), 200)).toMatchObject({
        status: 'running',
        finishedAt: null,
        error: null,
      });
      return run;
    });
    const done = await finished(started.id);
    expect(done).toMatchObject({
      status: 'done',
      month: '2026-10',
      dryRun: false,
      householdCount: HOUSEHOLDS,
      processedCount: HOUSEHOLDS,
      issuedCount: HOUSEHOLDS,
      alreadyIssuedCount: 0,
      totalCents: HOUSEHOLDS * DAYS_PER_CHILD * MEAL_CENTS,
      error: null,
    });
    expect(done.households.map((household) => household.number).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: HOUSEHOLDS }, (_, index) => index + 1),
    );
    expect(done.finishedAt).not.toBeNull();

    // Another régie's path, another service's agent.
    const unknown = await call<{ code: string }>(
      'GET',
      `/agent/regies/${regie.id}/runs/${uuidv7()}`,
      cateringAgent.actor,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('BILLING_RUN_NOT_FOUND');
    const outOfScope = await runOf(started.id, careAgent.actor);
    expect(outOfScope.status).toBe(403);
    expect(outOfScope.body.code).toBe('REGIE_OUT_OF_SCOPE');
  }, 60_000);

  it('resumes a run left running by a stopped replica once, though two instances try, counting the invoices it had issued', async () => {
    await aMonthOfAttendance('2026-11');
    // A replica took the run and issued the first household's invoice, then stopped.
    const runId = uuidv7();
    await db.query(
      `INSERT INTO billing_runs (id, regie_id, month, dry_run, started_by, started_at, status)
       VALUES ($1, $2, '2026-11', false, $3, $4, 'running')`,
      [runId, regie.id, cateringAgent.id, RUN_DAY],
    );
    const app = system.service('billing').app;
    const regieRow = await app.get(RegieStore).load(regie.id);
    const [first] = [...householdIds].sort();
    const [before] = await app.get(InvoiceIssuer).issueMany([
      {
        regie: regieRow,
        month: '2026-11',
        statement: {
          householdId: first,
          lines: [
            {
              childId: uuidv7(),
              childName: 'FAMILLE Iris',
              kind: 'present',
              label: 'Vichy Restauration Scolaire',
              quantity: DAYS_PER_CHILD,
              unitPriceCents: MEAL_CENTS,
              amountCents: DAYS_PER_CHILD * MEAL_CENTS,
              note: null,
            },
          ],
          totalCents: DAYS_PER_CHILD * MEAL_CENTS,
        },
        addressee: { name: 'FAMILLE Camille', addressLines: [] },
        accountIds: [],
        issuedOn: '2027-01-05',
        issuedBy: cateringAgent.id,
        issuedAt: RUN_DAY,
        runId,
      },
    ]);

    const [job, direct] = await Promise.all([
      app.get(RunsResumeJob).runOnce(),
      app.get(StartRun).resumeLeftOver(),
    ]);
    if (job.ran && 'failed' in job) throw new Error(job.error);
    const resumedByJob = job.ran ? job.handled : 0;
    expect(resumedByJob + direct).toBe(1);

    const done = expectStatus(await runOf(runId), 200);
    expect(done).toMatchObject({
      status: 'done',
      householdCount: HOUSEHOLDS,
      issuedCount: HOUSEHOLDS,
      alreadyIssuedCount: 0,
    });
    expect(done.households.find((household) => household.householdId === first)).toMatchObject({
      invoiceId: before.invoiceId,
      alreadyIssued: false,
    });
    const numbers = await db.query<Array<{ number: number }>>(
      "SELECT number FROM invoices WHERE month = '2026-11' ORDER BY number",
    );
    expect(numbers.map((row) => row.number)).toEqual(
      Array.from({ length: HOUSEHOLDS }, (_, index) => HOUSEHOLDS + index + 1),
    );
    // Nothing left to resume.
    expect(await app.get(StartRun).resumeLeftOver()).toBe(0);
  }, 60_000);

  it("records a rule's failure on the run, with the problem its request would have answered", async () => {
    await aMonthOfAttendance('2026-12', 'gouter');
    const run = await whileRunsWait(async () =>
      expectStatus(
        await call<RunView>('POST', `/agent/regies/${regie.id}/runs`, cateringAgent.actor, {
          month: '2026-12',
          dryRun: true,
        }),
        202,
      ),
    );
    const failed = await finished(run.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({
      code: 'TARIFF_NOT_FOUND',
      details: { activityCode: 'restauration-scolaire', unitCode: 'gouter', day: '2026-12-01' },
    });
    expect(failed.error!.message).toContain("Aucun tarif de l'unité gouter");
    const december = await db.query<unknown[]>("SELECT 1 FROM invoices WHERE month = '2026-12'");
    expect(december).toHaveLength(0);
  }, 60_000);
});

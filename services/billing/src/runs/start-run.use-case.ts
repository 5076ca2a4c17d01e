import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  BillingErrorCode,
  CommonErrorCode,
  MAX_RUN_HOUSEHOLDS_SHOWN,
  todayInParis,
  type Caller,
  type RunErrorView,
  type RunHouseholdView,
  type RunRef,
  type RunStatus,
  type RunView,
  type StartRunCommand,
} from '@portail/contracts';
import { SERVICE_LOGGER, type Logger } from '@portail/logging';
import { Clock, DomainException, lockKeyOf, SERVICE_CONFIG } from '@portail/service-kit';
import type { BillingConfig } from '../config';
import { InvoiceIssuer, type Issuance } from '../invoices/invoice-issuer';
import type { Addressee } from '../invoices/invoice-store';
import { requireRegieAgent } from '../regies/regie-access';
import { monthBounds } from '../regies/regie-rules';
import { RegieStore, type RegieRow } from '../regies/regie-store';
import {
  addresseeOf,
  childrenById,
  householdsById,
  invoiceName,
  type HouseholdRow,
} from '../tariffs/family-situation';
import { tariffsOfRegie } from '../tariffs/tariff-store';
import { statementContext } from './statement-context';
import {
  composeStatements,
  MissingTariffError,
  type BillableItem,
  type Statement,
} from './statement-rules';

/**
 * What a post-billed month bills, from billing's copies of reservation's facts: attendance
 * (present, unjustified absence, unexpected presence; a justified absence is never billed) of
 * post-billed or unbooked days, and bookings the family cancelled late with no attendance.
 * Parameters: the régie's municipal services, the month's first and last day.
 */
export const BILLABLE_ITEMS = `
  SELECT a.child_id AS "childId", a.household_id AS "householdId",
    a.activity_code AS "activityCode", a.unit_code AS "unitCode", a.day::text AS day,
    a.status AS kind
  FROM attendance a LEFT JOIN booked_days b ON b.booking_id = a.booking_id
  WHERE a.municipal_service_id = ANY($1) AND a.day BETWEEN $2 AND $3
    AND a.status IN ('present', 'absent-unjustified', 'unexpected')
    AND (b.billing IS NULL OR b.billing = 'post-billing')
  UNION ALL
  SELECT b.child_id, b.household_id, b.activity_code, b.unit_code, b.day::text,
    'late-cancellation'
  FROM booked_days b
  WHERE b.municipal_service_id = ANY($1) AND b.day BETWEEN $2 AND $3
    AND b.status = 'cancelled' AND b.late_cancellation AND b.billing = 'post-billing'
    AND NOT EXISTS (SELECT 1 FROM attendance a
      WHERE a.unit_id = b.unit_id AND a.child_id = b.child_id AND a.day = b.day)`;

/**
 * Households issued per transaction: one counter update, one INSERT of invoices, one of lines
 * and one of events per batch instead of per household (see bench/README.md, "billing").
 */
export const ISSUANCE_BATCH = 500;

/** Attempts of a run failing for another reason than a rule (the database, a stop). */
const MAX_RUN_ATTEMPTS = 3;

/** A `billing_runs` row. */
interface RunRow {
  id: string;
  regie_id: string;
  month: string;
  dry_run: boolean;
  status: RunStatus;
  started_by: string;
  started_at: Date;
  finished_at: Date | null;
  household_count: number | null;
  processed_count: number;
  issued_count: number;
  already_issued_count: number;
  total_cents: string | null;
  households: RunHouseholdView[] | null;
  error: RunErrorView | null;
  attempts: number;
}

function toRunView(row: RunRow): RunView {
  return {
    id: row.id,
    regieId: row.regie_id,
    month: row.month,
    dryRun: row.dry_run,
    status: row.status,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    processedCount: row.processed_count,
    error: row.error,
    issuedCount: row.issued_count,
    alreadyIssuedCount: row.already_issued_count,
    householdCount: row.household_count ?? 0,
    totalCents: Number(row.total_cents ?? 0),
    households: row.households ?? [],
  };
}

/** The advisory lock a run is worked on under: one replica at a time, released if it stops. */
const runLockKey = (runId: string) => lockKeyOf(`billing.run:${runId}`);

const householdIdsOf = (statements: Statement[]) =>
  statements.map((statement) => statement.householdId);

/** The addressee as printed: the first guardian's name and address. */
export function addressOf(household: HouseholdRow | undefined): Addressee {
  const guardian = addresseeOf(household);
  if (!guardian) return { name: '', addressLines: [] };
  const address = guardian.address;
  return {
    name: invoiceName(guardian.firstName, guardian.lastName),
    addressLines: address
      ? [address.line1, address.line2, `${address.postalCode} ${address.city}`].filter(
          (line): line is string => !!line,
        )
      : [],
  };
}

/**
 * A post-billing run of a régie for a month, by one of its agents once reservation has locked
 * the month for every service of the régie: a dry run shows what each household would receive;
 * the real one issues one invoice per household with something to pay, ISSUANCE_BATCH
 * households per transaction. A household already invoiced for the month is not invoiced
 * again, so a run interrupted half way is simply worked on again.
 *
 * Asynchronous: the run is recorded `running` and worked on in the background of the replica
 * that received it, under an advisory lock of its own (on a connection held meanwhile); the
 * request waits BILLING_RUN_WAIT_MS for it, then answers the run as it is (`running`: the
 * gateway answers 202, `GET …/runs/{runId}` shows its progress and result). A run left
 * `running` by a replica that stopped (its lock is gone with its connection) is resumed by the
 * `billing.runs-resume` timed job (RunsResumeJob), once across replicas. Its invoices keep the
 * run (`billing_run_id`): a resumed run counts the invoices it had issued as its own.
 */
@Injectable()
export class StartRun {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regies: RegieStore,
    private readonly issuer: InvoiceIssuer,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: BillingConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Starts a run and waits for it up to `waitMs` (Infinity: to its end): answers it done (a
   * rule's failure met by then is thrown, as the request's problem), or still running.
   */
  async execute(
    caller: Caller,
    command: StartRunCommand,
    waitMs: number = this.config.BILLING_RUN_WAIT_MS,
  ): Promise<RunView> {
    const regie = await this.regies.load(command.regieId);
    requireRegieAgent(caller, regie);
    await this.requireLocked(this.dataSource.manager, regie, command.month);
    const runId = uuidv7();
    const lock = (await this.tryLock(runId))!;
    try {
      await this.dataSource.query(
        `INSERT INTO billing_runs (id, regie_id, month, dry_run, started_by, started_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, 'running')`,
        [runId, regie.id, command.month, command.dryRun, caller.accountId, this.clock.now()],
      );
    } catch (error) {
      await this.unlock(runId, lock);
      throw error;
    }
    const work = this.perform(runId, lock);
    let timer: NodeJS.Timeout | undefined;
    const finished = Number.isFinite(waitMs)
      ? await Promise.race([
          work.then(() => true),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(false), waitMs);
          }),
        ])
      : await work.then(() => true);
    clearTimeout(timer);
    const view = toRunView(await this.load(runId));
    if (finished && view.status === 'failed' && view.error) {
      throw new DomainException(
        view.error.code as BillingErrorCode,
        view.error.message,
        view.error.details,
      );
    }
    return view;
  }

  /** A run of the régie, by one of its agents: its progress, then its result or error. */
  async get(caller: Caller, ref: RunRef): Promise<RunView> {
    const regie = await this.regies.load(ref.regieId);
    requireRegieAgent(caller, regie);
    const [row] = await this.dataSource.query<RunRow[]>(
      'SELECT * FROM billing_runs WHERE id = $1 AND regie_id = $2',
      [ref.runId, regie.id],
    );
    if (!row) {
      throw new DomainException(
        BillingErrorCode.BILLING_RUN_NOT_FOUND,
        "Ce passage de facturation n'existe pas pour cette régie.",
      );
    }
    return toRunView(row);
  }

  /**
   * The runs left `running` that no replica works on (their lock is free): worked on again,
   * one after the other. How many were resumed.
   */
  async resumeLeftOver(): Promise<number> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      "SELECT id FROM billing_runs WHERE status = 'running' ORDER BY started_at LIMIT 20",
    );
    let resumed = 0;
    for (const { id } of rows) {
      const lock = await this.tryLock(id);
      if (!lock) continue;
      this.logger.info({ runId: id }, 'Resuming a billing run left unfinished');
      await this.perform(id, lock);
      resumed += 1;
    }
    return resumed;
  }

  /** The run's lock on a connection of its own, or undefined when another holds it. */
  private async tryLock(runId: string): Promise<QueryRunner | undefined> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(
        'SELECT pg_try_advisory_lock($1::bigint) AS locked',
        [runLockKey(runId)],
      )) as Array<{ locked: boolean }>;
      if (locked) return runner;
    } catch (error) {
      await runner.release();
      throw error;
    }
    await runner.release();
    return undefined;
  }

  private async unlock(runId: string, runner: QueryRunner): Promise<void> {
    try {
      await runner.query('SELECT pg_advisory_unlock($1::bigint)', [runLockKey(runId)]);
    } finally {
      await runner.release();
    }
  }

  private async load(runId: string): Promise<RunRow> {
    const [row] = await this.dataSource.query<RunRow[]>(
      'SELECT * FROM billing_runs WHERE id = $1',
      [runId],
    );
    return row;
  }

  /** Works on the run under its lock (released at the end); never throws: the row says. */
  private async perform(runId: string, lock: QueryRunner): Promise<void> {
    try {
      const run = await this.load(runId);
      if (run.status !== 'running') return;
      await this.dataSource.query('UPDATE billing_runs SET attempts = attempts + 1 WHERE id = $1', [
        runId,
      ]);
      try {
        await this.work(run);
      } catch (error) {
        const rule = error instanceof DomainException;
        if (!rule) this.logger.error({ err: error, runId }, 'A billing run failed');
        if (rule || run.attempts + 1 >= MAX_RUN_ATTEMPTS) {
          const envelope: RunErrorView = rule
            ? error.envelope
            : {
                code: CommonErrorCode.INTERNAL,
                message:
                  "Le passage de facturation n'a pas pu aboutir : relancez-le (rien n'est facturé deux fois).",
              };
          await this.dataSource.query(
            `UPDATE billing_runs SET status = 'failed', error = $2, finished_at = $3
             WHERE id = $1`,
            [runId, JSON.stringify(envelope), this.clock.now()],
          );
        }
        // Otherwise left running: the resume job tries again.
      }
    } catch (error) {
      this.logger.error({ err: error, runId }, 'A billing run could not be recorded');
    } finally {
      await this.unlock(runId, lock).catch((error: unknown) =>
        this.logger.warn({ err: error, runId }, "A billing run's lock could not be released"),
      );
    }
  }

  private async work(run: RunRow): Promise<void> {
    const regie = await this.regies.load(run.regie_id);
    const manager = this.dataSource.manager;
    const { statements, households } = await this.statements(manager, regie, run.month);
    const totalCents = statements.reduce((sum, statement) => sum + statement.totalCents, 0);
    await this.dataSource.query(
      'UPDATE billing_runs SET household_count = $2, total_cents = $3 WHERE id = $1',
      [run.id, statements.length, totalCents],
    );
    // The run's start is the issue date of all its invoices, resumed or not.
    const issuedAt = run.started_at;
    const issuedOn = todayInParis(issuedAt);
    const issuances = statements.map((statement): Issuance => {
      const household = households.get(statement.householdId);
      return {
        regie,
        month: run.month,
        statement,
        addressee: addressOf(household),
        accountIds: (household?.guardians ?? []).flatMap((guardian) =>
          guardian.accountId ? [guardian.accountId] : [],
        ),
        issuedOn,
        issuedBy: run.started_by,
        issuedAt,
        runId: run.id,
      };
    });
    const answers: Array<{ invoiceId: string; number: number } | undefined> = [];
    for (let from = 0; from < issuances.length; from += ISSUANCE_BATCH) {
      const batch = issuances.slice(from, from + ISSUANCE_BATCH);
      answers.push(
        ...(run.dry_run
          ? await this.issuer.issuedAlready(
              regie.id,
              run.month,
              householdIdsOf(statements.slice(from, from + ISSUANCE_BATCH)),
            )
          : await this.issuer.issueMany(batch)),
      );
      await this.dataSource.query('UPDATE billing_runs SET processed_count = $2 WHERE id = $1', [
        run.id,
        from + batch.length,
      ]);
    }
    const ours = run.dry_run
      ? new Set<string>()
      : new Set(
          (
            await this.dataSource.query<Array<{ household_id: string }>>(
              'SELECT household_id FROM invoices WHERE billing_run_id = $1',
              [run.id],
            )
          ).map((row) => row.household_id),
        );
    const views: RunHouseholdView[] = issuances
      .slice(0, MAX_RUN_HOUSEHOLDS_SHOWN)
      .map((issuance, index) => ({
        householdId: issuance.statement.householdId,
        addressee: issuance.addressee.name,
        totalCents: issuance.statement.totalCents,
        lines: issuance.statement.lines,
        invoiceId: answers[index]?.invoiceId ?? null,
        number: answers[index]?.number ?? null,
        alreadyIssued: answers[index] !== undefined && !ours.has(issuance.statement.householdId),
      }));
    const issuedCount = statements.filter((statement) => ours.has(statement.householdId)).length;
    const alreadyIssuedCount =
      answers.filter((answer) => answer !== undefined).length - issuedCount;
    await this.dataSource.query(
      `UPDATE billing_runs SET status = 'done', issued_count = $2, already_issued_count = $3,
         households = $4, finished_at = $5 WHERE id = $1`,
      [run.id, issuedCount, alreadyIssuedCount, JSON.stringify(views), this.clock.now()],
    );
  }

  /** MONTH_NOT_LOCKED (409) until reservation locked the month for every service of the régie. */
  async requireLocked(manager: EntityManager, regie: RegieRow, month: string) {
    const locked = await manager.query<Array<{ municipal_service_id: string }>>(
      'SELECT municipal_service_id FROM month_locks WHERE municipal_service_id = ANY($1) AND month = $2',
      [regie.municipal_service_ids, month],
    );
    const missing = regie.municipal_service_ids.filter(
      (id) => !locked.some((lock) => lock.municipal_service_id === id),
    );
    if (missing.length) {
      throw new DomainException(
        BillingErrorCode.MONTH_NOT_LOCKED,
        "Le mois n'est pas encore clos pour tous les services de la régie : les présences ne sont pas définitives.",
        { municipalServiceIds: missing },
      );
    }
  }

  /** Households with something to pay (a zero total is not invoiced); also the corrective run's. */
  async statements(
    manager: EntityManager,
    regie: RegieRow,
    month: string,
  ): Promise<{ statements: Statement[]; households: Map<string, HouseholdRow> }> {
    const { first, last } = monthBounds(month);
    const items = await manager.query<BillableItem[]>(BILLABLE_ITEMS, [
      regie.municipal_service_ids,
      first,
      last,
    ]);
    const tariffs = await tariffsOfRegie(manager, regie.id);
    const households = await householdsById(manager, [
      ...new Set(items.map((item) => item.householdId)),
    ]);
    const children = await childrenById(manager, [...new Set(items.map((item) => item.childId))]);
    const context = statementContext(regie, tariffs, households, children);
    // Composed ISSUANCE_BATCH households at a time, yielding in between: a month of 200,000
    // items takes seconds of CPU, during which the replica keeps answering (and the request of
    // the run answers when BILLING_RUN_WAIT_MS is up).
    const byHousehold = new Map<string, BillableItem[]>();
    for (const item of items) {
      const list = byHousehold.get(item.householdId);
      if (list) list.push(item);
      else byHousehold.set(item.householdId, [item]);
    }
    const groups = [...byHousehold.values()];
    const statements: Statement[] = [];
    try {
      for (let from = 0; from < groups.length; from += ISSUANCE_BATCH) {
        await new Promise((resolve) => setImmediate(resolve));
        const chunk = groups.slice(from, from + ISSUANCE_BATCH).flat();
        statements.push(
          ...composeStatements(chunk, context).filter((statement) => statement.totalCents > 0),
        );
      }
      statements.sort((a, b) => a.householdId.localeCompare(b.householdId));
      return { statements, households };
    } catch (error) {
      if (error instanceof MissingTariffError) {
        throw new DomainException(
          BillingErrorCode.TARIFF_NOT_FOUND,
          `Aucun tarif de l'unité ${error.item.unitCode} de l'activité ${error.item.activityCode} ne couvre le ${error.item.day.split('-').reverse().join('/')} : rien n'est facturé tant qu'il manque.`,
          {
            activityCode: error.item.activityCode,
            unitCode: error.item.unitCode,
            day: error.item.day,
          },
        );
      }
      throw error;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  BillingErrorCode,
  MAX_RUN_HOUSEHOLDS_SHOWN,
  todayInParis,
  type Caller,
  type RunHouseholdView,
  type RunView,
  type StartRunCommand,
} from '@portail/contracts';
import { Clock, DomainException } from '@portail/service-kit';
import { InvoiceIssuer } from '../invoices/invoice-issuer';
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
 */
const BILLABLE_ITEMS = `
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
 * the real one issues one invoice per household with something to pay, each in its own
 * transaction. A household already invoiced for the month is not invoiced again, so a run
 * interrupted half way is simply started again.
 */
@Injectable()
export class StartRun {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regies: RegieStore,
    private readonly issuer: InvoiceIssuer,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, command: StartRunCommand): Promise<RunView> {
    const regie = await this.regies.load(command.regieId);
    requireRegieAgent(caller, regie);
    const manager = this.dataSource.manager;
    await this.requireLocked(manager, regie, command.month);
    const statements = await this.statements(manager, regie, command.month);
    const households = await householdsById(
      manager,
      statements.map((statement) => statement.householdId),
    );
    const issuedAt = this.clock.now();
    const issuedOn = todayInParis(issuedAt);
    const views: RunHouseholdView[] = [];
    let issuedCount = 0;
    let alreadyIssuedCount = 0;
    for (const statement of statements) {
      const household = households.get(statement.householdId);
      const addressee = addressOf(household);
      const view: RunHouseholdView = {
        householdId: statement.householdId,
        addressee: addressee.name,
        totalCents: statement.totalCents,
        lines: statement.lines,
        invoiceId: null,
        number: null,
        alreadyIssued: false,
      };
      if (!command.dryRun) {
        const issued = await this.issuer.issue({
          regie,
          month: command.month,
          statement,
          addressee,
          accountIds: (household?.guardians ?? []).flatMap((guardian) =>
            guardian.accountId ? [guardian.accountId] : [],
          ),
          issuedOn,
          issuedBy: caller.accountId,
          issuedAt,
        });
        Object.assign(view, issued);
        if (issued.alreadyIssued) alreadyIssuedCount += 1;
        else issuedCount += 1;
      } else {
        const [earlier] = await manager.query<Array<{ id: string; number: number }>>(
          `SELECT id, number FROM invoices WHERE regie_id = $1 AND household_id = $2
             AND month = $3 AND kind = 'post-billing'`,
          [regie.id, statement.householdId, command.month],
        );
        if (earlier) {
          Object.assign(view, {
            invoiceId: earlier.id,
            number: earlier.number,
            alreadyIssued: true,
          });
          alreadyIssuedCount += 1;
        }
      }
      if (views.length < MAX_RUN_HOUSEHOLDS_SHOWN) views.push(view);
    }
    await manager.query(
      `INSERT INTO billing_runs (id, regie_id, month, dry_run, started_by, started_at,
         issued_count, already_issued_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        uuidv7(),
        regie.id,
        command.month,
        command.dryRun,
        caller.accountId,
        issuedAt,
        issuedCount,
        alreadyIssuedCount,
      ],
    );
    return {
      regieId: regie.id,
      month: command.month,
      dryRun: command.dryRun,
      issuedCount,
      alreadyIssuedCount,
      householdCount: statements.length,
      totalCents: statements.reduce((sum, statement) => sum + statement.totalCents, 0),
      households: views,
    };
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
  async statements(manager: EntityManager, regie: RegieRow, month: string): Promise<Statement[]> {
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
    try {
      return composeStatements(
        items,
        statementContext(regie, tariffs, households, children),
      ).filter((statement) => statement.totalCents > 0);
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

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
import { InvoiceIssuer, type Issuance } from '../invoices/invoice-issuer';
import type { Addressee } from '../invoices/invoice-store';
import { requireRegieAgent } from '../regies/regie-access';
import { monthBounds } from '../regies/regie-rules';
import { RegieStore, type RegieRow } from '../regies/regie-store';
import {
  addresseeOf,
  childrenById,
  communesOf,
  householdsById,
  invoiceName,
  type HouseholdRow,
} from '../tariffs/family-situation';
import { tariffOn, tariffsOfRegie, termsOf } from '../tariffs/tariff-store';
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

const householdIdsOf = (statements: Statement[]) =>
  statements.map((statement) => statement.householdId);

function addressOf(household: HouseholdRow | undefined): Addressee {
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
 * again, so a run interrupted half way is simply started again.
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
    const { statements, households } = await this.statements(manager, regie, command.month);
    const issuedAt = this.clock.now();
    const issuedOn = todayInParis(issuedAt);
    const views: RunHouseholdView[] = [];
    let issuedCount = 0;
    let alreadyIssuedCount = 0;
    for (let from = 0; from < statements.length; from += ISSUANCE_BATCH) {
      const batch = statements.slice(from, from + ISSUANCE_BATCH);
      const issuances = batch.map((statement): Issuance => {
        const household = households.get(statement.householdId);
        return {
          regie,
          month: command.month,
          statement,
          addressee: addressOf(household),
          accountIds: (household?.guardians ?? []).flatMap((guardian) =>
            guardian.accountId ? [guardian.accountId] : [],
          ),
          issuedOn,
          issuedBy: caller.accountId,
          issuedAt,
        };
      });
      const answers = command.dryRun
        ? await this.issuer.issuedAlready(regie.id, command.month, householdIdsOf(batch))
        : await this.issuer.issueMany(issuances);
      issuances.forEach((issuance, index) => {
        const answer = answers[index];
        if (answer?.alreadyIssued) alreadyIssuedCount += 1;
        else if (answer) issuedCount += 1;
        if (views.length >= MAX_RUN_HOUSEHOLDS_SHOWN) return;
        views.push({
          householdId: issuance.statement.householdId,
          addressee: issuance.addressee.name,
          totalCents: issuance.statement.totalCents,
          lines: issuance.statement.lines,
          invoiceId: answer?.invoiceId ?? null,
          number: answer?.number ?? null,
          alreadyIssued: answer?.alreadyIssued ?? false,
        });
      });
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

  private async requireLocked(manager: EntityManager, regie: RegieRow, month: string) {
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

  /** Households with something to pay (a zero total is not invoiced). */
  private async statements(
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
    try {
      const statements = composeStatements(items, {
        tariffOn: (activityCode, unitCode, day) => {
          const tariff = tariffOn(tariffs, activityCode, unitCode, day);
          return tariff && { id: tariff.id, label: tariff.label, ...termsOf(tariff) };
        },
        household: (id) => {
          const household = households.get(id);
          return (
            household && {
              familyQuotient: household.family_quotient,
              familyQuotientValidUntil: household.family_quotient_valid_until,
              communes: communesOf(household),
            }
          );
        },
        child: (id) => {
          const child = children.get(id);
          return (
            child && {
              name: invoiceName(child.first_name, child.last_name),
              birthDate: child.birth_date,
            }
          );
        },
        residentOrganisationIds: regie.resident_organisation_ids,
      }).filter((statement) => statement.totalCents > 0);
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

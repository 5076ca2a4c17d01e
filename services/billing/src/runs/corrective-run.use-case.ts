import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { isUniqueViolation } from '@portail/database';
import {
  frenchMonth,
  MAX_RUN_HOUSEHOLDS_SHOWN,
  todayInParis,
  type Caller,
  type CorrectiveRunHouseholdView,
  type CorrectiveRunView,
  type CreditNoteView,
  type StartRunCommand,
} from '@portail/contracts';
import { Clock } from '@portail/service-kit';
import { accountIdsOf, CreditNoteStore } from '../credit-notes/credit-note-store';
import { creditableCents } from '../credit-notes/issue-credit-note.use-case';
import { InvoiceIssuer, type Issuance } from '../invoices/invoice-issuer';
import { requireRegieAgent } from '../regies/regie-access';
import { RegieStore, type RegieRow } from '../regies/regie-store';
import { householdsById } from '../tariffs/family-situation';
import { addressOf, StartRun } from './start-run.use-case';
import type { Statement, StatementLine } from './statement-rules';

/** The last invoice of a household's month (the one no corrective invoice replaces yet). */
interface LastInvoice {
  id: string;
  household_id: string;
  number: number;
  total_cents: number;
  family_file_number: number;
  /** Credited by a corrective run: it bills nothing any more. */
  voided: boolean;
}

interface StoredLine extends Omit<StatementLine, 'amountCents'> {
  invoiceId: string;
  amountCents: number;
}

/** A line as compared: what it bills, in a stable order. */
function signature(lines: ReadonlyArray<Omit<StatementLine, never>>): string {
  return JSON.stringify(
    lines
      .map((line) => [
        line.childId,
        line.kind,
        line.label,
        line.quantity,
        line.unitPriceCents,
        line.amountCents,
        line.note ?? null,
      ])
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  );
}

/** True when the month, computed again, bills what the standing invoice bills. */
export function billsTheSame(billed: StatementLine[], recomputed: StatementLine[]): boolean {
  return signature(billed) === signature(recomputed);
}

/**
 * A corrective run of a régie's month, once attendance or bookings were corrected after the
 * month was billed (reservation's `afterLock` corrections reach billing's copies like any
 * other): the month is computed again with the same rules as the run (StartRun.statements,
 * statement-rules.ts); for each household whose result differs from what its standing invoice
 * bills, the invoice is credited (a `corrective` credit note of what is left creditable) and a
 * new `corrective` invoice replaces it, in one transaction — an issued invoice is never edited.
 * A household with nothing billed yet gets its post-billed invoice. A dry run shows the same
 * without issuing. Running it twice issues nothing twice: after the first, the new invoice bills
 * what the month comes to (and the unique keys refuse a second replacement of one invoice).
 */
@Injectable()
export class CorrectiveRun {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regies: RegieStore,
    private readonly run: StartRun,
    private readonly issuer: InvoiceIssuer,
    private readonly creditNotes: CreditNoteStore,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, command: StartRunCommand): Promise<CorrectiveRunView> {
    const regie = await this.regies.load(command.regieId);
    requireRegieAgent(caller, regie);
    const manager = this.dataSource.manager;
    await this.run.requireLocked(manager, regie, command.month);
    const statements = new Map(
      (await this.run.statements(manager, regie, command.month)).statements.map((statement) => [
        statement.householdId,
        statement,
      ]),
    );
    const lastInvoices = await this.lastInvoices(manager, regie.id, command.month);
    const billedLines = await this.linesOf(
      manager,
      [...lastInvoices.values()].filter((invoice) => !invoice.voided).map((invoice) => invoice.id),
    );
    const householdIds = [...new Set([...statements.keys(), ...lastInvoices.keys()])].sort();
    const households = await householdsById(manager, householdIds);
    const issuedAt = this.clock.now();
    const issuedOn = todayInParis(issuedAt);
    const views: CorrectiveRunHouseholdView[] = [];
    let householdCount = 0;
    let creditNoteCount = 0;
    let invoiceCount = 0;
    for (const householdId of householdIds) {
      const statement: Statement = statements.get(householdId) ?? {
        householdId,
        lines: [],
        totalCents: 0,
      };
      const last = lastInvoices.get(householdId);
      const standing = last && !last.voided ? last : undefined;
      if (billsTheSame(standing ? (billedLines.get(standing.id) ?? []) : [], statement.lines)) {
        continue;
      }
      householdCount += 1;
      const household = households.get(householdId);
      const addressee = addressOf(household);
      const view: CorrectiveRunHouseholdView = {
        householdId,
        addressee: addressee.name,
        previousInvoiceId: standing?.id ?? null,
        previousNumber: standing?.number ?? null,
        previousCents: standing?.total_cents ?? 0,
        totalCents: statement.totalCents,
        lines: statement.lines,
        creditNote: null,
        invoiceId: null,
        number: null,
      };
      if (!command.dryRun) {
        const issuance = {
          regie,
          month: command.month,
          statement,
          addressee,
          accountIds: accountIdsOf(household),
          issuedOn,
          issuedBy: caller.accountId,
          issuedAt,
        };
        if (!last) {
          const issued = await this.issuer.issue(issuance);
          Object.assign(view, { invoiceId: issued.invoiceId, number: issued.number });
          if (!issued.alreadyIssued) invoiceCount += 1;
        } else {
          const done = await this.replace(regie, last, issuance);
          if (done) {
            Object.assign(view, done);
            if (done.creditNote) creditNoteCount += 1;
            if (done.invoiceId) invoiceCount += 1;
          }
        }
      }
      if (views.length < MAX_RUN_HOUSEHOLDS_SHOWN) views.push(view);
    }
    return {
      regieId: regie.id,
      month: command.month,
      dryRun: command.dryRun,
      householdCount,
      creditNoteCount,
      invoiceCount,
      households: views,
    };
  }

  /**
   * Credits the household's last invoice (unless a corrective run already did) and issues the
   * one replacing it (unless the month now comes to nothing), in one transaction. Undefined when
   * a concurrent corrective run did it first.
   */
  private async replace(
    regie: RegieRow,
    last: LastInvoice,
    issuance: Issuance,
  ): Promise<
    | { creditNote: CreditNoteView | null; invoiceId: string | null; number: number | null }
    | undefined
  > {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const invoice = (await this.creditNotes.lockInvoice(manager, last.id))!;
        const [state] = await manager.query<Array<{ replaced: boolean; voided: boolean }>>(
          `SELECT EXISTS (SELECT 1 FROM invoices WHERE replaces_invoice_id = $1) AS replaced,
             EXISTS (SELECT 1 FROM credit_notes WHERE invoice_id = $1 AND kind = 'corrective')
               AS voided`,
          [last.id],
        );
        if (state.replaced || state.voided !== last.voided) return undefined;
        const invoiceId = issuance.statement.totalCents > 0 ? uuidv7() : null;
        const month = frenchMonth(`${issuance.month}-01`);
        const creditable = creditableCents(invoice);
        const creditNote =
          !last.voided && creditable > 0
            ? await this.creditNotes.issue(manager, {
                regie,
                invoice,
                kind: 'corrective',
                reason: invoiceId
                  ? `Présences corrigées pour ${month} : la facture n° ${last.number} est remplacée par une nouvelle facture.`
                  : `Présences corrigées pour ${month} : la facture n° ${last.number} est annulée.`,
                amountCents: creditable,
                issuedOn: issuance.issuedOn,
                issuedBy: issuance.issuedBy,
                issuedAt: issuance.issuedAt,
                replacementInvoiceId: invoiceId,
              })
            : null;
        const issued = invoiceId
          ? await this.issuer.insertInvoice(manager, issuance, last.family_file_number, {
              invoiceId,
              kind: 'corrective',
              replacesInvoiceId: last.id,
            })
          : undefined;
        return { creditNote, invoiceId, number: issued?.number ?? null };
      });
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  /** Per household, the invoice of the month that no other replaces. */
  private async lastInvoices(
    manager: EntityManager,
    regieId: string,
    month: string,
  ): Promise<Map<string, LastInvoice>> {
    const rows = await manager.query<LastInvoice[]>(
      `SELECT i.id, i.household_id, i.number, i.total_cents, i.family_file_number,
         EXISTS (SELECT 1 FROM credit_notes c WHERE c.invoice_id = i.id AND c.kind = 'corrective')
           AS voided
       FROM invoices i
       WHERE i.regie_id = $1 AND i.month = $2 AND i.kind IN ('post-billing', 'corrective')
         AND NOT EXISTS (SELECT 1 FROM invoices n WHERE n.replaces_invoice_id = i.id)`,
      [regieId, month],
    );
    return new Map(rows.map((row) => [row.household_id, row]));
  }

  private async linesOf(
    manager: EntityManager,
    invoiceIds: string[],
  ): Promise<Map<string, StatementLine[]>> {
    const rows = invoiceIds.length
      ? await manager.query<StoredLine[]>(
          `SELECT invoice_id AS "invoiceId", child_id AS "childId", child_name AS "childName",
             kind, label, quantity, unit_price_cents AS "unitPriceCents",
             amount_cents AS "amountCents", note
           FROM invoice_lines WHERE invoice_id = ANY($1) ORDER BY invoice_id, position`,
          [invoiceIds],
        )
      : [];
    const byInvoice = new Map<string, StatementLine[]>();
    for (const { invoiceId, ...line } of rows) {
      byInvoice.set(invoiceId, [...(byInvoice.get(invoiceId) ?? []), line]);
    }
    return byInvoice;
  }
}

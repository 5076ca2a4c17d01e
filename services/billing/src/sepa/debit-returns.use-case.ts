import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  afterColon,
  counted,
  SEPA_RETURN_REASONS,
  SepaErrorCode,
  type Caller,
  type ReturnLineView,
  type ReturnsImportCommand,
  type ReturnsImportView,
  type SepaDebitState,
  type SepaSequenceType,
} from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { Clock, DomainException } from '@portail/service-kit';
import { PaymentLedger } from '../payments/payment-ledger';
import { accountIdsOf } from '../payments/payment-store';
import { RegieStore, type RegieRow } from '../regies/regie-store';
import { regieOfAgent } from './agent-regie';
import { revokeMandate } from './manage-mandates.use-case';
import { parseReturnsCsv, type ReturnRow, type ReturnsProblem } from './returns-csv';

/** A debit as a return finds it (locked). */
interface ReturnedDebitRow {
  id: string;
  invoice_id: string;
  mandate_id: string;
  payment_id: string;
  household_id: string;
  amount_cents: number;
  sequence: SepaSequenceType;
  state: SepaDebitState;
}

/** At most this many problems are answered (the first ones). */
const MAX_PROBLEMS = 50;

/**
 * The bank's returned and rejected debits (returns-csv.ts), imported by an agent of the régie.
 * Every line must name a debit of this régie with its amount, or nothing is applied. Each
 * debit is then marked returned once: its payment ends `denied`, and what it had added to the
 * invoice (once its date passed) is taken back in the locked invoice row, so the invoice is to
 * pay again; a reason that says the mandate cannot be used revokes it, a returned first debit
 * makes the next one FRST again, and the family gets `billing.direct-debit.returned`. A line
 * already applied changes nothing: importing the same file twice is harmless.
 */
@Injectable()
export class DebitReturns {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regies: RegieStore,
    private readonly ledger: PaymentLedger,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
  ) {}

  async import(caller: Caller, command: ReturnsImportCommand): Promise<ReturnsImportView> {
    const regie = await regieOfAgent(this.regies, caller, command.regieId);
    const parsed = parseReturnsCsv(command.csv);
    if (parsed.problems.length) throw invalidFile(parsed.problems);
    const rows = [...new Map(parsed.rows.map((row) => [row.reference, row])).values()];
    return this.dataSource.transaction(async (manager) => {
      const debits = new Map<string, ReturnedDebitRow>();
      const problems: ReturnsProblem[] = [];
      for (const row of rows) {
        const [debit] = await manager.query<ReturnedDebitRow[]>(
          `SELECT d.id, d.invoice_id, d.mandate_id, d.payment_id, d.household_id, d.amount_cents,
             d.sequence, d.state
           FROM sepa_debits d JOIN sepa_debit_files f ON f.id = d.file_id
           WHERE d.end_to_end_id = $1 AND f.regie_id = $2 FOR UPDATE OF d`,
          [row.reference, regie.id],
        );
        if (!debit)
          problems.push({ line: row.line, message: 'Aucun prélèvement de cette référence.' });
        else if (debit.amount_cents !== row.amountCents) {
          problems.push({
            line: row.line,
            message: 'Le montant ne correspond pas au prélèvement.',
          });
        } else debits.set(row.reference, debit);
      }
      if (problems.length) throw invalidFile(problems);
      const lines: ReturnLineView[] = [];
      for (const row of rows) {
        lines.push(await this.apply(manager, regie, row, debits.get(row.reference)!));
      }
      return {
        returned: lines.filter((line) => line.outcome === 'returned').length,
        alreadyReturned: lines.filter((line) => line.outcome === 'already-returned').length,
        lines,
      };
    });
  }

  private async apply(
    manager: EntityManager,
    regie: RegieRow,
    row: ReturnRow,
    debit: ReturnedDebitRow,
  ): Promise<ReturnLineView> {
    const revokes = SEPA_RETURN_REASONS[row.reasonCode]?.revokes ?? false;
    const line: ReturnLineView = {
      reference: row.reference,
      reasonCode: row.reasonCode,
      reasonLabel: row.reasonLabel,
      outcome: 'already-returned',
      invoiceId: debit.invoice_id,
      amountCents: debit.amount_cents,
      mandateRevoked: false,
    };
    if (debit.state === 'returned') return line;
    const invoice = (await this.ledger.lockInvoice(manager, debit.invoice_id))!;
    const now = this.clock.now();
    if (debit.state === 'paid') {
      await manager.query('UPDATE invoices SET paid_cents = paid_cents - $2 WHERE id = $1', [
        invoice.id,
        debit.amount_cents,
      ]);
    }
    await manager.query(
      `UPDATE payments SET state = 'denied', settled_at = $2, note = $3 WHERE id = $1`,
      [debit.payment_id, now, `Prélèvement rejeté (${row.reasonCode}, ${row.reasonLabel})`],
    );
    await manager.query(
      `UPDATE sepa_debits SET state = 'returned', return_reason = $2, returned_on = $3
       WHERE id = $1`,
      [debit.id, row.reasonCode, row.returnedOn],
    );
    if (debit.sequence === 'FRST') {
      // The first collection did not go through: the next one is a first one again.
      await manager.query(
        `UPDATE sepa_mandates SET next_sequence = 'FRST' WHERE id = $1 AND state = 'active'`,
        [debit.mandate_id],
      );
    }
    if (revokes) {
      await revokeMandate(
        manager,
        debit.mandate_id,
        now,
        null,
        `Retour bancaire ${row.reasonCode} : ${afterColon(row.reasonLabel)}`,
      );
    }
    await this.events.record(
      manager,
      'billing.direct-debit.returned',
      {
        debitId: debit.id,
        regieId: regie.id,
        regieName: regie.name,
        organisationId: regie.organisation_id,
        householdId: debit.household_id,
        accountIds: await accountIdsOf(manager, debit.household_id),
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        amountCents: debit.amount_cents,
        reasonCode: row.reasonCode,
        reasonLabel: row.reasonLabel,
        mandateRevoked: revokes,
        returnedOn: row.returnedOn,
      },
      { aggregateId: debit.id },
    );
    return { ...line, outcome: 'returned', mandateRevoked: revokes };
  }
}

function invalidFile(problems: ReturnsProblem[]): DomainException {
  return new DomainException(
    SepaErrorCode.SEPA_RETURNS_FILE_INVALID,
    `Le fichier des retours n'a pas été appliqué : ${counted(problems.length, 'ligne')} en erreur.`,
    { lines: problems.slice(0, MAX_PROBLEMS) },
  );
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  BillingErrorCode,
  SepaErrorCode,
  sepaReturnLabel,
  todayInParis,
  type Caller,
  type DebitFileCommand,
  type DebitFileQuery,
  type DebitFileView,
  type DebitFileXmlPart,
  type DebitFileXmlQuery,
  type DebitGroupView,
  type DebitLineView,
  type RegieRef,
  type SepaDebitState,
  type SepaSequenceType,
} from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { Clock, DomainException } from '@portail/service-kit';
import { PaymentLedger, type LockedInvoice } from '../payments/payment-ledger';
import { RegieStore, type RegieRow } from '../regies/regie-store';
import { householdsById } from '../tariffs/family-situation';
import { regieOfAgent } from './agent-regie';
import { earliestCollectionDate, isTargetBusinessDay } from './collection-calendar';
import { hasLapsed, maskIban } from './mandate-rules';
import { MANDATE_SELECT, type MandateRow } from './mandate-store';
import { pain008Xml, type Pain008Debit } from './pain008-document';
import { SepaSettings } from './sepa-settings';

/** A `sepa_debit_files` row as PostgreSQL returns it. */
interface DebitFileRow {
  id: string;
  regie_id: string;
  month: string;
  collection_date: string;
  message_id: string;
  creditor_id: string;
  creditor_name: string;
  creditor_iban_masked: string;
  transaction_count: number;
  control_sum_cents: string;
  groups: DebitGroupView[];
  created_at: Date;
}

/** A `sepa_debits` row with its invoice's number. */
interface DebitRow {
  id: string;
  end_to_end_id: string;
  invoice_id: string;
  invoice_number: number;
  household_id: string;
  debtor_name: string;
  amount_cents: number;
  rum: string;
  iban_masked: string;
  sequence: SepaSequenceType;
  state: SepaDebitState;
  return_reason: string | null;
  returned_on: string | null;
}

const FILE_COLUMNS = `id, regie_id, month, collection_date::text AS collection_date, message_id,
  creditor_id, creditor_name, creditor_iban_masked, transaction_count, control_sum_cents, groups,
  created_at`;

/** Lines in one answer unless asked otherwise (≤ MAX_DEBIT_LINES_PAGE). */
const DEFAULT_LINES_PAGE_SIZE = 200;

/** At most this many files in a régie's list (the latest first): one a month is ~8 years. */
const MAX_FILES_LISTED = 100;

export function debitFileNotFound(): DomainException {
  return new DomainException(
    SepaErrorCode.SEPA_DEBIT_FILE_NOT_FOUND,
    "Ce fichier de prélèvements n'existe pas.",
  );
}

/**
 * The monthly debit file of a régie: the issued invoices of the month still to pay whose
 * household has an active mandate, each debited for what is left to pay, as one pain.008.001.02
 * document. Made once per régie and month (an advisory lock and a unique row: asking again, even
 * concurrently, answers the same file). Each debit is a `direct-debit` payment `waiting` on its
 * invoice (locked), so nothing else takes the same balance; the family is pre-notified through
 * `billing.direct-debit.announced`. The debits count as paid once their date passes without a
 * return (DebitSettlementJob).
 */
@Injectable()
export class DebitFiles {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regies: RegieStore,
    private readonly settings: SepaSettings,
    private readonly ledger: PaymentLedger,
    private readonly events: EventRecorder,
    private readonly clock: Clock,
  ) {}

  async create(caller: Caller, command: DebitFileCommand): Promise<DebitFileView> {
    const regie = await regieOfAgent(this.regies, caller, command.regieId);
    const creditor = this.settings.creditorOf(regie);
    const now = this.clock.now();
    const earliest = earliestCollectionDate(todayInParis(now), this.settings.prenotificationDays);
    if (command.collectionDate < earliest || !isTargetBusinessDay(command.collectionDate)) {
      throw new DomainException(
        SepaErrorCode.SEPA_COLLECTION_DATE_INVALID,
        `La date de prélèvement doit être un jour ouvré TARGET2, au plus tôt le ${earliest} (délai de pré-notification de ${this.settings.prenotificationDays} jours).`,
        { earliest },
      );
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `sepa-file:${regie.id}:${command.month}`,
      ]);
      const [existing] = await manager.query<Array<{ id: string }>>(
        'SELECT id FROM sepa_debit_files WHERE regie_id = $1 AND month = $2',
        [regie.id, command.month],
      );
      if (existing) return this.view(manager, regie.id, existing.id);
      const fileId = uuidv7();
      const messageId = `PF${command.month.replace('-', '')}-${fileId.replace(/-/g, '').slice(-12)}`;
      const debits = await this.debitsOf(manager, regie, command, caller.accountId, now);
      if (!debits.length) {
        throw new DomainException(
          BillingErrorCode.NOTHING_TO_PAY,
          "Aucune facture de ce mois n'est à prélever (pas de mandat actif ou rien à payer).",
        );
      }
      const groups = (['FRST', 'RCUR'] as const)
        .map((sequence) => {
          const group = debits.filter((debit) => debit.sequence === sequence);
          return {
            sequence,
            count: group.length,
            sumCents: group.reduce((sum, debit) => sum + debit.amountCents, 0),
          };
        })
        .filter((group) => group.count > 0);
      const xml = pain008Xml({
        messageId,
        createdAt: now,
        collectionDate: command.collectionDate,
        creditor,
        debits,
      });
      await manager.query(
        `INSERT INTO sepa_debit_files (id, regie_id, month, collection_date, message_id,
           creditor_id, creditor_name, creditor_iban_masked, transaction_count,
           control_sum_cents, groups, xml, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          fileId,
          regie.id,
          command.month,
          command.collectionDate,
          messageId,
          creditor.creditorId,
          creditor.name,
          maskIban(creditor.iban),
          debits.length,
          debits.reduce((sum, debit) => sum + debit.amountCents, 0),
          JSON.stringify(groups),
          xml,
          caller.accountId,
          now,
        ],
      );
      await manager.query(
        `INSERT INTO sepa_debits (id, file_id, invoice_id, household_id, mandate_id, payment_id,
           end_to_end_id, amount_cents, sequence, debtor_name, rum, iban_masked, state)
         SELECT d.id, $1, d.invoice_id, d.household_id, d.mandate_id, d.payment_id,
           d.end_to_end_id, d.amount_cents, d.sequence, d.debtor_name, d.rum, d.iban_masked,
           'announced'
         FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[],
           $8::int[], $9::text[], $10::text[], $11::text[], $12::text[])
           AS d(id, invoice_id, household_id, mandate_id, payment_id, end_to_end_id, amount_cents,
             sequence, debtor_name, rum, iban_masked)`,
        [
          fileId,
          debits.map((debit) => debit.id),
          debits.map((debit) => debit.invoiceId),
          debits.map((debit) => debit.householdId),
          debits.map((debit) => debit.mandateId),
          debits.map((debit) => debit.paymentId),
          debits.map((debit) => debit.endToEndId),
          debits.map((debit) => debit.amountCents),
          debits.map((debit) => debit.sequence),
          debits.map((debit) => debit.debtorName),
          debits.map((debit) => debit.rum),
          debits.map((debit) => maskIban(debit.debtorIban)),
        ],
      );
      // The mandates used: RCUR from now on, the amendment carried, the last use for the lapse.
      await manager.query(
        `UPDATE sepa_mandates SET next_sequence = 'RCUR', last_collected_on = $2,
           amended_from_ciphertext = NULL, amended_other_bank = NULL
         WHERE id = ANY($1)`,
        [[...new Set(debits.map((debit) => debit.mandateId))], command.collectionDate],
      );
      await this.announce(manager, regie, fileId, command.collectionDate, creditor, debits);
      return this.view(manager, regie.id, fileId);
    });
  }

  async list(caller: Caller, query: RegieRef): Promise<DebitFileView[]> {
    const manager = this.dataSource.manager;
    await regieOfAgent(this.regies, caller, query.regieId, manager);
    const rows = await manager.query<DebitFileRow[]>(
      `SELECT ${FILE_COLUMNS} FROM sepa_debit_files WHERE regie_id = $1
       ORDER BY month DESC, created_at DESC LIMIT ${MAX_FILES_LISTED}`,
      [query.regieId],
    );
    return rows.map(toFileView);
  }

  async get(caller: Caller, query: DebitFileQuery): Promise<DebitFileView> {
    const manager = this.dataSource.manager;
    await regieOfAgent(this.regies, caller, query.regieId, manager);
    return this.view(manager, query.regieId, query.fileId, query.page, query.pageSize);
  }

  /**
   * The pain.008 document as the bank receives it, in parts of SEPA_XML_PART_BYTES (base64,
   * like the other downloads): a régie's month may exceed what one NATS message carries.
   */
  async xml(caller: Caller, query: DebitFileXmlQuery): Promise<DebitFileXmlPart> {
    const manager = this.dataSource.manager;
    await regieOfAgent(this.regies, caller, query.regieId, manager);
    const [row] = await manager.query<Array<{ xml: string; message_id: string }>>(
      'SELECT xml, message_id FROM sepa_debit_files WHERE id = $1 AND regie_id = $2',
      [query.fileId, query.regieId],
    );
    if (!row) throw debitFileNotFound();
    const bytes = Buffer.from(row.xml, 'utf8');
    const size = this.settings.xmlPartBytes;
    const parts = Math.max(Math.ceil(bytes.length / size), 1);
    const part = Math.min(query.part ?? 0, parts - 1);
    return {
      contentBase64: bytes.subarray(part * size, (part + 1) * size).toString('base64'),
      contentType: 'application/xml',
      fileName: `prelevements-${row.message_id}.xml`,
      part,
      parts,
    };
  }

  /** The file with one page of its lines (the first by default): answers stay small. */
  private async view(
    manager: EntityManager,
    regieId: string,
    fileId: string,
    page = 1,
    pageSize = DEFAULT_LINES_PAGE_SIZE,
  ): Promise<DebitFileView> {
    const [row] = await manager.query<DebitFileRow[]>(
      `SELECT ${FILE_COLUMNS} FROM sepa_debit_files WHERE id = $1 AND regie_id = $2`,
      [fileId, regieId],
    );
    if (!row) throw debitFileNotFound();
    const lines = await manager.query<DebitRow[]>(
      `SELECT d.*, d.returned_on::text AS returned_on, i.number AS invoice_number
       FROM sepa_debits d JOIN invoices i ON i.id = d.invoice_id
       WHERE d.file_id = $1 ORDER BY d.sequence, d.end_to_end_id LIMIT $2 OFFSET $3`,
      [fileId, pageSize, (page - 1) * pageSize],
    );
    return { ...toFileView(row), lines: lines.map(toLineView), page, pageSize };
  }

  /**
   * The debits of the month, their mandates then their invoices locked, their payments recorded
   * `waiting`: a few set-based statements, whatever the number of households (a town's month is
   * thousands of debits: one round trip each kept the agent waiting past the gateway's timeout).
   */
  private async debitsOf(
    manager: EntityManager,
    regie: RegieRow,
    command: DebitFileCommand,
    recordedBy: string,
    now: Date,
  ): Promise<Array<Pain008Debit & DebitRecord>> {
    const candidates = await manager.query<Array<{ id: string; household_id: string }>>(
      `SELECT i.id, i.household_id FROM invoices i
       WHERE i.regie_id = $1 AND i.month = $2 AND i.kind <> 'pre-billing' AND NOT i.cancelled
         AND i.total_cents - i.credited_cents - i.paid_cents > 0
         AND EXISTS (SELECT 1 FROM sepa_mandates m WHERE m.regie_id = i.regie_id
           AND m.household_id = i.household_id AND m.state = 'active')`,
      [regie.id, command.month],
    );
    if (!candidates.length) return [];
    const mandates = await this.usableMandates(
      manager,
      regie.id,
      [...new Set(candidates.map((candidate) => candidate.household_id))],
      command,
    );
    const invoices = await manager.query<LockedInvoice[]>(
      `SELECT id, regie_id, household_id, number, total_cents, paid_cents, credited_cents,
         cancelled, due_on::text AS due_on
       FROM invoices WHERE id = ANY($1) ORDER BY household_id, number FOR UPDATE`,
      [candidates.map((candidate) => candidate.id)],
    );
    // An online payment under way keeps its invoice out of the file (one waiting payment each).
    const underWay = new Set(
      (
        await manager.query<Array<{ invoice_id: string }>>(
          `SELECT DISTINCT invoice_id FROM payments WHERE invoice_id = ANY($1) AND state = 'waiting'`,
          [invoices.map((invoice) => invoice.id)],
        )
      ).map((row) => row.invoice_id),
    );
    const debits: Array<Pain008Debit & DebitRecord> = [];
    for (const invoice of invoices) {
      const mandate = mandates.get(invoice.household_id);
      const amountCents = this.ledger.balanceOf(invoice);
      if (!mandate || underWay.has(invoice.id) || amountCents === 0) continue;
      const id = uuidv7();
      const amended = mandate.amended_from_ciphertext;
      debits.push({
        id,
        paymentId: uuidv7(),
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        householdId: invoice.household_id,
        mandateId: mandate.id,
        endToEndId: `PF${id.replace(/-/g, '')}`,
        amountCents,
        sequence: mandate.next_sequence,
        rum: mandate.rum,
        signedOn: mandate.signed_on,
        debtorName: mandate.debtor_name,
        debtorIban: this.settings.decrypt(mandate.iban_ciphertext),
        debtorBic: mandate.bic,
        remittance: `Facture ${invoice.number} - ${regie.name}`.slice(0, 140),
        amendment: amended
          ? {
              originalIban: this.settings.decrypt(amended),
              otherBank: mandate.amended_other_bank ?? true,
            }
          : null,
      });
    }
    await manager.query(
      `INSERT INTO payments (id, invoice_id, regie_id, household_id, method, amount_cents, state,
         provider, provider_reference, recorded_by, created_at)
       SELECT p.id, p.invoice_id, $1, p.household_id, 'direct-debit', p.amount_cents, 'waiting',
         'sepa', p.reference, $2, $3
       FROM unnest($4::uuid[], $5::uuid[], $6::uuid[], $7::int[], $8::text[])
         AS p(id, invoice_id, household_id, amount_cents, reference)`,
      [
        regie.id,
        recordedBy,
        now,
        debits.map((debit) => debit.paymentId),
        debits.map((debit) => debit.invoiceId),
        debits.map((debit) => debit.householdId),
        debits.map((debit) => debit.amountCents),
        debits.map((debit) => debit.endToEndId),
      ],
    );
    return debits;
  }

  /** The households' active mandates, locked; those unused 36 months lapse (and are left out). */
  private async usableMandates(
    manager: EntityManager,
    regieId: string,
    householdIds: string[],
    command: DebitFileCommand,
  ): Promise<Map<string, MandateRow>> {
    const rows = await manager.query<MandateRow[]>(
      `${MANDATE_SELECT} WHERE m.regie_id = $1 AND m.household_id = ANY($2) AND m.state = 'active'
       ORDER BY m.household_id FOR UPDATE OF m`,
      [regieId, householdIds],
    );
    const lapsed = rows.filter((mandate) =>
      hasLapsed(mandate.last_collected_on ?? mandate.signed_on, command.collectionDate),
    );
    if (lapsed.length) {
      await manager.query(`UPDATE sepa_mandates SET state = 'lapsed' WHERE id = ANY($1)`, [
        lapsed.map((mandate) => mandate.id),
      ]);
    }
    return new Map(
      rows
        .filter((mandate) => !lapsed.includes(mandate))
        .map((mandate) => [mandate.household_id, mandate]),
    );
  }

  /** One pre-notification per household: amount, date, RUM and creditor id, never the IBAN. */
  private async announce(
    manager: EntityManager,
    regie: RegieRow,
    fileId: string,
    collectionDate: string,
    creditor: { creditorId: string; name: string },
    debits: Array<Pain008Debit & DebitRecord>,
  ): Promise<void> {
    const byHousehold = new Map<string, Array<Pain008Debit & DebitRecord>>();
    for (const debit of debits) {
      byHousehold.set(debit.householdId, [...(byHousehold.get(debit.householdId) ?? []), debit]);
    }
    const households = [...byHousehold.keys()];
    const copies = await householdsById(manager, households);
    await this.events.recordMany(
      manager,
      'billing.direct-debit.announced',
      households.map((householdId) => {
        const own = byHousehold.get(householdId)!;
        return {
          aggregateId: `${fileId}:${householdId}`,
          payload: {
            debitFileId: fileId,
            regieId: regie.id,
            regieName: regie.name,
            organisationId: regie.organisation_id,
            householdId,
            accountIds: (copies.get(householdId)?.guardians ?? []).flatMap((guardian) =>
              guardian.accountId ? [guardian.accountId] : [],
            ),
            collectionDate,
            amountCents: own.reduce((sum, debit) => sum + debit.amountCents, 0),
            rum: own[0].rum,
            creditorId: creditor.creditorId,
            creditorName: creditor.name,
            invoices: own.map((debit) => ({
              invoiceId: debit.invoiceId,
              number: debit.invoiceNumber,
              amountCents: debit.amountCents,
            })),
          },
        };
      }),
    );
  }
}

/** What billing records of a debit besides what the document carries. */
interface DebitRecord {
  id: string;
  paymentId: string;
  invoiceId: string;
  invoiceNumber: number;
  householdId: string;
  mandateId: string;
}

function toFileView(row: DebitFileRow): DebitFileView {
  return {
    id: row.id,
    regieId: row.regie_id,
    month: row.month,
    collectionDate: row.collection_date,
    messageId: row.message_id,
    creditorId: row.creditor_id,
    creditorName: row.creditor_name,
    creditorIbanMasked: row.creditor_iban_masked,
    transactionCount: row.transaction_count,
    controlSumCents: Number(row.control_sum_cents),
    groups: row.groups,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function toLineView(row: DebitRow): DebitLineView {
  return {
    id: row.id,
    reference: row.end_to_end_id,
    invoiceId: row.invoice_id,
    invoiceNumber: row.invoice_number,
    householdId: row.household_id,
    debtorName: row.debtor_name,
    amountCents: row.amount_cents,
    rum: row.rum,
    ibanMasked: row.iban_masked,
    sequence: row.sequence,
    state: row.state,
    returnReason: row.return_reason,
    returnLabel: row.return_reason ? sepaReturnLabel(row.return_reason) : null,
    returnedOn: row.returned_on,
  };
}

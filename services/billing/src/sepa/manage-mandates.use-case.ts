import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CommonErrorCode,
  HOUSEHOLD_NOT_FOUND_MESSAGE,
  HouseholdErrorCode,
  SepaErrorCode,
  todayInParis,
  type AmendMandateCommand,
  type AmendMyMandateCommand,
  type Caller,
  type CreateMandateCommand,
  type CreateMyMandateCommand,
  type MandateView,
  type MandatePage,
  type RegieMandatesQuery,
  type RevokeMandateCommand,
  type RevokeMyMandateCommand,
  type SepaAccountFields,
  type SepaConsentChannel,
} from '@portail/contracts';
import { Clock, DomainException } from '@portail/service-kit';
import { householdOfFamily } from '../payments/payment-store';
import { RegieStore, type RegieRow } from '../regies/regie-store';
import { regieOfAgent } from './agent-regie';
import { formatRum, maskIban, sequenceAfterAmendment } from './mandate-rules';
import {
  loadMandate,
  mandateNotFound,
  MANDATE_SELECT,
  toMandateView,
  type MandateRow,
} from './mandate-store';
import { SepaSettings } from './sepa-settings';

/**
 * SEPA mandates per household and régie: signed online by the family (its consent recorded with
 * its account and the time) or entered from paper by an agent of the régie; amended with a new
 * account (the next debit carries the amendment); revoked by either. The IBAN is stored
 * encrypted and only ever answered masked.
 */
@Injectable()
export class ManageMandates {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regies: RegieStore,
    private readonly settings: SepaSettings,
    private readonly clock: Clock,
  ) {}

  async listMine(caller: Caller): Promise<MandateView[]> {
    const manager = this.dataSource.manager;
    const householdId = await householdOfFamily(manager, caller);
    const rows = await manager.query<MandateRow[]>(
      `${MANDATE_SELECT} WHERE m.household_id = $1 ORDER BY m.created_at DESC, m.id DESC`,
      [householdId],
    );
    return rows.map(toMandateView);
  }

  createMine(caller: Caller, command: CreateMyMandateCommand): Promise<MandateView> {
    return this.dataSource.transaction(async (manager) => {
      const householdId = await householdOfFamily(manager, caller);
      const regie = await this.regies.load(command.regieId, manager);
      return this.create(manager, regie, householdId, command, 'online', caller.accountId);
    });
  }

  amendMine(caller: Caller, command: AmendMyMandateCommand): Promise<MandateView> {
    return this.dataSource.transaction(async (manager) => {
      const mandate = await this.familyMandate(manager, caller, command.mandateId);
      return this.amend(manager, mandate, command);
    });
  }

  revokeMine(caller: Caller, command: RevokeMyMandateCommand): Promise<MandateView> {
    return this.dataSource.transaction(async (manager) => {
      const mandate = await this.familyMandate(manager, caller, command.mandateId);
      return this.revoke(manager, mandate, caller.accountId, command.reason ?? null);
    });
  }

  async listForRegie(caller: Caller, query: RegieMandatesQuery): Promise<MandatePage> {
    const manager = this.dataSource.manager;
    await regieOfAgent(this.regies, caller, query.regieId, manager);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 100;
    const filters = `WHERE m.regie_id = $1 AND ($2::text IS NULL OR m.state = $2)
      AND ($3::uuid IS NULL OR m.household_id = $3)`;
    const parameters = [query.regieId, query.state ?? null, query.householdId ?? null];
    const rows = await manager.query<MandateRow[]>(
      `${MANDATE_SELECT} ${filters} ORDER BY m.created_at DESC, m.id DESC LIMIT $4 OFFSET $5`,
      [...parameters, pageSize, (page - 1) * pageSize],
    );
    const [{ total }] = await manager.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM sepa_mandates m ${filters}`,
      parameters,
    );
    return { items: rows.map(toMandateView), total, page, pageSize };
  }

  createPaper(caller: Caller, command: CreateMandateCommand): Promise<MandateView> {
    return this.dataSource.transaction(async (manager) => {
      const regie = await regieOfAgent(this.regies, caller, command.regieId, manager);
      const [household] = await manager.query<Array<{ id: string }>>(
        'SELECT id FROM households WHERE id = $1',
        [command.householdId],
      );
      if (!household) {
        throw new DomainException(
          HouseholdErrorCode.HOUSEHOLD_NOT_FOUND,
          HOUSEHOLD_NOT_FOUND_MESSAGE,
        );
      }
      return this.create(manager, regie, household.id, command, 'paper', caller.accountId);
    });
  }

  amendForRegie(caller: Caller, command: AmendMandateCommand): Promise<MandateView> {
    return this.dataSource.transaction(async (manager) => {
      const mandate = await this.regieMandate(manager, caller, command.regieId, command.mandateId);
      return this.amend(manager, mandate, command);
    });
  }

  revokeForRegie(caller: Caller, command: RevokeMandateCommand): Promise<MandateView> {
    return this.dataSource.transaction(async (manager) => {
      const mandate = await this.regieMandate(manager, caller, command.regieId, command.mandateId);
      return this.revoke(manager, mandate, caller.accountId, command.reason ?? null);
    });
  }

  private async create(
    manager: EntityManager,
    regie: RegieRow,
    householdId: string,
    command: SepaAccountFields & { signedOn: string },
    channel: SepaConsentChannel,
    recordedBy: string,
  ): Promise<MandateView> {
    const creditor = this.settings.creditorOf(regie);
    const now = this.clock.now();
    if (command.signedOn > todayInParis(now)) {
      throw new DomainException(
        CommonErrorCode.VALIDATION_FAILED,
        'La date de signature du mandat ne peut pas être dans le futur.',
        {
          fields: [{ field: 'signedOn', message: 'La date de signature est dans le futur.' }],
        },
      );
    }
    const [active] = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM sepa_mandates WHERE regie_id = $1 AND household_id = $2
         AND state = 'active'`,
      [regie.id, householdId],
    );
    if (active) throw mandateExists();
    const [{ last_number: sequence }] = await manager.query<Array<{ last_number: number }>>(
      `INSERT INTO sepa_rum_counters (creditor_id, last_number) VALUES ($1, 1)
       ON CONFLICT (creditor_id) DO UPDATE SET last_number = sepa_rum_counters.last_number + 1
       RETURNING last_number`,
      [creditor.creditorId],
    );
    const id = uuidv7();
    try {
      await manager.query(
        `INSERT INTO sepa_mandates (id, regie_id, household_id, creditor_id, rum, debtor_name,
           iban_ciphertext, iban_masked, bic, signed_on, consent_channel, consent_by,
           consent_at, state, next_sequence, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'active', 'FRST', $13)`,
        [
          id,
          regie.id,
          householdId,
          creditor.creditorId,
          formatRum(regie.payfip_collectivity_number, sequence),
          command.debtorName,
          this.settings.encrypt(command.iban),
          maskIban(command.iban),
          command.bic ?? null,
          command.signedOn,
          channel,
          recordedBy,
          now,
        ],
      );
    } catch (error) {
      // Two signatures racing: the partial unique index keeps one active mandate.
      if (error instanceof QueryFailedError && /sepa_mandates_one_active/.test(error.message)) {
        throw mandateExists();
      }
      throw error;
    }
    return toMandateView((await loadMandate(manager, id))!);
  }

  private async amend(
    manager: EntityManager,
    mandate: MandateRow,
    command: SepaAccountFields,
  ): Promise<MandateView> {
    requireActive(mandate);
    const currentIban = this.settings.decrypt(mandate.iban_ciphertext);
    if (currentIban !== command.iban) {
      // The account the bank knew last stays the original one until a file carries the change.
      const original = mandate.amended_from_ciphertext ?? mandate.iban_ciphertext;
      const originalIban = this.settings.decrypt(original);
      const { sequence, otherBank } = sequenceAfterAmendment(
        mandate.next_sequence,
        originalIban,
        command.iban,
      );
      await manager.query(
        `UPDATE sepa_mandates SET iban_ciphertext = $2, iban_masked = $3, bic = $4,
           debtor_name = $5, next_sequence = $6, amended_from_ciphertext = $7,
           amended_other_bank = $8
         WHERE id = $1`,
        [
          mandate.id,
          this.settings.encrypt(command.iban),
          maskIban(command.iban),
          command.bic ?? null,
          command.debtorName,
          originalIban === command.iban ? mandate.next_sequence : sequence,
          originalIban === command.iban ? null : original,
          originalIban === command.iban ? null : otherBank,
        ],
      );
    } else {
      await manager.query('UPDATE sepa_mandates SET bic = $2, debtor_name = $3 WHERE id = $1', [
        mandate.id,
        command.bic ?? null,
        command.debtorName,
      ]);
    }
    return toMandateView((await loadMandate(manager, mandate.id))!);
  }

  private async revoke(
    manager: EntityManager,
    mandate: MandateRow,
    by: string,
    reason: string | null,
  ): Promise<MandateView> {
    requireActive(mandate);
    await revokeMandate(manager, mandate.id, this.clock.now(), by, reason);
    return toMandateView((await loadMandate(manager, mandate.id))!);
  }

  private async familyMandate(
    manager: EntityManager,
    caller: Caller,
    mandateId: string,
  ): Promise<MandateRow> {
    const householdId = await householdOfFamily(manager, caller);
    const mandate = await loadMandate(manager, mandateId, true);
    if (!mandate || mandate.household_id !== householdId) throw mandateNotFound();
    return mandate;
  }

  private async regieMandate(
    manager: EntityManager,
    caller: Caller,
    regieId: string,
    mandateId: string,
  ): Promise<MandateRow> {
    await regieOfAgent(this.regies, caller, regieId, manager);
    const mandate = await loadMandate(manager, mandateId, true);
    if (!mandate || mandate.regie_id !== regieId) throw mandateNotFound();
    return mandate;
  }
}

/** No more debits on the mandate (the debtor, an agent, or a return that says it cannot be used). */
export async function revokeMandate(
  manager: EntityManager,
  mandateId: string,
  at: Date,
  by: string | null,
  reason: string | null,
): Promise<void> {
  await manager.query(
    `UPDATE sepa_mandates SET state = 'revoked', revoked_at = $2, revoked_by = $3,
       revocation_reason = $4
     WHERE id = $1 AND state = 'active'`,
    [mandateId, at, by, reason],
  );
}

function mandateExists(): DomainException {
  return new DomainException(
    SepaErrorCode.SEPA_MANDATE_EXISTS,
    'Ce foyer a déjà un mandat de prélèvement actif pour cette régie : modifiez-le pour changer de compte.',
  );
}

function requireActive(mandate: MandateRow): void {
  if (mandate.state !== 'active') {
    throw new DomainException(
      SepaErrorCode.SEPA_MANDATE_NOT_ACTIVE,
      "Ce mandat est révoqué ou caduc : il n'est plus utilisé.",
    );
  }
}

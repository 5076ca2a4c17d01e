import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AccountErrorCode,
  CommonErrorCode,
  HouseholdErrorCode,
  type AccountClosedView,
  type Caller,
  type CloseAccountCommand,
} from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { DomainException } from '@portail/service-kit';
import { Account } from '../accounts/account.entity';
import { CredentialFailures } from '../accounts/credential-failures';
import { PasswordHasher } from '../accounts/password-hasher';
import { HouseholdPermissions } from '../households/household-permissions';
import { HouseholdHistory } from '../households/household-history';
import { Household } from '../households/household.entity';
import { Guardian } from '../households/guardian.entity';
import { AccountToken } from '../tokens/account-token.entity';
import { SessionTokens } from '../tokens/session-tokens';
import { anonymiseHousehold, ANONYMOUS } from './anonymise-household';

/** Unique per account, and in a reserved top-level domain: no mail can ever reach it. */
export function closedAccountEmail(accountId: string): string {
  return `closed-${accountId}@anonymise.invalid`;
}

/** Not an argon2 hash: no password ever verifies against it. */
const NO_PASSWORD = '!closed';

export const CLOSURE_MESSAGE =
  'Votre compte est fermé. Vos données personnelles (identité, coordonnées, foyer, enfants, ' +
  'informations de santé et autorisations) ont été effacées ou anonymisées. Comme la loi ' +
  "l'exige, certaines informations sont conservées : voir la liste ci-dessous.";

export const KEPT_AFTER_CLOSURE = [
  'Les factures et les paiements sont conservés par les régies pendant 10 ans, durée légale de conservation des pièces comptables publiques.',
  'Le journal des accès des agents aux données des familles est conservé pour la sécurité du service ; il ne contient que des identifiants, sans nom ni coordonnées.',
  'Pour facturer les jours où vos enfants ont déjà été accueillis, la régie garde le nom et l’adresse du destinataire des factures ainsi que les prénoms de vos enfants.',
  'Vos demandes restent dans les registres des services, sans nom, sans réponses ni pièces justificatives ; les présences passées de vos enfants restent, sans nom.',
];

/**
 * RGPD erasure: the family closes its account. Its personal data in identity is erased or
 * anonymised in one transaction with the revocation of its sessions; `identity.account.closed`
 * tells the other services to do the same with what they hold (billing keeps the invoices).
 */
@Injectable()
export class CloseAccount {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: HouseholdPermissions,
    private readonly history: HouseholdHistory,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionTokens,
    private readonly events: EventRecorder,
    private readonly failures: CredentialFailures,
  ) {}

  async execute(
    caller: Caller,
    command: CloseAccountCommand,
    clientAddress?: string,
  ): Promise<AccountClosedView> {
    this.access.requireFamily(caller);
    if (command.confirm !== true) {
      throw new DomainException(
        HouseholdErrorCode.ACCOUNT_CLOSURE_NOT_CONFIRMED,
        'Confirmez la fermeture de votre compte : elle est définitive.',
      );
    }
    // argon2 first, outside the transaction: no row stays locked while it runs.
    const account = await this.dataSource.manager.findOneBy(Account, { id: caller.accountId });
    if (!account) {
      throw new DomainException(CommonErrorCode.NOT_FOUND, "Ce compte n'existe pas.");
    }
    if (account.status === 'closed') throw accountClosed();
    await this.failures.assertNotLocked(account.id, clientAddress);
    if (!(await this.passwords.verify(account.passwordHash, command.password))) {
      await this.failures.recordFailure(account.id, clientAddress);
      throw new DomainException(
        AccountErrorCode.CURRENT_PASSWORD_INCORRECT,
        'Le mot de passe actuel est incorrect.',
      );
    }

    return this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOne(Account, {
        where: { id: caller.accountId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!locked || locked.status === 'closed') throw accountClosed();
      const closedAt = new Date();
      const placeholder = closedAccountEmail(locked.id);
      await manager.update(
        Account,
        { id: locked.id },
        {
          email: placeholder,
          emailNormalized: placeholder,
          pendingEmail: null,
          passwordHash: NO_PASSWORD,
          status: 'closed',
          firstName: ANONYMOUS,
          lastName: ANONYMOUS,
          phone: null,
          addressLine1: null,
          addressLine2: null,
          postalCode: null,
          city: null,
          closedAt,
        },
      );
      await this.sessions.revokeAllOf(manager, locked.id, 'account-closed');
      // Verification and reset tokens carry the e-mail address they were sent to.
      await manager.delete(AccountToken, { accountId: locked.id });

      const guardian = await manager.findOneBy(Guardian, { accountId: locked.id });
      const household = guardian
        ? await manager.findOne(Household, {
            where: { id: guardian.householdId },
            lock: { mode: 'pessimistic_write' },
          })
        : null;
      let childIds: string[] = [];
      if (household) {
        childIds = await anonymiseHousehold(manager, household, closedAt);
        await this.history.record(manager, caller, {
          householdId: household.id,
          entity: 'household',
          entityId: household.id,
          action: 'anonymised',
          before: null,
          after: null,
        });
      }
      await this.events.record(manager, 'identity.account.closed', {
        id: locked.id,
        householdId: household?.id ?? null,
        childIds,
        closedAt: closedAt.toISOString(),
      });
      return {
        accountId: locked.id,
        closedAt: closedAt.toISOString(),
        message: CLOSURE_MESSAGE,
        kept: KEPT_AFTER_CLOSURE,
      };
    });
  }
}

function accountClosed(): DomainException {
  return new DomainException(AccountErrorCode.ACCOUNT_CLOSED, 'Ce compte est déjà fermé.');
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CommonErrorCode,
  normalizeEmail,
  type Acknowledgement,
  type Caller,
  ChangeEmailCommand,
} from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { DomainException } from '@portail/service-kit';
import { AccountTokens } from '../tokens/account-tokens';
import { Account } from './account.entity';
import {
  AccountNotFoundException,
  CurrentPasswordIncorrectException,
  InvalidFieldException,
} from './account.exception';
import { CredentialFailures } from './credential-failures';
import { PasswordHasher } from './password-hasher';

export const EMAIL_CHANGE_ACKNOWLEDGEMENT: Acknowledgement = {
  message:
    'Un e-mail de confirmation a été envoyé à la nouvelle adresse. Elle remplacera l’actuelle dès que vous aurez cliqué sur le lien.',
};

/**
 * Starts an e-mail change: the new address is kept as pending and becomes the account's
 * address only when the link sent to it is used. As at sign-up, the answer does not tell
 * whether the new address already has an account (its owner is told by e-mail instead).
 */
@Injectable()
export class ChangeMyEmail {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccountTokens,
    private readonly events: EventRecorder,
    private readonly failures: CredentialFailures,
  ) {}

  async execute(
    caller: Caller,
    command: ChangeEmailCommand,
    clientAddress?: string,
  ): Promise<Acknowledgement> {
    const account = await this.dataSource
      .getRepository(Account)
      .findOneBy({ id: caller.accountId });
    if (!account || account.status !== 'active') throw new AccountNotFoundException();
    await this.failures.assertNotLocked(account.id, clientAddress);
    if (!(await this.hasher.verify(account.passwordHash, command.currentPassword))) {
      await this.failures.recordFailure(account.id, clientAddress);
      throw new CurrentPasswordIncorrectException();
    }
    await this.failures.clear(account.id, clientAddress);
    const newEmail = command.newEmail.trim();
    const normalized = normalizeEmail(newEmail);
    if (normalized === account.emailNormalized) {
      throw new InvalidFieldException([
        { field: 'newEmail', message: 'Cette adresse est déjà celle de votre compte.' },
      ]);
    }
    await this.dataSource.transaction(async (manager) => {
      const accounts = manager.getRepository(Account);
      const owner = await accounts.findOneBy({ emailNormalized: normalized });
      if (owner) {
        if (owner.status === 'active') {
          await this.events.record(manager, 'identity.account.sign-up-attempted', {
            id: owner.id,
            email: owner.email,
            firstName: owner.firstName,
          });
        }
        return;
      }
      if (!(await this.tokens.mayIssue(manager, account.id, 'email-verification'))) {
        throw new DomainException(
          CommonErrorCode.RATE_LIMITED,
          'Trop de demandes de changement d’adresse. Veuillez réessayer dans une heure.',
        );
      }
      await accounts.update({ id: account.id }, { pendingEmail: newEmail });
      const { linkId, expiresAt } = await this.tokens.issue(
        manager,
        account.id,
        'email-verification',
        newEmail,
      );
      await this.events.record(manager, 'identity.account.email-verification-requested', {
        id: account.id,
        email: newEmail,
        firstName: account.firstName,
        purpose: 'email-change',
        linkId,
        expiresAt: expiresAt.toISOString(),
      });
    });
    return EMAIL_CHANGE_ACKNOWLEDGEMENT;
  }
}

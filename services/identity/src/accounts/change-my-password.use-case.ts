import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  passwordWeakness,
  type Caller,
  type TokenPair,
  ChangePasswordCommand,
} from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { SessionTokens } from '../tokens/session-tokens';
import { TokenPairIssuer } from '../tokens/token-pair.issuer';
import { Account } from './account.entity';
import {
  AccountNotFoundException,
  CurrentPasswordIncorrectException,
  InvalidFieldException,
} from './account.exception';
import { CredentialFailures } from './credential-failures';
import { PasswordHasher } from './password-hasher';

/**
 * Changes the password of the caller, who proves it knows the current one. Every session
 * ends (a thief's included) and the caller gets a fresh pair, so it stays logged in.
 */
@Injectable()
export class ChangeMyPassword {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionTokens,
    private readonly pairs: TokenPairIssuer,
    private readonly events: EventRecorder,
    private readonly failures: CredentialFailures,
  ) {}

  async execute(
    caller: Caller,
    command: ChangePasswordCommand,
    clientAddress?: string,
  ): Promise<TokenPair> {
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
    const weakness = passwordWeakness(command.newPassword, account.email);
    if (weakness) throw new InvalidFieldException([{ field: 'newPassword', message: weakness }]);
    const passwordHash = await this.hasher.hash(command.newPassword);
    return this.dataSource.transaction(async (manager) => {
      await manager.getRepository(Account).update({ id: account.id }, { passwordHash });
      await this.sessions.revokeAllOf(manager, account.id, 'password-changed');
      await this.events.record(manager, 'identity.account.password-changed', {
        id: account.id,
        email: account.email,
        firstName: account.firstName,
        reason: 'change',
      });
      return this.pairs.issue(manager, account);
    });
  }
}

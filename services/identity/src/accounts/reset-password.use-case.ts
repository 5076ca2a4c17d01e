import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { passwordWeakness, ResetPasswordCommand } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { AccountTokens } from '../tokens/account-tokens';
import { SessionTokens } from '../tokens/session-tokens';
import { Account } from './account.entity';
import { InvalidFieldException, TokenInvalidException } from './account.exception';
import { CredentialFailures } from './credential-failures';
import { PasswordHasher } from './password-hasher';

/** Uses a reset token: new password, lock lifted, every session ended, other reset links void. */
@Injectable()
export class ResetPassword {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccountTokens,
    private readonly sessions: SessionTokens,
    private readonly events: EventRecorder,
    private readonly failures: CredentialFailures,
  ) {}

  async execute(command: ResetPasswordCommand): Promise<void> {
    const passwordHash = await this.hasher.hash(command.newPassword);
    await this.dataSource.transaction(async (manager) => {
      const used = await this.tokens.consume(manager, command.token, 'password-reset');
      const accounts = manager.getRepository(Account);
      const account = await accounts.findOne({
        where: { id: used.accountId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!account || account.status !== 'active') throw new TokenInvalidException();
      const weakness = passwordWeakness(command.newPassword, account.email);
      if (weakness) throw new InvalidFieldException([{ field: 'newPassword', message: weakness }]);
      await accounts.update({ id: account.id }, { passwordHash });
      await this.failures.clearAll(manager, account.id);
      await this.tokens.retireAll(manager, account.id, 'password-reset');
      await this.sessions.revokeAllOf(manager, account.id, 'password-reset');
      await this.events.record(manager, 'identity.account.password-changed', {
        id: account.id,
        email: account.email,
        firstName: account.firstName,
        reason: 'reset',
      });
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { normalizeEmail, type TokenPair, LoginCommand } from '@portail/contracts';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { IdentityConfig } from '../config';
import { TokenPairIssuer } from '../tokens/token-pair.issuer';
import { Account } from './account.entity';
import {
  AccountClosedException,
  AccountLockedException,
  AccountNotVerifiedException,
  InvalidCredentialsException,
} from './account.exception';
import { PasswordHasher } from './password-hasher';

/**
 * E-mail and password → access and refresh tokens. An unknown address and a wrong password get
 * the same answer after the same argon2 work. After LOGIN_MAX_FAILURES consecutive failures
 * the account is locked for LOGIN_LOCK_MINUTES; a success resets the count. The lock tells
 * that the address has an account, which we accept: it only shows after several attempts,
 * which the gateway's rate limit slows down.
 */
@Injectable()
export class Login {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly pairs: TokenPairIssuer,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async execute(command: LoginCommand): Promise<TokenPair> {
    const accounts = this.dataSource.getRepository(Account);
    const account = await accounts.findOneBy({ emailNormalized: normalizeEmail(command.email) });
    if (!account) {
      await this.hasher.verifyNothing(command.password);
      throw new InvalidCredentialsException();
    }
    if (account.lockedUntil && account.lockedUntil.getTime() > Date.now()) {
      throw new AccountLockedException(account.lockedUntil);
    }
    if (!(await this.hasher.verify(account.passwordHash, command.password))) {
      const lockedUntil = await this.recordFailure(account.id);
      if (lockedUntil) throw new AccountLockedException(lockedUntil);
      throw new InvalidCredentialsException();
    }
    if (account.status === 'pending') throw new AccountNotVerifiedException();
    if (account.status === 'closed') throw new AccountClosedException();
    if (account.failedLoginCount > 0 || account.lockedUntil) {
      await accounts.update({ id: account.id }, { failedLoginCount: 0, lockedUntil: null });
    }
    return this.pairs.issue(this.dataSource.manager, account);
  }

  /** Counts a failure in one statement (concurrent attempts all count); the lock date when it locks. */
  private async recordFailure(accountId: string): Promise<Date | undefined> {
    const rows = await this.dataSource.query<
      [Array<{ locked_until: Date | null; locked_now: boolean }>, number]
    >(
      `UPDATE accounts
          SET failed_login_count = CASE WHEN failed_login_count + 1 >= $2 THEN 0 ELSE failed_login_count + 1 END,
              locked_until = CASE WHEN failed_login_count + 1 >= $2
                                  THEN now() + make_interval(mins => $3) ELSE locked_until END
        WHERE id = $1
        RETURNING locked_until, (failed_login_count = 0) AS locked_now`,
      [accountId, this.config.LOGIN_MAX_FAILURES, this.config.LOGIN_LOCK_MINUTES],
    );
    const row = rows[0][0];
    return row?.locked_now && row.locked_until ? row.locked_until : undefined;
  }
}

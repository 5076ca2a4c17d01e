import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { normalizeEmail, type TokenPair, LoginCommand } from '@portail/contracts';
import { TokenPairIssuer } from '../tokens/token-pair.issuer';
import { Account } from './account.entity';
import {
  AccountClosedException,
  AccountNotVerifiedException,
  InvalidCredentialsException,
} from './account.exception';
import { CredentialFailures } from './credential-failures';
import { PasswordHasher } from './password-hasher';

/**
 * E-mail and password → access and refresh tokens. An unknown address and a wrong password get
 * the same answer after the same argon2 work. Failures back off per account and client address
 * (CredentialFailures): LOGIN_MAX_FAILURES in a row from one address lock the account for that
 * address only; a success from it forgets its failures. The lock tells that the address has an
 * account, which we accept: it only shows after several attempts, which the gateway's rate limit
 * slows down.
 */
@Injectable()
export class Login {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly pairs: TokenPairIssuer,
    private readonly failures: CredentialFailures,
  ) {}

  async execute(command: LoginCommand, clientAddress?: string): Promise<TokenPair> {
    const accounts = this.dataSource.getRepository(Account);
    const account = await accounts.findOneBy({ emailNormalized: normalizeEmail(command.email) });
    if (!account) {
      await this.hasher.verifyNothing(command.password);
      throw new InvalidCredentialsException();
    }
    await this.failures.assertNotLocked(account.id, clientAddress);
    if (!(await this.hasher.verify(account.passwordHash, command.password))) {
      await this.failures.recordFailure(account.id, clientAddress);
      throw new InvalidCredentialsException();
    }
    if (account.status === 'pending') throw new AccountNotVerifiedException();
    if (account.status === 'closed') throw new AccountClosedException();
    await this.failures.clear(account.id, clientAddress);
    return this.pairs.issue(this.dataSource.manager, account);
  }
}

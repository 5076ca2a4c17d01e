import { isUniqueViolation } from '@portail/database';
import { Injectable } from '@nestjs/common';
import { DataSource, Not, type EntityManager } from 'typeorm';
import { normalizeEmail } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { AccountTokens } from '../tokens/account-tokens';
import { Account } from './account.entity';
import { EmailAlreadyRegisteredException, TokenInvalidException } from './account.exception';

/**
 * Uses a verification token: it activates a pending account, or makes a new address (an
 * e-mail change) the account's address. A token for an address the account no longer
 * expects (a change replaced by another) is refused.
 */
@Injectable()
export class VerifyEmail {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: AccountTokens,
    private readonly events: EventRecorder,
  ) {}

  async execute(token: string): Promise<void> {
    try {
      await this.dataSource.transaction((manager) => this.verify(manager, token));
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailAlreadyRegisteredException();
      throw error;
    }
  }

  private async verify(manager: EntityManager, token: string): Promise<void> {
    const used = await this.tokens.consume(manager, token, 'email-verification');
    const accounts = manager.getRepository(Account);
    const account = await accounts.findOne({
      where: { id: used.accountId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!account) throw new TokenInvalidException();
    const address = normalizeEmail(used.email);
    const now = new Date();
    if (account.status === 'pending' && address === account.emailNormalized) {
      await accounts.update({ id: account.id }, { status: 'active', emailVerifiedAt: now });
      await this.events.record(manager, 'identity.account.verified', {
        id: account.id,
        email: account.email,
        verifiedAt: now.toISOString(),
      });
      return;
    }
    const expected = account.pendingEmail ? normalizeEmail(account.pendingEmail) : undefined;
    if (account.status !== 'active' || address !== expected || !account.pendingEmail) {
      throw new TokenInvalidException();
    }
    if (await accounts.existsBy({ emailNormalized: address, id: Not(account.id) })) {
      throw new EmailAlreadyRegisteredException();
    }
    const previousEmail = account.email;
    await accounts.update(
      { id: account.id },
      {
        email: account.pendingEmail,
        emailNormalized: address,
        pendingEmail: null,
        emailVerifiedAt: now,
      },
    );
    await this.events.record(manager, 'identity.account.email-changed', {
      id: account.id,
      email: account.pendingEmail,
      previousEmail,
    });
    await this.events.record(manager, 'identity.account.verified', {
      id: account.id,
      email: account.pendingEmail,
      verifiedAt: now.toISOString(),
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { MoreThan, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { IdentityConfig } from '../config';
import { TokenExpiredException, TokenInvalidException } from '../accounts/account.exception';
import { AccountToken, type AccountTokenPurpose } from './account-token.entity';
import { hashSecretToken, newSecretToken } from './secret-token';

const HOUR_MS = 3_600_000;

/** Single-use, expiring tokens sent by e-mail (verification of an address, password reset). */
@Injectable()
export class AccountTokens {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: IdentityConfig) {}

  /** A new token for `email`; the raw value is returned once, to go into the e-mail event. */
  async issue(
    manager: EntityManager,
    accountId: string,
    purpose: AccountTokenPurpose,
    email: string,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = newSecretToken();
    const ttlMs =
      purpose === 'email-verification'
        ? this.config.EMAIL_VERIFICATION_TTL_HOURS * HOUR_MS
        : this.config.PASSWORD_RESET_TTL_MINUTES * 60_000;
    const expiresAt = new Date(Date.now() + ttlMs);
    await manager.getRepository(AccountToken).insert({
      id: uuidv7(),
      accountId,
      purpose,
      tokenHash: hashSecretToken(token),
      email,
      expiresAt,
      usedAt: null,
    });
    return { token, expiresAt };
  }

  /** Whether another e-mail of this kind may go to this account within the hourly limit. */
  async mayIssue(
    manager: EntityManager,
    accountId: string,
    purpose: AccountTokenPurpose,
  ): Promise<boolean> {
    const max =
      purpose === 'email-verification'
        ? this.config.EMAIL_VERIFICATION_MAX_PER_HOUR
        : this.config.PASSWORD_RESET_MAX_PER_HOUR;
    const recent = await manager.getRepository(AccountToken).countBy({
      accountId,
      purpose,
      createdAt: MoreThan(new Date(Date.now() - HOUR_MS)),
    });
    return recent < max;
  }

  /** Marks the token used and returns it; refuses an unknown, used or expired one. */
  async consume(
    manager: EntityManager,
    token: string,
    purpose: AccountTokenPurpose,
  ): Promise<AccountToken> {
    const tokens = manager.getRepository(AccountToken);
    const found = await tokens.findOne({
      where: { tokenHash: hashSecretToken(token), purpose },
      lock: { mode: 'pessimistic_write' },
    });
    if (!found || found.usedAt) throw new TokenInvalidException();
    if (found.expiresAt.getTime() <= Date.now()) throw new TokenExpiredException();
    found.usedAt = new Date();
    await tokens.update({ id: found.id }, { usedAt: found.usedAt });
    return found;
  }

  /** Every outstanding token of this kind stops working (after a password reset, say). */
  async retireAll(
    manager: EntityManager,
    accountId: string,
    purpose: AccountTokenPurpose,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(AccountToken)
      .set({ usedAt: () => 'now()' })
      .where('account_id = :accountId AND purpose = :purpose AND used_at IS NULL', {
        accountId,
        purpose,
      })
      .execute();
  }
}

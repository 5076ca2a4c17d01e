import { createHmac, hkdfSync } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MoreThan, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { IdentityConfig } from '../config';
import { TokenExpiredException, TokenInvalidException } from '../accounts/account.exception';
import { AccountToken, type AccountTokenPurpose } from './account-token.entity';
import { SIGNING_KEYS, type SigningKeys } from '../keys/signing-keys';
import { hashSecretToken } from './secret-token';

const HOUR_MS = 3_600_000;

/**
 * Single-use, expiring tokens sent by e-mail (verification of an address, password reset).
 *
 * The token never leaves identity except in the e-mail: the event that asks for the e-mail
 * carries the link's id (`linkId`, the row's id), and notification exchanges it for the token
 * at send time (`identity.mail-links.token`). So that every exchange of one link (an SMTP retry,
 * two replicas) gives the same token without storing it, the token is an HMAC of the link's id
 * under a key derived (HKDF) from identity's signing key; only its SHA-256 is stored, as before.
 */
@Injectable()
export class AccountTokens {
  private readonly linkKey: Buffer;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
    @Inject(SIGNING_KEYS) keys: SigningKeys,
  ) {
    const secret = keys.privateKey.export({ format: 'der', type: 'pkcs8' });
    this.linkKey = Buffer.from(
      hkdfSync('sha256', secret, Buffer.alloc(0), 'portail-famille e-mail links', 32),
    );
  }

  /** The token of a link: 256 bits, base64url (43 characters), the same at every call. */
  private tokenOf(linkId: string, purpose: AccountTokenPurpose): string {
    return createHmac('sha256', this.linkKey).update(`${purpose}:${linkId}`).digest('base64url');
  }

  /**
   * A new link for `email`: its id goes into the e-mail event, never its token (see
   * `linkToken`).
   */
  async issue(
    manager: EntityManager,
    accountId: string,
    purpose: AccountTokenPurpose,
    email: string,
  ): Promise<{ linkId: string; expiresAt: Date }> {
    const linkId = uuidv7();
    const token = this.tokenOf(linkId, purpose);
    const ttlMs =
      purpose === 'email-verification'
        ? this.config.EMAIL_VERIFICATION_TTL_HOURS * HOUR_MS
        : this.config.PASSWORD_RESET_TTL_MINUTES * 60_000;
    const expiresAt = new Date(Date.now() + ttlMs);
    await manager.getRepository(AccountToken).insert({
      id: linkId,
      accountId,
      purpose,
      tokenHash: hashSecretToken(token),
      email,
      expiresAt,
      usedAt: null,
    });
    return { linkId, expiresAt };
  }

  /**
   * The token of a link still usable, for the e-mail being sent (notification asks at send
   * time). After a change of signing key the token differs: its new hash replaces the stored
   * one, so the e-mail sent now works (one sent before with the old key no longer does).
   */
  async linkToken(manager: EntityManager, linkId: string): Promise<string> {
    const tokens = manager.getRepository(AccountToken);
    const found = await tokens.findOneBy({ id: linkId });
    if (!found || found.usedAt) throw new TokenInvalidException();
    if (found.expiresAt.getTime() <= Date.now()) throw new TokenExpiredException();
    const token = this.tokenOf(found.id, found.purpose);
    const tokenHash = hashSecretToken(token);
    if (found.tokenHash !== tokenHash) await tokens.update({ id: found.id }, { tokenHash });
    return token;
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

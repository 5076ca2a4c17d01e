import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { IdentityConfig } from '../config';
import { RefreshToken } from './refresh-token.entity';
import { hashSecretToken, newSecretToken } from './secret-token';

const DAY_MS = 86_400_000;

/** Refresh-token chains: one per login, one link per refresh, revoked as a whole. */
@Injectable()
export class SessionTokens {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: IdentityConfig) {}

  /** Adds a link to `chainId` (a new chain for a login) and returns the raw refresh token. */
  async add(manager: EntityManager, accountId: string, chainId: string): Promise<string> {
    const token = newSecretToken();
    await manager.getRepository(RefreshToken).insert({
      id: uuidv7(),
      accountId,
      chainId,
      tokenHash: hashSecretToken(token),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * DAY_MS),
      usedAt: null,
      revokedAt: null,
    });
    return token;
  }

  /** The link of a presented token, locked for the rest of the transaction. */
  find(manager: EntityManager, token: string): Promise<RefreshToken | null> {
    return manager.getRepository(RefreshToken).findOne({
      where: { tokenHash: hashSecretToken(token) },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async markUsed(manager: EntityManager, link: RefreshToken): Promise<void> {
    await manager.getRepository(RefreshToken).update({ id: link.id }, { usedAt: new Date() });
  }

  async revokeChain(manager: EntityManager, chainId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: () => 'now()' })
      .where('chain_id = :chainId AND revoked_at IS NULL', { chainId })
      .execute();
  }

  async revokeAllOf(manager: EntityManager, accountId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: () => 'now()' })
      .where('account_id = :accountId AND revoked_at IS NULL', { accountId })
      .execute();
  }
}

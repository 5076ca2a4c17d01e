import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { SessionsRevocationReason } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { SERVICE_CONFIG } from '@portail/service-kit';
import type { IdentityConfig } from '../config';
import { RefreshToken } from './refresh-token.entity';
import { hashSecretToken, newSecretToken } from './secret-token';

const DAY_MS = 86_400_000;

/** Refresh-token chains: one per login, one link per refresh, revoked as a whole. */
@Injectable()
export class SessionTokens {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
    private readonly events: EventRecorder,
  ) {}

  /**
   * Adds a link to `chainId` and returns the raw refresh token. A login starts a new chain
   * (`sessionStartedAt` omitted: now); a refresh carries its chain's start. A link never
   * outlives the session's absolute end.
   */
  async add(
    manager: EntityManager,
    accountId: string,
    chainId: string,
    sessionStartedAt: Date = new Date(),
  ): Promise<string> {
    const token = newSecretToken();
    const now = Date.now();
    await manager.getRepository(RefreshToken).insert({
      id: uuidv7(),
      accountId,
      chainId,
      tokenHash: hashSecretToken(token),
      sessionStartedAt,
      expiresAt: new Date(
        Math.min(
          now + this.config.REFRESH_TOKEN_TTL_DAYS * DAY_MS,
          this.sessionEndOf(sessionStartedAt),
        ),
      ),
      usedAt: null,
      revokedAt: null,
    });
    return token;
  }

  /** When a session started at `sessionStartedAt` ends, whatever its refreshes (ms). */
  sessionEndOf(sessionStartedAt: Date): number {
    return sessionStartedAt.getTime() + this.config.SESSION_MAX_AGE_DAYS * DAY_MS;
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

  /**
   * Ends every session of the account: its refresh tokens here, and the live access tokens of
   * those sessions at the gateway, which hears `identity.account.sessions-revoked` (committed
   * with this change). A pair issued afterwards starts a new session and stays valid.
   */
  async revokeAllOf(
    manager: EntityManager,
    accountId: string,
    reason: SessionsRevocationReason,
  ): Promise<void> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [rows]: [Array<{ chain_id: string }>, number] = await manager.query(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE account_id = $1 AND revoked_at IS NULL
        RETURNING chain_id`,
      [accountId],
    );
    const sessionIds = [...new Set(rows.map((row) => row.chain_id))];
    if (sessionIds.length === 0) return;
    await this.events.record(
      manager,
      'identity.account.sessions-revoked',
      {
        accountId,
        sessionIds,
        revokedAt: new Date().toISOString(),
        reason,
      },
      { aggregateId: accountId },
    );
  }
}

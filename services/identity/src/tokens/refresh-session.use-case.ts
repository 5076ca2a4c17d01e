import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TokenPair } from '@portail/contracts';
import { Account } from '../accounts/account.entity';
import {
  RefreshTokenInvalidException,
  RefreshTokenReusedException,
  SessionExpiredException,
} from '../accounts/account.exception';
import { SessionTokens } from './session-tokens';
import { TokenPairIssuer } from './token-pair.issuer';

type Outcome =
  | { kind: 'rotated'; pair: TokenPair }
  | { kind: 'invalid' }
  | { kind: 'expired' }
  | { kind: 'reused'; accountId: string; chainId: string };

/**
 * Exchanges a refresh token for a new pair. A token that was already exchanged is presented
 * again only if it leaked (or was replayed): the whole chain is revoked, for its thief and its
 * owner alike, and the owner logs in again.
 */
@Injectable()
export class RefreshSession {
  private readonly logger = new Logger(RefreshSession.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionTokens,
    private readonly pairs: TokenPairIssuer,
  ) {}

  async execute(refreshToken: string): Promise<TokenPair> {
    // The revocation must commit even though the caller gets an error: decide, commit, then throw.
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const link = await this.sessions.find(manager, refreshToken);
      if (!link || link.revokedAt) return { kind: 'invalid' };
      // The absolute end of the session comes first: its last link may still look valid.
      if (this.sessions.sessionEndOf(link.sessionStartedAt) <= Date.now()) {
        await this.sessions.revokeChain(manager, link.chainId);
        return { kind: 'expired' };
      }
      if (link.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' };
      if (link.usedAt) {
        await this.sessions.revokeChain(manager, link.chainId);
        return { kind: 'reused', accountId: link.accountId, chainId: link.chainId };
      }
      const account = await manager.getRepository(Account).findOneBy({ id: link.accountId });
      if (!account || account.status !== 'active') {
        await this.sessions.revokeChain(manager, link.chainId);
        return { kind: 'invalid' };
      }
      await this.sessions.markUsed(manager, link);
      const pair = await this.pairs.issue(manager, account, {
        chainId: link.chainId,
        sessionStartedAt: link.sessionStartedAt,
      });
      return { kind: 'rotated', pair };
    });
    switch (outcome.kind) {
      case 'rotated':
        return outcome.pair;
      case 'reused':
        this.logger.warn(
          `A rotated refresh token of account ${outcome.accountId} was presented again: ` +
            `its session chain ${outcome.chainId} is revoked`,
        );
        throw new RefreshTokenReusedException();
      case 'invalid':
        throw new RefreshTokenInvalidException();
      case 'expired':
        throw new SessionExpiredException();
    }
  }
}

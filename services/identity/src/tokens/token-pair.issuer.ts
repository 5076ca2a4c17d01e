import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AccessTokenClaims, TokenPair } from '@portail/contracts';
import type { Account } from '../accounts/account.entity';
import { AccountNotAssignedException } from '../accounts/account.exception';
import { AgentScopeReader } from '../accounts/agent-scope.reader';
import { AccessTokenIssuer } from '../keys/access-token.issuer';
import { SessionTokens } from './session-tokens';

/** An access token with the account's claims, and the next refresh token of its chain. */
@Injectable()
export class TokenPairIssuer {
  constructor(
    private readonly accessTokens: AccessTokenIssuer,
    private readonly sessions: SessionTokens,
    private readonly agentScopes: AgentScopeReader,
  ) {}

  /**
   * `continued` continues a session (refresh: its chain and when it started); without it a new
   * session starts (login).
   */
  async issue(
    manager: EntityManager,
    account: Account,
    continued?: { chainId: string; sessionStartedAt: Date },
  ): Promise<TokenPair> {
    const session = continued?.chainId ?? uuidv7();
    const claims = { ...(await this.claimsOf(account)), sid: session };
    const refreshToken = await this.sessions.add(
      manager,
      account.id,
      session,
      continued?.sessionStartedAt,
    );
    return {
      accessToken: await this.accessTokens.sign(claims),
      refreshToken,
      expiresIn: this.accessTokens.ttlSeconds,
      tokenType: 'Bearer',
    };
  }

  private async claimsOf(account: Account): Promise<AccessTokenClaims> {
    if (account.kind !== 'agent') return { sub: account.id, kind: account.kind };
    const scope = await this.agentScopes.scopeOf(account.id);
    if (!scope || scope.serviceIds.length === 0) throw new AccountNotAssignedException();
    return {
      sub: account.id,
      kind: 'agent',
      org: scope.organisationId,
      svc: scope.serviceIds,
      roles: scope.roles,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SessionTokens } from './session-tokens';

/** Ends the session of a refresh token: its whole chain. Unknown tokens end nothing, quietly. */
@Injectable()
export class Logout {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionTokens,
  ) {}

  async execute(refreshToken: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const link = await this.sessions.find(manager, refreshToken);
      if (link) await this.sessions.revokeChain(manager, link.chainId);
    });
  }
}

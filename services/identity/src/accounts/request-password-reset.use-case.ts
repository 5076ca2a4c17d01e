import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { normalizeEmail, type Acknowledgement } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { AccountTokens } from '../tokens/account-tokens';
import { Account } from './account.entity';

export const PASSWORD_RESET_ACKNOWLEDGEMENT: Acknowledgement = {
  message:
    'Si un espace personnel correspond à cette adresse, vous allez recevoir un e-mail pour choisir un nouveau mot de passe.',
};

/** Sends a reset link to an active account; the answer is the same for any address. */
@Injectable()
export class RequestPasswordReset {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: AccountTokens,
    private readonly events: EventRecorder,
  ) {}

  async execute(email: string): Promise<Acknowledgement> {
    await this.dataSource.transaction(async (manager) => {
      const account = await manager
        .getRepository(Account)
        .findOneBy({ emailNormalized: normalizeEmail(email) });
      if (!account || account.status !== 'active') return;
      if (!(await this.tokens.mayIssue(manager, account.id, 'password-reset'))) return;
      const { linkId, expiresAt } = await this.tokens.issue(
        manager,
        account.id,
        'password-reset',
        account.email,
      );
      await this.events.record(manager, 'identity.account.password-reset-requested', {
        id: account.id,
        email: account.email,
        firstName: account.firstName,
        linkId,
        expiresAt: expiresAt.toISOString(),
      });
    });
    return PASSWORD_RESET_ACKNOWLEDGEMENT;
  }
}

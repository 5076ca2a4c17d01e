import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { normalizeEmail, type Acknowledgement } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { AccountTokens } from '../tokens/account-tokens';
import { Account } from './account.entity';

export const RESEND_ACKNOWLEDGEMENT: Acknowledgement = {
  message:
    'Si un espace personnel attend la confirmation de cette adresse, un nouvel e-mail vient de lui être envoyé.',
};

/** Sends the verification e-mail again, within the hourly limit; the answer never says which. */
@Injectable()
export class ResendVerification {
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
      if (!account || account.status !== 'pending') return;
      if (!(await this.tokens.mayIssue(manager, account.id, 'email-verification'))) return;
      const { linkId, expiresAt } = await this.tokens.issue(
        manager,
        account.id,
        'email-verification',
        account.email,
      );
      await this.events.record(manager, 'identity.account.email-verification-requested', {
        id: account.id,
        email: account.email,
        firstName: account.firstName,
        purpose: 'sign-up',
        linkId,
        expiresAt: expiresAt.toISOString(),
      });
    });
    return RESEND_ACKNOWLEDGEMENT;
  }
}

import { isUniqueViolation } from '@portail/database';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { normalizeEmail, type Acknowledgement, SignUpCommand } from '@portail/contracts';
import { EventRecorder } from '@portail/messaging';
import { AccountTokens } from '../tokens/account-tokens';
import { newAccount, insertAccount } from './account-factory';
import { Account } from './account.entity';
import { PasswordHasher } from './password-hasher';

export const SIGN_UP_ACKNOWLEDGEMENT: Acknowledgement = {
  message:
    'Si cette adresse e-mail est nouvelle, vous allez recevoir un e-mail pour confirmer la création de votre espace personnel.',
};

/**
 * Creates a family's personal space, pending until its address is verified.
 *
 * Account enumeration vs. usability: the answer is the same whether the address is new or
 * already has an account. Saying "already registered" would let anyone test which addresses
 * have a space, which would defeat the neutral answers of the forgotten-password and login
 * flows. The owner of an existing address is told by e-mail instead (event
 * `identity.account.sign-up-attempted`), where a mistaken visitor who owns the address reads
 * it and can recover the password. A still-pending account gets its verification e-mail
 * again; its details are never replaced, since nobody has proved the address yet.
 */
@Injectable()
export class SignUp {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccountTokens,
    private readonly events: EventRecorder,
  ) {}

  async execute(command: SignUpCommand): Promise<Acknowledgement> {
    // Hashed on every path, so that the answer takes as long for a known address.
    const passwordHash = await this.hasher.hash(command.password);
    try {
      await this.dataSource.transaction((manager) => this.register(manager, command, passwordHash));
    } catch (error) {
      // Two sign-ups of one new address at once: the other one created it.
      if (!isUniqueViolation(error)) throw error;
    }
    return SIGN_UP_ACKNOWLEDGEMENT;
  }

  private async register(
    manager: EntityManager,
    command: SignUpCommand,
    passwordHash: string,
  ): Promise<void> {
    const accounts = manager.getRepository(Account);
    const emailNormalized = normalizeEmail(command.email);
    const existing = await accounts.findOneBy({ emailNormalized });
    if (existing?.status === 'pending') {
      if (!(await this.tokens.mayIssue(manager, existing.id, 'email-verification'))) return;
      await this.requestVerification(manager, existing);
      return;
    }
    if (existing) {
      if (existing.status === 'active') {
        await this.events.record(manager, 'identity.account.sign-up-attempted', {
          id: existing.id,
          email: existing.email,
          firstName: existing.firstName,
        });
      }
      return;
    }
    const account = newAccount({
      kind: 'family',
      email: command.email,
      passwordHash,
      firstName: command.firstName,
      lastName: command.lastName,
      phone: command.phone,
      address: command.address,
      vouched: false,
      acceptsTerms: true,
    });
    await insertAccount(manager, this.events, account);
    await this.requestVerification(manager, account);
  }

  private async requestVerification(manager: EntityManager, account: Account): Promise<void> {
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
  }
}
